// The dashboard's queries. Each reads only the rollups (never the event log), through their
// primary keys: venue first (a list of venues for "all venues"), then the grain and period
// pieces that cover the range (whole months or weeks, days at the edges; hours only for hourly
// buckets). Unique guests are exact distinct counts over guest rows of the same pieces, or,
// across every venue, sums over analytics_unique_day.
import "server-only";

import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

import { countsGuestDays, countsIn, dimensionRows, guestDaySum, guestDaysIn, guestRows, hoursIn, periodRows, venuesIn, zoneIs, type RollupScope } from "./rollup-sql";
import { pieceEnd, planRange } from "./range-plan";
import type { Granularity } from "./schemas";

export type { RollupScope } from "./rollup-sql";

const trunc = (g: Granularity) => Prisma.raw(`'${g}'`);
const bucketOf = (g: Granularity, column: string) => Prisma.sql`to_char(date_trunc(${trunc(g)}, ${Prisma.raw(column)}::timestamp), 'YYYY-MM-DD"T"HH24:MI')`;

/**
 * Runs a distinct count with room to sort in memory: a long range across venues sorts a few
 * million guest ids, which the server's default work_mem (4 MB) would spill to temporary files.
 * SET LOCAL ends with the query's own transaction.
 */
async function withSortMemory<T>(db: Db, query: Prisma.Sql): Promise<T[]> {
  const [, rows] = await db.$transaction([db.$executeRaw`SET LOCAL work_mem = '64MB'`, db.$queryRaw<T[]>(query)]);
  return rows;
}

export interface Totals {
  visits: number;
  uniqueGuests: number;
  newGuests: number;
  returningGuests: number;
  sessionsEnded: number;
  dwellSeconds: number;
}

export async function queryTotals(db: Db, s: RollupScope): Promise<Totals> {
  const [[counts], [guests]] = await Promise.all([
    db.$queryRaw<Omit<Totals, "uniqueGuests">[]>`
      SELECT COALESCE(sum(visits), 0)::int AS visits, COALESCE(sum(new_guests), 0)::int AS "newGuests",
             COALESCE(sum(returning_guests), 0)::int AS "returningGuests", COALESCE(sum(sessions_ended), 0)::int AS "sessionsEnded",
             COALESCE(sum(dwell_seconds), 0)::float8 AS "dwellSeconds"
      FROM (${periodRows(s, "m")}) p`,
    countsGuestDays(s)
      ? db.$queryRaw<{ uniqueGuests: number }[]>`
          SELECT COALESCE(${guestDaySum(s)}, 0)::int AS "uniqueGuests" FROM analytics_unique_day WHERE ${guestDaysIn(s)}`
      : withSortMemory<{ uniqueGuests: number }>(db, Prisma.sql`
          SELECT count(*)::int AS "uniqueGuests" FROM (SELECT DISTINCT guest_id FROM (${guestRows(s, "m")}) g) d`),
  ]);
  return { ...counts!, uniqueGuests: guests!.uniqueGuests };
}

export interface SeriesPoint {
  /** Local time of the bucket's start: "YYYY-MM-DDTHH:MI". */
  bucket: string;
  visits: number;
  uniqueGuests: number;
  newGuests: number;
  returningGuests: number;
}

export async function querySeries(db: Db, s: RollupScope, granularity: Granularity): Promise<SeriesPoint[]> {
  const hourly = granularity === "hour";
  const coarsest = granularity === "week" ? "w" : "d";
  const [counts, guests] = await Promise.all([
    hourly
      ? db.$queryRaw<Omit<SeriesPoint, "uniqueGuests">[]>`
          SELECT ${bucketOf("hour", "local_hour")} AS bucket, sum(visits)::int AS visits, sum(new_guests)::int AS "newGuests", sum(returning_guests)::int AS "returningGuests"
          FROM analytics_hour WHERE ${countsIn(s)} ${zoneIs(s)} AND ${hoursIn(s)} GROUP BY 1`
      : db.$queryRaw<Omit<SeriesPoint, "uniqueGuests">[]>`
          SELECT ${bucketOf(granularity, "period")} AS bucket, sum(visits)::int AS visits, sum(new_guests)::int AS "newGuests", sum(returning_guests)::int AS "returningGuests"
          FROM (${periodRows(s, coarsest)}) p GROUP BY 1`,
    hourly
      ? db.$queryRaw<{ bucket: string; uniqueGuests: number }[]>`
          SELECT ${bucketOf("hour", "local_hour")} AS bucket, count(DISTINCT guest_id)::int AS "uniqueGuests"
          FROM analytics_guest_hour WHERE ${venuesIn(s)} ${zoneIs(s)} AND ${hoursIn(s)} GROUP BY 1`
      : countsGuestDays(s)
      ? db.$queryRaw<{ bucket: string; uniqueGuests: number }[]>`
          SELECT ${bucketOf(granularity, "start")} AS bucket, "uniqueGuests" FROM (
            SELECT date_trunc(${trunc(granularity)}, day::timestamp) AS start, COALESCE(${guestDaySum(s, Prisma.sql`date_trunc(${trunc(granularity)}, day::timestamp)::date`)}, 0)::int AS "uniqueGuests"
            FROM analytics_unique_day WHERE ${guestDaysIn(s)} GROUP BY 1) b`
      : withSortMemory<{ bucket: string; uniqueGuests: number }>(db, Prisma.sql`
          SELECT ${bucketOf(granularity, "start")} AS bucket, "uniqueGuests" FROM (
            SELECT date_trunc(${trunc(granularity)}, period::timestamp) AS start, count(DISTINCT guest_id)::int AS "uniqueGuests"
            FROM (${guestRows(s, coarsest)}) g GROUP BY 1) b`),
  ]);
  const byBucket = new Map(counts.map((c) => [c.bucket, c]));
  const uniques = new Map(guests.map((g) => [g.bucket, g.uniqueGuests]));
  return bucketStarts(s.from, s.to, granularity).map((b) => {
    const c = byBucket.get(b);
    return { bucket: b, visits: c?.visits ?? 0, uniqueGuests: uniques.get(b) ?? 0, newGuests: c?.newGuests ?? 0, returningGuests: c?.returningGuests ?? 0 };
  });
}

