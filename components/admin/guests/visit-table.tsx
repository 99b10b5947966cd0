import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { GuestVisit } from "@/lib/guests/guest-activity";

import { Timestamp } from "@/components/admin/timestamp";

export function VisitTable({ visits }: { visits: GuestVisit[] }) {
  if (visits.length === 0) return <EmptyState title="No visits on this page" />;
  return (
    <Table>
      <caption className="sr-only">Visits, most recent first; times in each venue&apos;s time zone</caption>
      <thead>
        <tr>
          <Th>Venue</Th>
          <Th>Zone</Th>
          <Th>Connected</Th>
          <Th>Dwell</Th>
          <Th>Login</Th>
          <Th>Device</Th>
        </tr>
      </thead>
      <tbody>
        {visits.map((visit) => (
          <tr key={visit.id}>
            <Td>{visit.venue.name}</Td>
            <Td>{visit.zoneName ?? <span className="text-slate-500">Unknown</span>}</Td>
            <Td>
              <Timestamp at={visit.connectedAt} timeZone={visit.venue.timezone} />
            </Td>
            <Td>{visit.dwellSeconds === null ? <span className="text-slate-500">Not reported</span> : formatDwell(visit.dwellSeconds)}</Td>
            <Td>{visit.loginMethod === "LOYALTY" ? "Loyalty" : visit.loginMethod === "EMAIL" ? "Email" : visit.loginMethod}</Td>
            <Td>{[visit.device.osFamily, visit.device.browser].filter(Boolean).join(" · ") || visit.device.deviceType.toLowerCase()}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** "2 h 05 min", "12 min", "40 s". */
export function formatDwell(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
