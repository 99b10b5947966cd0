// The WHERE clauses and row sources the dashboard's queries share: which venues and zone, and
// which rows of which grain cover the range (lib/analytics/range-plan.ts). Every source reads a
// rollup through its primary key, venue first, then grain and period.
import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";

import { ALL_VENUES } from "./dimensions";
import { planRange, type RangePiece, type RollupGrain } from "./range-plan";

/** Which rows a query reads: venues, an optional zone, and local calendar days (both included). */
export interface RollupScope {
  venueIds: readonly string[];
  zoneId?: string;
  from: string;
  to: string;
  /** `venueIds` is every venue (no venue chosen): counts come from the "all venues" rows. */
  everyVenue?: boolean;
}

/** The venues' own rows (guest sets, zones). */
export const venuesIn = (s: RollupScope) => Prisma.sql`venue_id = ANY (${[...s.venueIds]}::uuid[])`;
/** Rows of a counting rollup: across every venue, its "all venues" rows (one per key, not fifty). */
export const countsIn = (s: RollupScope) => (s.everyVenue && !s.zoneId ? Prisma.sql`venue_id = ${ALL_VENUES}::uuid` : venuesIn(s));
export const zoneIs = (s: RollupScope) => (s.zoneId ? Prisma.sql`AND zone_id = ${s.zoneId}::uuid` : Prisma.empty);
export const hoursIn = (s: RollupScope) => Prisma.sql`local_hour >= ${s.from}::date AND local_hour < ${s.to}::date + 1`;

/** Rows of the pieces' grains: `(grain = 'm' AND period BETWEEN …) OR (grain = 'd' AND …)`. */
export function piecesIn(pieces: RangePiece[]): Prisma.Sql {
  if (pieces.length === 0) return Prisma.sql`false`;
  return Prisma.sql`(${Prisma.join(
    pieces.map((p) => Prisma.sql`(grain = ${p.grain}::bpchar AND period BETWEEN ${p.from}::date AND ${p.to}::date)`),
    " OR ",
  )})`;
}

/** analytics_period rows covering the range with the coarsest grain up to `coarsest` (`perVenue`: never the "all venues" rows). */
export function periodRows(s: RollupScope, coarsest: RollupGrain, perVenue = false): Prisma.Sql {
  return Prisma.sql`SELECT * FROM analytics_period WHERE ${perVenue ? venuesIn(s) : countsIn(s)} ${zoneIs(s)} AND ${piecesIn(planRange(s.from, s.to, coarsest))}`;
}

/**
 * Dimension counts `(period, dimension, value, count)` covering the range: whole weeks or months
 * from analytics_period_count, the edge days from analytics_day_count. A zone filter reads days
 * only (the coarser rows have no zone).
 */
export function dimensionRows(s: RollupScope, coarsest: RollupGrain, dimensions: readonly string[]): Prisma.Sql {
  const pieces = planRange(s.from, s.to, s.zoneId ? "d" : coarsest);
  const days = pieces.filter((p) => p.grain === "d");
  const coarse = pieces.filter((p) => p.grain !== "d");
  const dims = Prisma.sql`dimension = ANY (${[...dimensions]}::text[])`;
  const dayRows = Prisma.sql`SELECT local_day AS period, dimension, value, count FROM analytics_day_count
    WHERE ${countsIn(s)} ${zoneIs(s)} AND ${dims} AND (${days.length ? Prisma.join(days.map((d) => Prisma.sql`local_day BETWEEN ${d.from}::date AND ${d.to}::date`), " OR ") : Prisma.sql`false`})`;
  if (coarse.length === 0) return dayRows;
  return Prisma.sql`SELECT period, dimension, value, count FROM analytics_period_count WHERE ${countsIn(s)} AND ${dims} AND ${piecesIn(coarse)}
    UNION ALL ${dayRows}`;
}

/**
 * Unique guests across every venue with no zone come from analytics_unique_day (a sum, not a
 * distinct count): a guest visited in [from, to] exactly when one of its visit days in the range
 * has its previous visit day before `from`.
 */
export const countsGuestDays = (s: RollupScope): boolean => Boolean(s.everyVenue && !s.zoneId);

/**
 * The sum of analytics_unique_day rows whose previous visit day is before each bucket's start
 * (`bucketStart`: a date expression over `day`, clipped to the range; by default the range's start).
 */
export function guestDaySum(s: RollupScope, bucketStart: Prisma.Sql = Prisma.sql`${s.from}::date`): Prisma.Sql {
  return Prisma.sql`sum(guests) FILTER (WHERE previous_day < GREATEST(${s.from}::date, ${bucketStart}))`;
}
export const guestDaysIn = (s: RollupScope) => Prisma.sql`day BETWEEN ${s.from}::date AND ${s.to}::date`;

/**
 * The (period, guest_id) rows of the guests who visited in the range, for exact distinct
 * counts: analytics_guest_period at the coarsest grain that fits, or with a zone filter
 * analytics_guest_hour (one zone of one venue), its hours read as their days.
 */
export function guestRows(s: RollupScope, coarsest: RollupGrain): Prisma.Sql {
  if (s.zoneId) {
    return Prisma.sql`SELECT local_hour::date AS period, guest_id FROM analytics_guest_hour WHERE ${venuesIn(s)} ${zoneIs(s)} AND ${hoursIn(s)}`;
  }
  return Prisma.sql`SELECT period, guest_id FROM analytics_guest_period WHERE ${venuesIn(s)} AND ${piecesIn(planRange(s.from, s.to, coarsest))}`;
}
