// What the retention policies would change now: the one selection both the dry run (the
// counts an admin sees before saving a policy) and the daily job use, so the two agree.
//
// - Guests are anonymised (erased, lib/rights/erase-guest.ts) when every venue they visited has
//   a guest period and their last visit there is older than it. Guests are shared by venues:
//   a venue without a guest period keeps its guests, so one venue's policy never erases a
//   guest another venue still serves.
// - A venue's raw events older than its event period are deleted (aggregates must be taken
//   before: docs/RIGHTS.md).
// - Journeys and ended access sessions older than the session period lose their network
//   details (client MAC and IP, the address and browser, gateway parameters, error texts),
//   the columns erasure clears; the rows, times and counts stay.
import "server-only";

import type { DbTx } from "@/lib/db/client";

import type { RetentionPeriods } from "./schemas";

export interface VenuePolicy extends RetentionPeriods {
  venueId: string;
}

export interface RetentionCounts {
  guests: number;
  events: number;
  journeys: number;
  accessSessions: number;
}

export const noCounts = (): RetentionCounts => ({ guests: 0, events: 0, journeys: 0, accessSessions: 0 });

export async function loadPolicies(db: DbTx): Promise<VenuePolicy[]> {
  return db.retentionPolicy.findMany({ select: { venueId: true, guestMonths: true, eventMonths: true, sessionMonths: true }, orderBy: { venueId: "asc" } });
}

/** The policies with one venue's replaced (a proposed change), for the dry run. */
export function withPolicy(policies: readonly VenuePolicy[], proposed: VenuePolicy): VenuePolicy[] {
  return [...policies.filter((p) => p.venueId !== proposed.venueId), proposed];
}

const policyJson = (policies: readonly VenuePolicy[]) =>
  JSON.stringify(policies.map((p) => ({ venue_id: p.venueId, guest_months: p.guestMonths, event_months: p.eventMonths, session_months: p.sessionMonths })));

/** Guests the policies anonymise now, with the venues each visited. */
export async function guestsToAnonymise(db: DbTx, policies: readonly VenuePolicy[], now: Date): Promise<{ guestId: string; venueIds: string[] }[]> {
  if (!policies.some((p) => p.guestMonths !== null)) return [];
  return db.$queryRaw<{ guestId: string; venueIds: string[] }[]>`
    WITH p AS (SELECT * FROM jsonb_to_recordset(${policyJson(policies)}::jsonb) AS p(venue_id uuid, guest_months int, event_months int, session_months int))
    SELECT g.id AS "guestId", array_agg(DISTINCT v.venue_id::text ORDER BY v.venue_id::text) AS "venueIds"
    FROM guest g JOIN visit v ON v.guest_id = g.id
    WHERE g.erased_at IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM visit recent LEFT JOIN p ON p.venue_id = recent.venue_id
        WHERE recent.guest_id = g.id
          AND (p.guest_months IS NULL OR recent.connected_at >= ${now}::timestamptz - make_interval(months => p.guest_months)))
    GROUP BY g.id ORDER BY g.id`;
}

/** Per venue: events, journeys and access sessions the policies change now. */
export async function rowsPerVenue(db: DbTx, policies: readonly VenuePolicy[], now: Date): Promise<Map<string, Omit<RetentionCounts, "guests">>> {
  const rows = await db.$queryRaw<{ venueId: string; events: number; journeys: number; accessSessions: number }[]>`
    WITH p AS (SELECT * FROM jsonb_to_recordset(${policyJson(policies)}::jsonb) AS p(venue_id uuid, guest_months int, event_months int, session_months int))
    SELECT p.venue_id::text AS "venueId",
      (SELECT count(*)::int FROM event e WHERE e.venue_id = p.venue_id AND p.event_months IS NOT NULL
         AND e.occurred_at < ${now}::timestamptz - make_interval(months => p.event_months)) AS events,
      (SELECT count(*)::int FROM journey j WHERE j.venue_id = p.venue_id AND p.session_months IS NOT NULL
         AND j.created_at < ${now}::timestamptz - make_interval(months => p.session_months)
         AND (j.client_mac IS NOT NULL OR j.client_ip IS NOT NULL OR j.ip IS NOT NULL OR j.user_agent IS NOT NULL
              OR j.original_url IS NOT NULL OR j.identity IS NOT NULL OR j.gateway_params <> '{}'::jsonb)) AS journeys,
      (SELECT count(*)::int FROM access_session a WHERE a.venue_id = p.venue_id AND p.session_months IS NOT NULL
         AND a.status IN ('ENDED', 'DENIED') AND a.created_at < ${now}::timestamptz - make_interval(months => p.session_months)
         AND (a.client_mac IS NOT NULL OR a.client_ip IS NOT NULL OR a.error IS NOT NULL)) AS "accessSessions"
    FROM p`;
  return new Map(rows.map(({ venueId, ...counts }) => [venueId, counts]));
}

/**
 * The dry run: what the policies would change now, per venue and in total. A guest counts for
 * every venue they visited (so venues' guest counts may add up to more than the total).
 */
export async function retentionDryRun(db: DbTx, policies: readonly VenuePolicy[], now: Date): Promise<{ total: RetentionCounts; perVenue: Map<string, RetentionCounts> }> {
  const [guests, rows] = await Promise.all([guestsToAnonymise(db, policies, now), rowsPerVenue(db, policies, now)]);
  const perVenue = new Map<string, RetentionCounts>();
  const total = noCounts();
  for (const [venueId, counts] of rows) {
    perVenue.set(venueId, { guests: 0, ...counts });
    total.events += counts.events;
    total.journeys += counts.journeys;
    total.accessSessions += counts.accessSessions;
  }
  for (const guest of guests) {
    for (const venueId of guest.venueIds) {
      const counts = perVenue.get(venueId);
      if (counts) counts.guests += 1;
    }
  }
  total.guests = guests.length;
  return { total, perVenue };
}
