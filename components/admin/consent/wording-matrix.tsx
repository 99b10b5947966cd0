import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { PendingCounts, PurposeSummary, WordingCell } from "@/lib/consent/wording/view-types";

/** Each consent purpose × each venue locale: what guests see, and what waits for someone. */
export function WordingMatrix({
  rows,
  locales,
  defaultLocale,
  cellHref,
}: {
  rows: { purpose: PurposeSummary; cells: WordingCell[] }[];
  locales: string[];
  defaultLocale: string;
  cellHref: (purposeId: string, locale: string) => string;
}) {
  if (rows.length === 0) return <EmptyState title="No consent purposes at this venue yet">Purposes are added with the venue and its sponsors.</EmptyState>;
  return (
    <Table aria-label="Consent wording by purpose and locale">
      <thead>
        <tr>
          <Th>Purpose</Th>
          {locales.map((locale) => (
            <Th key={locale}>
              {locale}
              {locale === defaultLocale ? <span className="ml-1 text-xs font-normal text-slate-600">(default)</span> : null}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ purpose, cells }) => (
          <tr key={purpose.id}>
            <Th scope="row" className="border-slate-100 align-top">
              {purpose.label}
              {purpose.hiddenReason ? <div className="mt-1 text-xs font-normal text-amber-800">{purpose.hiddenReason}</div> : null}
            </Th>
            {cells.map((cell) => (
              <Td key={cell.locale}>
                <Link href={cellHref(purpose.id, cell.locale)} className="font-medium text-brand hover:underline">
                  <LiveSummary cell={cell} />
                  <span className="sr-only"> — {purpose.label}, {cell.locale}</span>
                </Link>
                <PendingBadges pending={cell.pending} />
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function LiveSummary({ cell }: { cell: WordingCell }) {
  if (cell.live) return <>Live: v{cell.live.version}</>;
  if (cell.fallback) return <>Falls back to {cell.fallback.locale} (v{cell.fallback.version})</>;
  return <>Nothing live</>;
}

export function PendingBadges({ pending }: { pending: PendingCounts }) {
  const badges = [
    pending.IN_REVIEW ? <Badge key="review" tone="warning">{pending.IN_REVIEW} in review</Badge> : null,
    pending.APPROVED ? <Badge key="approved" tone="info">{pending.APPROVED} approved, not published</Badge> : null,
    pending.DRAFT ? <Badge key="draft">{pending.DRAFT} {pending.DRAFT === 1 ? "draft" : "drafts"}</Badge> : null,
  ].filter(Boolean);
  return badges.length ? <div className="mt-1 flex flex-wrap gap-1">{badges}</div> : null;
}
