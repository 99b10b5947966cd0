import type { Db } from "@/lib/db/client";
import { localDay } from "@/lib/time/wall-clock";

/** A venue as an export needs it. */
export interface ExportVenue {
  id: string;
  slug: string;
  name: string;
  /** IANA time zone: the venue's day runs from its local midnight to the next. */
  timezone: string;
}

/** One venue-day: the calendar day in the venue's time zone and the instants it spans. */
export interface DayWindow {
  venue: ExportVenue;
  /** YYYY-MM-DD. */
  day: string;
  /** Local midnight, inclusive. */
  from: Date;
  /** The next local midnight, exclusive (23 or 25 hours later across a DST change). */
  to: Date;
}

/** PostgreSQL's time zone rules decide where the venue's day starts and ends. */
export async function dayWindow(db: Db, venue: ExportVenue, day: string): Promise<DayWindow> {
  const [row] = await db.$queryRaw<{ from: Date; to: Date }[]>`
    SELECT (${day}::date::timestamp AT TIME ZONE ${venue.timezone}) AS "from",
           ((${day}::date + 1)::timestamp AT TIME ZONE ${venue.timezone}) AS "to"`;
  return { venue, day, from: row!.from, to: row!.to };
}

/** Every day from `from` to `to`, both included (YYYY-MM-DD, calendar arithmetic in UTC). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= end; at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** The day before `now`'s calendar day in `timezone` (YYYY-MM-DD): the latest day that is over. */
export function yesterdayIn(timezone: string, now: Date): string {
  const today = localDay(now, timezone);
  return new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