/** Every bucket's start from `from` to `to` (weeks start on Monday, ISO), so empty ones are drawn too. */
export function bucketStarts(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
  let t = Date.parse(`${from}T00:00:00Z`);
  if (granularity === "week") t -= ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000;
  const step = granularity === "hour" ? 3_600_000 : granularity === "day" ? 86_400_000 : 7 * 86_400_000;
  for (; t < end; t += step) out.push(new Date(t).toISOString().slice(0, 16));
  return out;
}

/** Visits by ISO weekday (1 = Monday) and local hour: whole months from analytics_month_heat, the rest from hours. */
export async function queryHeatmap(db: Db, s: RollupScope): Promise<number[][]> {
  const pieces = planRange(s.from, s.to, s.zoneId ? "d" : "m");
  const months = pieces.filter((p) => p.grain === "m");
  const hourRanges = pieces.filter((p) => p.grain !== "m").map((p) => Prisma.sql`(local_hour >= ${p.from}::date AND local_hour < ${pieceEnd(p)}::date + 1)`);
  const rows = await db.$queryRaw<{ weekday: number; hour: number; visits: number }[]>`
    SELECT weekday, hour, sum(visits)::int AS visits FROM (
      SELECT extract(isodow FROM local_hour)::int AS weekday, extract(hour FROM local_hour)::int AS hour, visits
      FROM analytics_hour WHERE ${countsIn(s)} ${zoneIs(s)} AND (${hourRanges.length ? Prisma.join(hourRanges, " OR ") : Prisma.sql`false`})
      UNION ALL
      SELECT weekday, hour, visits FROM analytics_month_heat
      WHERE ${countsIn(s)} AND (${months.length ? Prisma.join(months.map((m) => Prisma.sql`local_month BETWEEN ${m.from}::date AND ${m.to}::date`), " OR ") : Prisma.sql`false`})
    ) h GROUP BY 1, 2`;
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const r of rows) grid[r.weekday - 1]![r.hour] = r.visits;
  return grid;
}

const splitDimensions = ["login", "device", "os", "language", "dwell"] as const;
export type SplitDimension = (typeof splitDimensions)[number];
const optInDimensions = ["optin.shown", "optin.granted"];
export type Splits = Record<SplitDimension, { value: string; count: number }[]>;

export async function querySplits(db: Db, s: RollupScope): Promise<Splits> {
  const rows = await db.$queryRaw<{ dimension: SplitDimension; value: string; count: number }[]>`
    SELECT dimension, value, sum(count)::int AS count FROM (${dimensionRows(s, "m", splitDimensions)}) c
    GROUP BY 1, 2 ORDER BY 3 DESC, 2`;
  const splits: Splits = { login: [], device: [], os: [], language: [], dwell: [] };
  for (const r of rows) splits[r.dimension].push({ value: r.value, count: r.count });
  return splits;
}

export interface OptInCount {
  purpose: string;
  shown: number;
  granted: number;
}

export async function queryOptIns(db: Db, s: RollupScope): Promise<OptInCount[]> {
  return db.$queryRaw<OptInCount[]>`
    SELECT value AS purpose, COALESCE(sum(count) FILTER (WHERE dimension = 'optin.shown'), 0)::int AS shown,
           COALESCE(sum(count) FILTER (WHERE dimension = 'optin.granted'), 0)::int AS granted
    FROM (${dimensionRows(s, "m", optInDimensions)}) c
    GROUP BY 1 ORDER BY 1`;
}

export interface OptInPoint extends OptInCount {
  bucket: string;
}

/** Opt-ins per purpose per day or week (hour granularity reads as days: consent is counted per day). */
export async function queryOptInTrend(db: Db, s: RollupScope, granularity: Granularity): Promise<OptInPoint[]> {
  const g = granularity === "hour" ? "day" : granularity;
  return db.$queryRaw<OptInPoint[]>`
    SELECT ${bucketOf(g, "period")} AS bucket, value AS purpose,
           COALESCE(sum(count) FILTER (WHERE dimension = 'optin.shown'), 0)::int AS shown,
           COALESCE(sum(count) FILTER (WHERE dimension = 'optin.granted'), 0)::int AS granted
    FROM (${dimensionRows(s, g === "week" ? "w" : "d", optInDimensions)}) c
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

export interface ZoneVisits {
  venueId: string;
  zoneId: string;
  visits: number;
}

export async function queryTopZones(db: Db, s: RollupScope, limit = 10): Promise<ZoneVisits[]> {
  return db.$queryRaw<ZoneVisits[]>`
    SELECT venue_id::text AS "venueId", zone_id::text AS "zoneId", sum(visits)::int AS visits
    FROM (${periodRows(s, "m", true)}) p
    GROUP BY 1, 2 HAVING sum(visits) > 0 ORDER BY 3 DESC, 1, 2 LIMIT ${limit}`;
}
