// A venue's wall clock: what "18:00" means at a venue, and how an instant reads there. Staff
// type local times (a voucher's expiry at the front desk) and guests read them on printed cards,
// so both follow the venue's IANA time zone, with its daylight-saving changes.

const partsFormat = (timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** The venue's local time of an instant as `YYYY-MM-DDTHH:MM` (what a datetime-local input holds). */
export function toWallClock(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(partsFormat(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The venue's calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(instant: Date, timeZone: string): string {
  return toWallClock(instant, timeZone).slice(0, 10);
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(t: number, timeZone: string): number {
  const p = Object.fromEntries(partsFormat(timeZone).formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant a venue's clock shows `local` (`YYYY-MM-DDTHH:MM[:SS]`), or null when it is not a
 * real date. A time the clock skips (spring forward) is read as the same moment an hour on; a
 * time it shows twice (autumn) as the first of the two.
 */
export function fromWallClock(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  // The zone's offsets a day either side (they differ only across a clock change): each gives a
  // candidate instant, real when the zone has that offset at it.
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  const real = [...new Set([before, after])].map((offset) => asUtc - offset).filter((t) => offsetAt(t, timeZone) === asUtc - t);
  // None is real in a skipped hour: the clock read before the change, i.e. an hour on after it.
  return new Date(real.length ? Math.min(...real) : asUtc - before);
}

/** "12 Dec 2026, 18:00" on the venue's clock, for people (a card, a staff list). */
export function formatWallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(instant);
}
