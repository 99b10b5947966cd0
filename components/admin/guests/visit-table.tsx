import { ButtonForm } from "@/components/admin/delivery/button-form";
import { Timestamp } from "@/components/admin/timestamp";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { GuestVisit, GuestVisitAccess } from "@/lib/guests/guest-activity";
import type { StaffActionState } from "@/lib/staff/action-state";

const loginMethodLabels: Record<GuestVisit["loginMethod"], string> = { EMAIL: "Email", LOYALTY: "Loyalty", SAML: "Venue website (SAML)", VOUCHER: "Access code" };

type EndAccessAction = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/** The visits, with each one's network access; `endAccess` (admins) offers to end an active one. */
export function VisitTable({ visits, endAccess, guestId, now = new Date() }: { visits: GuestVisit[]; endAccess?: EndAccessAction; guestId?: string; now?: Date }) {
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
          <Th>Network access</Th>
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
            <Td>{loginMethodLabels[visit.loginMethod]}</Td>
            <Td>{[visit.device.osFamily, visit.device.browser].filter(Boolean).join(" · ") || visit.device.deviceType.toLowerCase()}</Td>
            <Td>
              <AccessCell access={visit.access} timeZone={visit.venue.timezone} now={now} />
              {visit.access && endAccess && guestId && isActive(visit.access, now) ? (
                <div className="mt-2">
                  <ButtonForm name={`End network access of the visit at ${visit.venue.name}`} action={endAccess} values={{ guestId, sessionId: visit.access.sessionId }} label="End access" variant="secondary" />
                </div>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

const isActive = (access: GuestVisitAccess, now: Date) => (access.status === "GRANTED" || access.status === "PENDING") && !access.endedAt && (!access.expiresAt || access.expiresAt > now);

function AccessCell({ access, timeZone, now }: { access: GuestVisitAccess | null; timeZone: string; now: Date }) {
  if (!access) return <span className="text-slate-500">Not recorded</span>;
  const via = access.gatewayName ? ` via ${access.gatewayName}` : "";
  const moved = access.bytesIn + access.bytesOut > 0n ? ` · ${formatBytes(access.bytesOut)} down, ${formatBytes(access.bytesIn)} up` : "";
  if (access.status === "DENIED") return <span>Not let on{via}</span>;
  if (access.status === "PENDING" && isActive(access, now)) return <span>Waiting for the gateway{via}</span>;
  if (isActive(access, now))
    return (
      <span>
        Online{via} until <Timestamp at={access.expiresAt!} timeZone={timeZone} />
        {moved}
      </span>
    );
  return (
    <span>
      Ended{access.endReason ? ` (${access.endReason})` : ""}
      {via}
      {moved}
    </span>
  );
}

/** "1.2 GB", "340 MB", "12 kB". */
export function formatBytes(bytes: bigint): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** "2 h 05 min", "12 min", "40 s". */
export function formatDwell(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
