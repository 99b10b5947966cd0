// The one statement that adds events into every rollup, at every grain: hours, days, weeks and
// months (docs/ANALYTICS.md, "Grains"). Both the incremental fold (events after the watermark)
// and a venue's rebuild (its events up to the watermark) run it, over a different `source`, so
// the two can never group differently. Only what erasure keeps is read.
import { Prisma } from "@/lib/generated/prisma/client";

import { ALL_VENUES, dwellBucketSql, NO_ZONE } from "./dimensions";

const foldedTypes = ["visit.started", "guest.created", "guest.returned", "consent.recorded", "access.ended"];

// Each local time's day, ISO week (Monday) and month, as the first local day of each.
const grains = Prisma.sql`(VALUES ('d', local_at::date), ('w', date_trunc('week', local_at)::date), ('m', date_trunc('month', local_at)::date))`;

/**
 * `source` selects event rows (all columns of `event`) in (tx_id, id) order; with
 * `moveWatermark` the statement also moves the watermark past the last of them. Returns one row
 * with `read`, the number of source rows.
 */
export function foldStatement(source: Prisma.Sql, moveWatermark: boolean): Prisma.Sql {
  return Prisma.sql`
    WITH batch AS MATERIALIZED (
      SELECT e.id, e.tx_id, e.type, e.venue_id, COALESCE(e.zone_id, ${NO_ZONE}::uuid) AS zone_id, e.guest_id, e.device_id, e.payload,
             (e.occurred_at AT TIME ZONE v.timezone) AS local_at
      FROM (${source}) e
      LEFT JOIN venue v ON v.id = e.venue_id
    ), folded AS MATERIALIZED (
      SELECT * FROM batch WHERE local_at IS NOT NULL AND type = ANY (${foldedTypes}::text[])
    ), hour_rows AS MATERIALIZED (
      SELECT venue_id, zone_id, date_trunc('hour', local_at) AS local_hour,
             count(*) FILTER (WHERE type = 'visit.started') AS visits, count(*) FILTER (WHERE type = 'guest.created') AS new_guests,
             count(*) FILTER (WHERE type = 'guest.returned') AS returning_guests, count(*) FILTER (WHERE type = 'access.ended') AS sessions_ended,
             COALESCE(sum((payload ->> 'dwellSeconds')::bigint) FILTER (WHERE type = 'access.ended'), 0) AS dwell_seconds
      FROM folded WHERE type <> 'consent.recorded'
      GROUP BY 1, 2, 3
    ), hour_all AS MATERIALIZED (
      -- Each venue's rows and the "all venues" rows (venue and zone nil) beside them.
      SELECT * FROM hour_rows
      UNION ALL
      SELECT ${ALL_VENUES}::uuid, ${NO_ZONE}::uuid, local_hour, sum(visits), sum(new_guests), sum(returning_guests), sum(sessions_ended), sum(dwell_seconds)
      FROM hour_rows GROUP BY local_hour
    ), hours AS (
      INSERT INTO analytics_hour AS h (venue_id, zone_id, local_hour, visits, new_guests, returning_guests, sessions_ended, dwell_seconds)
      SELECT * FROM hour_all
      ON CONFLICT (venue_id, local_hour, zone_id) DO UPDATE SET
        visits = h.visits + EXCLUDED.visits, new_guests = h.new_guests + EXCLUDED.new_guests,
        returning_guests = h.returning_guests + EXCLUDED.returning_guests,
        sessions_ended = h.sessions_ended + EXCLUDED.sessions_ended, dwell_seconds = h.dwell_seconds + EXCLUDED.dwell_seconds
    ), periods AS (
      INSERT INTO analytics_period AS p (venue_id, grain, period, zone_id, visits, new_guests, returning_guests, sessions_ended, dwell_seconds)
      SELECT r.venue_id, g.grain, g.period, r.zone_id, sum(r.visits), sum(r.new_guests), sum(r.returning_guests), sum(r.sessions_ended), sum(r.dwell_seconds)
      FROM (SELECT *, local_hour AS local_at FROM hour_all) r CROSS JOIN LATERAL ${grains} AS g(grain, period)
      GROUP BY 1, 2, 3, 4
      ON CONFLICT (venue_id, grain, period, zone_id) DO UPDATE SET
        visits = p.visits + EXCLUDED.visits, new_guests = p.new_guests + EXCLUDED.new_guests,
        returning_guests = p.returning_guests + EXCLUDED.returning_guests,
        sessions_ended = p.sessions_ended + EXCLUDED.sessions_ended, dwell_seconds = p.dwell_seconds + EXCLUDED.dwell_seconds
    ), heat AS (
      INSERT INTO analytics_month_heat AS m (venue_id, local_month, weekday, hour, visits)
      SELECT venue_id, date_trunc('month', local_hour)::date, extract(isodow FROM local_hour)::smallint, extract(hour FROM local_hour)::smallint, sum(visits)
      FROM hour_all WHERE visits > 0
      GROUP BY 1, 2, 3, 4
      ON CONFLICT (venue_id, local_month, weekday, hour) DO UPDATE SET visits = m.visits + EXCLUDED.visits
    ), visitors AS MATERIALIZED (
      SELECT DISTINCT venue_id, zone_id, local_at, guest_id FROM folded WHERE type = 'visit.started' AND guest_id IS NOT NULL
    ), guests AS (
      INSERT INTO analytics_guest_hour (venue_id, local_hour, zone_id, guest_id)
      SELECT DISTINCT venue_id, date_trunc('hour', local_at), zone_id, guest_id FROM visitors
      ON CONFLICT DO NOTHING
    ), guest_periods AS (
      INSERT INTO analytics_guest_period (venue_id, grain, period, guest_id)
      SELECT DISTINCT v.venue_id, g.grain, g.period, v.guest_id FROM visitors v CROSS JOIN LATERAL ${grains} AS g(grain, period)
      ON CONFLICT DO NOTHING
      RETURNING grain, period, guest_id
    ), guest_day_changes AS (
      -- A venue's new (day, guest) rows: one more venue that saw the guest that day.
      SELECT guest_id, period AS day, count(*)::int AS venues FROM guest_periods WHERE grain = 'd' GROUP BY 1, 2
    ), ${guestDayChain(Prisma.sql`guest_day_changes`)}, day_values AS (
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
    ), day_rows AS MATERIALIZED (
      SELECT venue_id, zone_id, local_day, dimension, left(COALESCE(value, 'unknown'), 80) AS value, count(*) AS count
      FROM day_values GROUP BY 1, 2, 3, 4, 5
    ), day_all AS MATERIALIZED (
      SELECT * FROM day_rows
      UNION ALL
      SELECT ${ALL_VENUES}::uuid, ${NO_ZONE}::uuid, local_day, dimension, value, sum(count) FROM day_rows GROUP BY 3, 4, 5
    ), days AS (
      INSERT INTO analytics_day_count AS c (venue_id, zone_id, local_day, dimension, value, count)
      SELECT * FROM day_all
      ON CONFLICT (venue_id, local_day, dimension, value, zone_id) DO UPDATE SET count = c.count + EXCLUDED.count
    ), period_counts AS (
      INSERT INTO analytics_period_count AS c (venue_id, grain, period, dimension, value, count)
      SELECT r.venue_id, g.grain, g.period, r.dimension, r.value, sum(r.count)
      FROM day_all r CROSS JOIN LATERAL (VALUES ('w', date_trunc('week', r.local_day)::date), ('m', date_trunc('month', r.local_day)::date)) AS g(grain, period)
      GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (venue_id, grain, period, dimension, value) DO UPDATE SET count = c.count + EXCLUDED.count
    ), last AS (
      SELECT tx_id, id FROM batch ORDER BY tx_id DESC, id DESC LIMIT 1
    ), moved AS (
      UPDATE analytics_watermark w SET tx_id = last.tx_id, event_id = last.id,
             events_folded = w.events_folded + (SELECT count(*) FROM batch), updated_at = now()
      FROM last WHERE w.id = 'events' AND ${moveWatermark}
    )
    SELECT (SELECT count(*) FROM batch)::int AS read`;
}

