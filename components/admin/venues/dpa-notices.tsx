import Link from "next/link";

import { Alert } from "@/components/ui/alert";
import type { DpaNotice } from "@/lib/venues/dpa-expiry";

/** Sponsors whose data-processing agreement expires within 30 days, or has expired: renew it, or guests stop (have stopped) being offered them. */
export function DpaNotices({ notices, showVenue }: { notices: DpaNotice[]; showVenue?: boolean }) {
  if (notices.length === 0) return null;
  return (
    <Alert tone="info">
      <p className="font-medium">Data-processing agreements to renew</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {notices.map((n) => (
          <li key={n.sponsorId}>
            <Link href={`/admin/venues/${n.venueId}/sponsors/${n.sponsorId}`} className="underline">
              {n.sponsorName}
              {showVenue ? ` (${n.venueName})` : ""}
            </Link>
            {n.state === "expired"
              ? `: the agreement ${n.dpaReference ?? ""} expired on ${n.expiresOn}; guests are no longer offered this sponsor.`
              : `: the agreement ${n.dpaReference ?? ""} expires on ${n.expiresOn}; from that day guests are no longer offered this sponsor.`}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
