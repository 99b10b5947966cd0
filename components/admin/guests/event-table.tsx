import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { GuestEvent } from "@/lib/guests/guest-activity";

import { JsonView } from "./json-view";
import { Timestamp } from "@/components/admin/timestamp";

export function EventTable({ events }: { events: GuestEvent[] }) {
  if (events.length === 0) return <EmptyState title="No events on this page" />;
  return (
    <Table>
      <caption className="sr-only">Events, newest first; times in the venue&apos;s time zone</caption>
      <thead>
        <tr>
          <Th>Event</Th>
          <Th>When</Th>
          <Th>Venue</Th>
          <Th>Zone</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <Td>
              <code className="font-mono text-xs">{event.type}</code>
            </Td>
            <Td>
              <Timestamp at={event.occurredAt} timeZone={event.venue?.timezone ?? "UTC"} />
            </Td>
            <Td>{event.venue?.name ?? <span className="text-slate-500">—</span>}</Td>
            <Td>{event.zoneName ?? <span className="text-slate-500">—</span>}</Td>
            <Td className="min-w-64">
              <JsonView value={event.payload} emptyText="—" />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
