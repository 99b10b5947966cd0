import Link from "next/link";

import { Pagination } from "@/components/ui/pagination";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { WordingVersion } from "@/lib/consent/wording/view-types";

import { formatWhen } from "@/components/admin/format-when";
import { WordingStatusBadge } from "./wording-status-badge";

/** Every version of one purpose in one locale, newest first: who wrote it, who reviewed it and what they said. */
export function WordingHistory({
  versions,
  openHref,
  newerHref,
  olderHref,
}: {
  versions: WordingVersion[];
  openHref: (version: WordingVersion) => string;
  newerHref?: string;
  olderHref?: string;
}) {
  if (versions.length === 0) return <EmptyState title="No versions yet">Draft the first version above.</EmptyState>;
  return (
    <>
      <Table aria-label="Version history">
        <thead>
          <tr>
            <Th>Version</Th>
            <Th>Status</Th>
            <Th>Author</Th>
            <Th>Review</Th>
            <Th>Live</Th>
            <Th>
              <span className="sr-only">Open</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <Td className="tabular-nums">v{v.version}</Td>
              <Td>
                <WordingStatusBadge status={v.status} />
              </Td>
              <Td>
                {v.author ?? "Not recorded"}
                <div className="text-xs text-slate-600">{formatWhen(v.createdAt)}</div>
              </Td>
              <Td>
                {v.reviewedAt ? (
                  <>
                    {v.reviewer ?? "Not recorded"}
                    <div className="text-xs text-slate-600">{formatWhen(v.reviewedAt)}</div>
                    {v.reviewComment ? <p className="mt-1 max-w-md whitespace-pre-wrap text-sm">“{v.reviewComment}”</p> : null}
                  </>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </Td>
              <Td className="text-xs text-slate-700">
                {v.publishedAt ? <div>From {formatWhen(v.publishedAt)}</div> : null}
                {v.retiredAt && v.publishedAt ? <div>Until {formatWhen(v.retiredAt)}</div> : null}
                {v.retiredAt && !v.publishedAt ? <div>Never live: withdrawn {formatWhen(v.retiredAt)}</div> : null}
                {!v.publishedAt && !v.retiredAt ? <span className="text-slate-500">—</span> : null}
              </Td>
              <Td>
                <Link href={openHref(v)} className="text-brand hover:underline">
                  Open<span className="sr-only"> version {v.version}</span>
                </Link>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Pagination newerHref={newerHref} olderHref={olderHref} />
    </>
  );
}