/**
 * CTEs (for a WITH list) that apply `changes` — rows `(guest_id, day, venues)`, `venues` the
 * number of venues that now see the guest on that local day (+1) or no longer do (−1) — to
 * analytics_guest_day (each guest's visit days across venues, with the previous one) and
 * analytics_unique_day (guest days per day and previous day), docs/ANALYTICS.md "Unique guests".
 * A changed guest's days are chained again whole, from the rows before the statement and the
 * changes; the counts move by the difference between the old and the new (day, previous day)
 * pairs, so the same CTEs serve the fold (+1) and a venue's rebuild (−1, then the fold).
 */
export function guestDayChain(changes: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`chain_old AS MATERIALIZED (
      SELECT o.guest_id, o.day, o.previous_day, o.venues FROM analytics_guest_day o WHERE o.guest_id IN (SELECT guest_id FROM ${changes})
    ), chain_days AS MATERIALIZED (
      SELECT guest_id, day, sum(venues)::int AS venues
      FROM (SELECT guest_id, day, venues FROM chain_old UNION ALL SELECT guest_id, day, venues FROM ${changes}) d
      GROUP BY 1, 2 HAVING sum(venues) > 0
    ), chain_new AS MATERIALIZED (
      SELECT guest_id, day, COALESCE(lag(day) OVER (PARTITION BY guest_id ORDER BY day), '-infinity'::date) AS previous_day, venues FROM chain_days
    ), chain_diff AS MATERIALIZED (
      -- Old and new side by side per (guest, day), by grouping rather than joining: the planner
      -- estimates these CTEs at a row or two, and a join it plans as a nested loop over them
      -- would compare every row with every other (a 10,000-guest batch took 73 s that way).
      SELECT guest_id, day,
             max(previous_day) FILTER (WHERE side = 'old') AS old_previous, max(venues) FILTER (WHERE side = 'old') AS old_venues,
             max(previous_day) FILTER (WHERE side = 'new') AS new_previous, max(venues) FILTER (WHERE side = 'new') AS new_venues
      FROM (SELECT 'old' AS side, guest_id, day, previous_day, venues FROM chain_old UNION ALL SELECT 'new', guest_id, day, previous_day, venues FROM chain_new) d
      GROUP BY guest_id, day
    ), chain_gone AS (
      DELETE FROM analytics_guest_day g USING chain_diff d
      WHERE g.guest_id = d.guest_id AND g.day = d.day AND d.new_previous IS NULL
    ), chain_kept AS (
      INSERT INTO analytics_guest_day AS g (guest_id, day, previous_day, venues)
      SELECT guest_id, day, new_previous, new_venues FROM chain_diff
      WHERE new_previous IS NOT NULL AND (old_previous IS NULL OR old_previous <> new_previous OR old_venues <> new_venues)
      ON CONFLICT (guest_id, day) DO UPDATE SET previous_day = EXCLUDED.previous_day, venues = EXCLUDED.venues
    ), chain_moves AS (
      SELECT day, previous_day, sum(n)::int AS n
      FROM (SELECT day, previous_day, 1 AS n FROM chain_new UNION ALL SELECT day, previous_day, -1 FROM chain_old) d
      GROUP BY 1, 2 HAVING sum(n) <> 0
    ), chain_counts AS (
      INSERT INTO analytics_unique_day AS u (day, previous_day, guests) SELECT * FROM chain_moves
      ON CONFLICT (day, previous_day) DO UPDATE SET guests = u.guests + EXCLUDED.guests
    )`;
}

