// The incremental fold: new events since the watermark into the rollup tables, in batches.
// Rows are read in (tx_id, id) order and only below the transaction horizon, like the API
// feeds (docs/API.md, "Why cursors follow transactions"): an event whose transaction commits
// after a run, even with a lower id, is above that run's horizon and is folded by a later run.
// Each batch is one transaction holding the watermark row's lock, so two runners never fold
// the same events twice. Only what erasure keeps is read (ids, times, the anonymous payload
// keys, device type/OS/language), so erasing a guest changes no aggregate.
// Not server-only: it holds no secret, and the e2e specs fold what they wrote with it.

import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

import { dwellBucketSql, NO_ZONE } from "./dimensions";

const horizon = Prisma.sql`(pg_snapshot_xmin(pg_current_snapshot()))::text::bigint`;
const foldedTypes = ["visit.started", "guest.created", "guest.returned", "consent.recorded", "access.ended"];

export interface FoldResult {
  /** Events read (folded types and others, all moved past). */
  events: number;
  batches: number;
}

/** Folds every event below the horizon, `batchSize` at a time. */
export async function foldEvents(db: Db, options: { batchSize?: number; maxBatches?: number } = {}): Promise<FoldResult> {
  const batchSize = options.batchSize ?? 20_000;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let events = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const read = await foldBatch(db, batchSize);
    if (read === 0) break;
    events += read;
    batches += 1;
    if (read < batchSize) break;
  }
  return { events, batches };
}

async function foldBatch(db: Db, batchSize: number): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const [mark] = await tx.$queryRaw<{ txId: bigint; eventId: bigint }[]>`
        SELECT tx_id AS "txId", event_id AS "eventId" FROM analytics_watermark WHERE id = 'events' FOR UPDATE`;
      if (!mark) throw new Error("analytics_watermark has no 'events' row: the migration inserts it");
      const [done] = await tx.$queryRaw<{ read: number }[]>`
        WITH batch AS MATERIALIZED (
          SELECT e.id, e.tx_id, e.type, e.venue_id, COALESCE(e.zone_id, ${NO_ZONE}::uuid) AS zone_id, e.guest_id, e.device_id, e.payload,
                 (e.occurred_at AT TIME ZONE v.timezone) AS local_at
          FROM (SELECT * FROM event
                WHERE (tx_id, id) > (${mark.txId}::bigint, ${mark.eventId}::bigint) AND tx_id < ${horizon}
                ORDER BY tx_id, id LIMIT ${batchSize}) e
          LEFT JOIN venue v ON v.id = e.venue_id
        ), folded AS (
          SELECT * FROM batch WHERE local_at IS NOT NULL AND type = ANY (${foldedTypes}::text[])
        ), hours AS (
          INSERT INTO analytics_hour AS h (venue_id, zone_id, local_hour, visits, new_guests, returning_guests, sessions_ended, dwell_seconds)
          SELECT venue_id, zone_id, date_trunc('hour', local_at),
                 count(*) FILTER (WHERE type = 'visit.started'), count(*) FILTER (WHERE type = 'guest.created'),
                 count(*) FILTER (WHERE type = 'guest.returned'), count(*) FILTER (WHERE type = 'access.ended'),
                 COALESCE(sum((payload ->> 'dwellSeconds')::bigint) FILTER (WHERE type = 'access.ended'), 0)
          FROM folded WHERE type <> 'consent.recorded'
          GROUP BY 1, 2, 3
          ON CONFLICT (venue_id, local_hour, zone_id) DO UPDATE SET
            visits = h.visits + EXCLUDED.visits, new_guests = h.new_guests + EXCLUDED.new_guests,
            returning_guests = h.returning_guests + EXCLUDED.returning_guests,
            sessions_ended = h.sessions_ended + EXCLUDED.sessions_ended, dwell_seconds = h.dwell_seconds + EXCLUDED.dwell_seconds
        ), guests AS (
          INSERT INTO analytics_guest_hour (venue_id, local_hour, zone_id, guest_id)
          SELECT DISTINCT venue_id, date_trunc('hour', local_at), zone_id, guest_id
          FROM folded WHERE type = 'visit.started' AND guest_id IS NOT NULL
          ON CONFLICT DO NOTHING
        ), day_values AS (
          SELECT f.venue_id, f.zone_id, f.local_at::date AS local_day, d.dimension, d.value
          FROM folded f LEFT JOIN device dv ON dv.id = f.device_id
          CROSS JOIN LATERAL (VALUES ('login', f.payload ->> 'loginMethod'), ('device', dv.device_type::text),
                                     ('os', dv.os_family), ('language', NULLIF(lower(split_part(dv.language, '-', 1)), ''))) AS d(dimension, value)
          WHERE f.type = 'visit.started'
          UNION ALL
          SELECT venue_id, zone_id, local_at::date, 'dwell', ${Prisma.raw(dwellBucketSql("(payload ->> 'dwellSeconds')::int"))}
          FROM folded WHERE type = 'access.ended'
          UNION ALL
          SELECT f.venue_id, f.zone_id, f.local_at::date, m.dimension, x ->> 'purpose'
          FROM folded f CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(f.payload -> 'decisions') = 'array' THEN f.payload -> 'decisions' ELSE '[]'::jsonb END) AS x
          CROSS JOIN LATERAL (VALUES ('optin.shown', true), ('optin.granted', (x ->> 'granted')::boolean)) AS m(dimension, counted)
          WHERE f.type = 'consent.recorded' AND m.counted
        ), days AS (
          INSERT INTO analytics_day_count AS c (venue_id, zone_id, local_day, dimension, value, count)
          SELECT venue_id, zone_id, local_day, dimension, left(COALESCE(value, 'unknown'), 80), count(*)
          FROM day_values GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (venue_id, local_day, dimension, value, zone_id) DO UPDATE SET count = c.count + EXCLUDED.count
        ), last AS (
          SELECT tx_id, id FROM batch ORDER BY tx_id DESC, id DESC LIMIT 1
        ), moved AS (
          UPDATE analytics_watermark w SET tx_id = last.tx_id, event_id = last.id,
                 events_folded = w.events_folded + (SELECT count(*) FROM batch), updated_at = now()
          FROM last WHERE w.id = 'events'
        )
        SELECT (SELECT count(*) FROM batch)::int AS read`;
      return done?.read ?? 0;
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

/**
 * Empties the rollups and folds the whole log again: after a venue's time zone changes (its
 * local hours move) or to check the rollups against the log. Holds the watermark's lock while
 * it empties, so a running fold finishes first.
 */
export async function rebuildRollups(db: Db, options: { batchSize?: number } = {}): Promise<FoldResult> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM analytics_watermark WHERE id = 'events' FOR UPDATE`;
    await tx.$executeRaw`TRUNCATE analytics_hour, analytics_day_count, analytics_guest_hour`;
    await tx.$executeRaw`UPDATE analytics_watermark SET tx_id = 0, event_id = 0, events_folded = 0, updated_at = now() WHERE id = 'events'`;
  });
  return foldEvents(db, options);
}

/** Where the fold stands: the events folded so far and when it last moved. */
export async function rollupWatermark(db: Db): Promise<{ eventsFolded: number; updatedAt: Date } | null> {
  const row = await db.analyticsWatermark.findUnique({ where: { id: "events" } });
  return row ? { eventsFolded: Number(row.eventsFolded), updatedAt: row.updatedAt } : null;
}
