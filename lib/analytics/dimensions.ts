/**
 * What the rollups count, by name: the dimensions of analytics_day_count and the dwell buckets.
 * Shared by the fold (lib/analytics/fold-events.ts), the dashboard queries and the tests.
 */
export const NO_ZONE = "00000000-0000-0000-0000-000000000000";
/** The venue id of the counting rollups' "all venues" rows (zone NO_ZONE): each venue's rows summed. */
export const ALL_VENUES = "00000000-0000-0000-0000-000000000000";

export const dayDimensions = ["login", "device", "os", "language", "dwell", "optin.shown", "optin.granted"] as const;
export type DayDimension = (typeof dayDimensions)[number];

/** Dwell buckets: [value, label, upper bound in seconds (exclusive), or null for the last]. */
export const dwellBuckets = [
  ["under-15m", "Under 15 minutes", 15 * 60],
  ["15-30m", "15–30 minutes", 30 * 60],
  ["30-60m", "30–60 minutes", 60 * 60],
  ["1-2h", "1–2 hours", 2 * 3600],
  ["2-4h", "2–4 hours", 4 * 3600],
  ["4h-plus", "4 hours or more", null],
] as const satisfies readonly (readonly [string, string, number | null])[];

/** The bucket a session's dwell falls in; "unknown" when the gateway never said. */
export function dwellBucket(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "unknown";
  for (const [value, , below] of dwellBuckets) if (below === null || seconds < below) return value;
  return "4h-plus";
}

/** The same rule as SQL over an integer expression (constants only, so safe to inline). */
export function dwellBucketSql(expression: string): string {
  const arms = dwellBuckets.map(([value, , below]) => (below === null ? `ELSE '${value}'` : `WHEN ${expression} < ${below} THEN '${value}'`));
  return `CASE WHEN ${expression} IS NULL THEN 'unknown' ${arms.join(" ")} END`;
}

/** A venue's optional purposes are "marketing" and "sponsor:<slug>"; terms are always accepted. */
export function isOptionalPurpose(key: string): boolean {
  return key === "marketing" || key.startsWith("sponsor:");
}
