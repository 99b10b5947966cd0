import Link from "next/link";

import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { PurposeSummary, WordingVersion } from "@/lib/consent/wording/view-types";

import { formatWhen } from "@/components/admin/format-when";

export interface QueueItem extends WordingVersion {
  venue: { slug: string; name: string };
  purpose: PurposeSummary;
}

/** Versions waiting for legal across every venue, each linking to where it is decided. */
export function WordingQueue({ items, emptyTitle, hrefFor }: { items: QueueItem[]; emptyTitle: string; hrefFor: (item: QueueItem) => string }) {
  if (items.length === 0) return <EmptyState title={emptyTitle} />;
  return (
    <Table aria-label="Wording waiting">
      <thead>
        <tr>
          <Th>Venue</Th>
          <Th>Purpose</Th>
          <Th>Locale</Th>
          <Th>Version</Th>
          <Th>Drafted by</Th>
          <Th>Reviewed by</Th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <Td>{item.venue.name}</Td>
            <Td>
              <Link href={hrefFor(item)} className="font-medium text-brand hover:underline">
                {item.purpose.label}
              </Link>
            </Td>
            <Td>{item.locale}</Td>
            <Td className="tabular-nums">v{item.version}</Td>
            <Td>
              {item.author ?? "Not recorded"}
              <div className="text-xs text-slate-600">{formatWhen(item.createdAt)}</div>
            </Td>
            <Td>{item.reviewer ? `${item.reviewer}${item.reviewedAt ? ` · ${formatWhen(item.reviewedAt)}` : ""}` : "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
