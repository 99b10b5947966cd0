// Access sessions whose time is up and whose gateway never said they ended (no RADIUS Stop, no
// openNDS deauthentication notice) are ended here, a quarter of an hour after their expiry so a
// late report wins. Dwell time then comes from the last seen activity (accounting interims,
// Captive Portal API requests): from the grant to the last sighting. A session never seen
// after its grant leaves the visit's dwell unknown rather than invented.
import "server-only";

import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

import { insertAccessEndedEvents } from "./access-ended-events";

/** A report arriving this long after expiry still ends the session itself. */
const graceMinutes = 15;
const batch = 1000;

/** Ends up to 1000 overdue sessions in one statement, with their visits and events; returns how many. */
export async function endExpiredSessions(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH due AS (
      SELECT id FROM access_session
      WHERE status = 'GRANTED' AND ended_at IS NULL AND expires_at < ${now}::timestamptz - make_interval(mins => ${graceMinutes})
      ORDER BY expires_at LIMIT ${batch}
      FOR UPDATE SKIP LOCKED
    ),
    ended AS (
      UPDATE access_session s
      SET status = 'ENDED', ended_at = s.expires_at, end_reason = 'expired', updated_at = ${now}
      FROM due WHERE s.id = due.id
      RETURNING s.id, s.visit_id, s.journey_id, s.venue_id, s.gateway_id, s.bytes_in, s.bytes_out,
                CASE WHEN s.last_seen_at > s.granted_at
                     THEN floor(extract(epoch FROM LEAST(s.last_seen_at, s.expires_at) - s.granted_at))::int END AS seen_seconds,
                LEAST(s.last_seen_at, s.expires_at) AS last_seen
    ),
    visits AS (
      UPDATE visit v
      SET dwell_seconds = COALESCE(v.dwell_seconds, e.seen_seconds),
          ended_at = COALESCE(v.ended_at, CASE WHEN e.seen_seconds IS NOT NULL THEN e.last_seen END)
      FROM ended e WHERE v.id = e.visit_id
    ),
    events AS (${insertAccessEndedEvents({
      from: "ended",
      at: now,
      reason: Prisma.sql`'expired'`,
      source: "expiry",
      details: Prisma.sql`jsonb_build_object('dwellSeconds', COALESCE(v.dwell_seconds, e.seen_seconds), 'bytesIn', e.bytes_in, 'bytesOut', e.bytes_out)`,
    })})
    SELECT id FROM ended`;
  return rows.length;
}
