// The `access.ended` event every way an access session ends writes (expiry sweep, staff, a
// gateway's Stop or deauthentication report): one shape, so the analytics fold and the guest's
// activity read the same keys whichever way it ended.
import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";

export interface AccessEndedEvents {
  /**
   * The name of the statement's WITH part holding the sessions that just ended, with the
   * access_session columns id, visit_id, journey_id, venue_id and gateway_id.
   */
  from: "ended" | "updated";
  at: Date;
  /** Why it ended: a literal or the column the reporting statement carries. */
  reason: Prisma.Sql;
  /** Who said so: expiry, staff, radius, opennds… */
  source: string;
  /** Keys beyond the common ones (dwell, bytes, the revocation's outcome). */
  details: Prisma.Sql;
  where?: Prisma.Sql;
}

/** The INSERT, as a data-modifying WITH part of the statement that ended the sessions. */
export function insertAccessEndedEvents(events: AccessEndedEvents): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO event (type, occurred_at, venue_id, zone_id, guest_id, device_id, journey_id, payload)
    SELECT 'access.ended', ${events.at}, e.venue_id, v.zone_id, v.guest_id, v.device_id, e.journey_id,
           jsonb_build_object('sessionId', e.id, 'gateway', CASE WHEN e.gateway_id IS NULL THEN NULL ELSE jsonb_build_object('id', e.gateway_id) END,
                              'reason', ${events.reason}, 'source', ${events.source}::text) || ${events.details}
    FROM ${Prisma.raw(events.from)} e LEFT JOIN visit v ON v.id = e.visit_id
    ${events.where ?? Prisma.empty}`;
}
