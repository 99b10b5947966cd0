// The dashboard's queries. Each reads only the rollups (never the event log), through their
// primary keys: venue first (a list of venues for "all venues"), then the local time range.
import "server-only";

import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

import type { Granularity } from "./schemas";

/** Which rows a query reads: venues, an optional zone, and local calendar days (both included). */
export interface RollupScope {
  venueIds: readonly string[];
  zoneId?: string;
  from: string;
  to: string;
}

const where = (s: RollupScope, column: "local_hour" | "local_day") =>
  Prisma.sql`venue_id = ANY (${[...s.venueIds]}::uuid[])
    ${s.zoneId ? Prisma.sql`AND zone_id = ${s.zoneId}::uuid` : Prisma.empty}
    AND ${column === "local_hour" ? Prisma.sql`local_hour >= ${s.from}::date AND local_hour < ${s.to}::date + 1` : Prisma.sql`local_day BETWEEN ${s.from}::date AND ${s.to}::date`}`;

const trunc = (g: Granularity) => Prisma.raw(`'${g}'`);

export interface Totals {
  visits: number;
  uniqueGuests: number;
  newGuests: number;
  returningGuests: number;
  sessionsEnded: number;
  dwellSeconds: number;
}

export async function queryTotals(db: Db, s: RollupScope): Promise<Totals> {
  const [[hours], [guests]] = await Promise.all([
    db.$queryRaw<Omit<Totals, "uniqueGuests">[]>`
      SELECT COALESCE(sum(visits), 0)::int AS visits, COALESCE(sum(new_guests), 0)::int AS "newGuests",
             COALESCE(sum(returning_guests), 0)::int AS "returningGuests", COALESCE(sum(sessions_ended), 0)::int AS "sessionsEnded",
             COALESCE(sum(dwell_seconds), 0)::float8 AS "dwellSeconds"
      FROM analytics_hour WHERE ${where(s, "local_hour")}`,
    db.$queryRaw<{ uniqueGuests: number }[]>`
      SELECT count(DISTINCT guest_id)::int AS "uniqueGuests" FROM analytics_guest_hour WHERE ${where(s, "local_hour")}`,
  ]);
  return { ...hours!, uniqueGuests: guests!.uniqueGuests };
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
  const bucket = Prisma.sql`to_char(date_trunc(${trunc(granularity)}, local_hour), 'YYYY-MM-DD"T"HH24:MI')`;
  const [counts, guests] = await Promise.all([
    db.$queryRaw<Omit<SeriesPoint, "uniqueGuests">[]>`
      SELECT ${bucket} AS bucket, sum(visits)::int AS visits, sum(new_guests)::int AS "newGuests", sum(returning_guests)::int AS "returningGuests"
      FROM analytics_hour WHERE ${where(s, "local_hour")} GROUP BY 1`,
    db.$queryRaw<{ bucket: string; uniqueGuests: number }[]>`
      SELECT ${bucket} AS bucket, count(DISTINCT guest_id)::int AS "uniqueGuests"
      FROM analytics_guest_hour WHERE ${where(s, "local_hour")} GROUP BY 1`,
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

/** Visits by ISO weekday (1 = Monday) and local hour. */
export async function queryHeatmap(db: Db, s: RollupScope): Promise<number[][]> {
  const rows = await db.$queryRaw<{ weekday: number; hour: number; visits: number }[]>`
    SELECT extract(isodow FROM local_hour)::int AS weekday, extract(hour FROM local_hour)::int AS hour, sum(visits)::int AS visits
    FROM analytics_hour WHERE ${where(s, "local_hour")} GROUP BY 1, 2`;
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const r of rows) grid[r.weekday - 1]![r.hour] = r.visits;
  return grid;
}

export type SplitDimension = "login" | "device" | "os" | "language" | "dwell";
export type Splits = Record<SplitDimension, { value: string; count: number }[]>;

export async function querySplits(db: Db, s: RollupScope): Promise<Splits> {
  const rows = await db.$queryRaw<{ dimension: SplitDimension; value: string; count: number }[]>`
    SELECT dimension, value, sum(count)::int AS count FROM analytics_day_count
    WHERE ${where(s, "local_day")} AND dimension IN ('login', 'device', 'os', 'language', 'dwell')
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
    FROM analytics_day_count WHERE ${where(s, "local_day")} AND dimension IN ('optin.shown', 'optin.granted')
    GROUP BY 1 ORDER BY 1`;
}

export interface OptInPoint extends OptInCount {
  bucket: string;
}

/** Opt-ins per purpose per day or week (hour granularity reads as days: consent is counted per day). */
export async function queryOptInTrend(db: Db, s: RollupScope, granularity: Granularity): Promise<OptInPoint[]> {
  const g = granularity === "hour" ? "day" : granularity;
  return db.$queryRaw<OptInPoint[]>`
    SELECT to_char(date_trunc(${trunc(g)}, local_day::timestamp), 'YYYY-MM-DD"T"HH24:MI') AS bucket, value AS purpose,
           COALESCE(sum(count) FILTER (WHERE dimension = 'optin.shown'), 0)::int AS shown,
           COALESCE(sum(count) FILTER (WHERE dimension = 'optin.granted'), 0)::int AS granted
    FROM analytics_day_count WHERE ${where(s, "local_day")} AND dimension IN ('optin.shown', 'optin.granted')
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
    FROM analytics_hour WHERE ${where(s, "local_hour")}
    GROUP BY 1, 2 HAVING sum(visits) > 0 ORDER BY 3 DESC, 1, 2 LIMIT ${limit}`;
}
