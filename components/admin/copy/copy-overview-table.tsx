import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { CopyOverviewVenue } from "@/lib/portal-copy";

import { formatWhen } from "@/components/admin/format-when";

/** Every venue × locale: what guests see now, whether a draft waits, and who changed it last. */
export function CopyOverviewTable({ venues }: { venues: CopyOverviewVenue[] }) {
  if (venues.length === 0) {
    return <EmptyState title="No venues yet">An admin creates venues under Venues; their portal copy is edited here.</EmptyState>;
  }
  return (
    <Table>
      <caption className="sr-only">Portal copy by venue and locale</caption>
      <thead>
        <tr>
          <Th>Venue</Th>
          <Th>Locale</Th>
          <Th>Live version</Th>
          <Th>Draft</Th>
          <Th>Last change</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {venues.flatMap((venue) =>
          venue.locales.map((row, index) => (
            <tr key={`${venue.id}-${row.locale}`}>
              <Td className={index === 0 ? "font-medium" : "text-slate-500"}>{index === 0 ? venue.name : <span className="sr-only">{venue.name}</span>}</Td>
              <Td>
                <span className="font-mono">{row.locale}</span> {row.isDefault ? <Badge>default</Badge> : null}
              </Td>
              <Td>
                {row.live ? (
                  <>
                    v{row.live.version}
                    {row.live.publishedAt ? <span className="text-slate-600"> · {formatWhen(row.live.publishedAt)}</span> : null}
                  </>
                ) : row.isDefault ? (
                  <Badge tone="warning">nothing published</Badge>
                ) : (
                  <span className="text-slate-600">none: falls back to {venue.locales.find((l) => l.isDefault)?.locale}</span>
                )}
              </Td>
              <Td>{row.draft ? <Badge tone="info">draft v{row.draft.version}</Badge> : <span className="text-slate-500">—</span>}</Td>
              <Td>
                {row.lastChange ? (
                  <>
                    {row.lastChange.by ?? "a removed account"}
                    <br />
                    <span className="text-slate-600">{formatWhen(row.lastChange.at)}</span>
                  </>
                ) : (
                  <span className="text-slate-500">no staff edits yet</span>
                )}
              </Td>
              <Td className="text-right">
                <Link className="text-brand hover:underline" href={`/admin/copy/${encodeURIComponent(venue.slug)}/${encodeURIComponent(row.locale)}`}>
                  Edit<span className="sr-only"> {venue.name} ({row.locale})</span>
                </Link>
              </Td>
            </tr>
          )),
        )}
      </tbody>
    </Table>
  );
}
