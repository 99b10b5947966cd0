import Link from "next/link";

/** Older/newer links for cursor-paginated lists; the cursor is opaque to the page. */
export function Pagination({ newerHref, olderHref }: { newerHref?: string; olderHref?: string }) {
  if (!newerHref && !olderHref) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex justify-between text-sm">
      {newerHref ? <Link className="text-brand hover:underline" href={newerHref}>← Newer</Link> : <span />}
      {olderHref ? <Link className="text-brand hover:underline" href={olderHref}>Older →</Link> : <span />}
    </nav>
  );
}