/** Takes one venue's (day, guest) rows ($1) out of the cross-venue guest days, before its rebuild deletes them. */
export const subtractVenueGuestDays = (venueId: string): Prisma.Sql => Prisma.sql`
  WITH venue_days AS MATERIALIZED (
    SELECT guest_id, period AS day, -1 AS venues FROM analytics_guest_period WHERE venue_id = ${venueId}::uuid AND grain = 'd'
  ), ${guestDayChain(Prisma.sql`venue_days`)}
  SELECT 1`;

/**
 * The counting rollups, for taking one venue's share out of the "all venues" rows: the key
 * columns besides venue and zone, whether the table has a zone, and the columns that add up.
 * (The guest sets have no "all venues" rows: a guest's rows at each venue are its own.)
 */
export const countingRollups = [
  { table: "analytics_hour", keys: ["local_hour"], zone: true, sums: ["visits", "new_guests", "returning_guests", "sessions_ended", "dwell_seconds"] },
  { table: "analytics_day_count", keys: ["local_day", "dimension", "value"], zone: true, sums: ["count"] },
  { table: "analytics_period", keys: ["grain", "period"], zone: true, sums: ["visits", "new_guests", "returning_guests", "sessions_ended", "dwell_seconds"] },
  { table: "analytics_period_count", keys: ["grain", "period", "dimension", "value"], zone: false, sums: ["count"] },
  { table: "analytics_month_heat", keys: ["local_month", "weekday", "hour"], zone: false, sums: ["visits"] },
] as const;

/** `UPDATE` taking a venue's rows ($1) out of the "all venues" rows of one counting rollup. */
export function subtractVenueSql(rollup: (typeof countingRollups)[number]): string {
  const keys = rollup.keys.map((k) => `a.${k} = v.${k}`).join(" AND ");
  return `UPDATE ${rollup.table} a SET ${rollup.sums.map((c) => `${c} = a.${c} - v.${c}`).join(", ")}
    FROM (SELECT ${rollup.keys.join(", ")}, ${rollup.sums.map((c) => `sum(${c}) AS ${c}`).join(", ")} FROM ${rollup.table} WHERE venue_id = $1::uuid GROUP BY ${rollup.keys.join(", ")}) v
    WHERE a.venue_id = '${ALL_VENUES}'::uuid ${rollup.zone ? `AND a.zone_id = '${NO_ZONE}'::uuid` : ""} AND ${keys}`;
}

/** Every rollup table with a venue column, for a venue's rebuild. */
export const venueRollupTables = [
  "analytics_hour",
  "analytics_day_count",
  "analytics_guest_hour",
  "analytics_period",
  "analytics_period_count",
  "analytics_guest_period",
  "analytics_month_heat",
] as const;

/** Every rollup table: the venues' and the cross-venue guest days (emptied by a whole rebuild). */
export const rollupTables = [...venueRollupTables, "analytics_guest_day", "analytics_unique_day"] as const;
