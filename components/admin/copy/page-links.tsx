import Link from "next/link";

/** Previous/next links for a numbered list; nothing when everything fits on one page. */
export function PageLinks({ page, pageCount, href, label }: { page: number; pageCount: number; href: (page: number) => string; label: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? <Link className="text-brand hover:underline" href={href(page - 1)}>← Previous</Link> : <span />}
      <span className="text-slate-600">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link className="text-brand hover:underline" href={href(page + 1)}>Next →</Link> : <span />}
    </nav>
  );
}
