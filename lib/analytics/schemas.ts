import { z } from "zod";

import { localDay } from "@/lib/time/wall-clock";

export const granularities = ["hour", "day", "week"] as const;
export type Granularity = (typeof granularities)[number];

/** Longest range, and longest range drawn hour by hour (beyond it the bars are too thin to read). */
export const maxRangeDays = 731;
export const maxHourlyDays = 31;

const day = z.iso.date({ message: "Enter a day as YYYY-MM-DD." });
const optionalUuid = z.preprocess((value) => (value === "" || value === null ? undefined : value), z.uuid({ message: "Choose from the list." }).optional());

/** The dashboard's filters, from its GET form or a CSV link: days are the venue's local calendar days, both included. */
export const dashboardFilterSchema = z
  .object({
    venue: optionalUuid,
    zone: optionalUuid,
    from: day,
    to: day,
    granularity: z.enum(granularities, { message: "Choose hour, day or week." }).default("day"),
  })
  .refine((f) => f.from <= f.to, { path: ["to"], message: "The last day must not be before the first." })
  .refine((f) => daysBetween(f.from, f.to) < maxRangeDays, { path: ["from"], message: `Choose at most ${maxRangeDays} days.` })
  .refine((f) => f.granularity !== "hour" || daysBetween(f.from, f.to) < maxHourlyDays, {
    path: ["granularity"],
    message: `Hour by hour covers at most ${maxHourlyDays} days: choose day or week, or a shorter range.`,
  })
  .refine((f) => !f.zone || f.venue, { path: ["zone"], message: "Choose a venue before a zone." });
export type DashboardFilters = z.infer<typeof dashboardFilterSchema>;

export const dashboardCharts = ["totals", "series", "heatmap", "login", "device", "os", "language", "dwell", "optins", "optin-trend", "zones"] as const;
export type DashboardChart = (typeof dashboardCharts)[number];
export const csvExportSchema = z.object({ chart: z.enum(dashboardCharts, { message: "No such chart." }) });

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(dayText: string, days: number): string {
  return new Date(Date.parse(`${dayText}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The range of equal length just before, for period-over-period change. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

/** Today's date on a venue's clock (UTC across venues). */
export function localToday(timeZone: string, now: Date = new Date()): string {
  return localDay(now, timeZone);
}

/**
 * Reads filters from query parameters: missing days default to the last 28 days; what does not
 * parse comes back as field errors with those defaults, so the page always shows something.
 */
export function readDashboardFilters(
  params: URLSearchParams,
  today: string,
): { filters: DashboardFilters; fieldErrors: Record<string, string[]> } {
  const raw = Object.fromEntries(params.entries());
  const asked = { venue: raw.venue, zone: raw.zone, from: raw.from || addDays(today, -27), to: raw.to || today, granularity: raw.granularity || "day" };
  const parsed = dashboardFilterSchema.safeParse(asked);
  if (parsed.success) return { filters: parsed.data, fieldErrors: {} };
  const fallback = dashboardFilterSchema.safeParse({ venue: asked.venue, from: addDays(today, -27), to: today, granularity: "day" });
  const filters = fallback.success ? fallback.data : { from: addDays(today, -27), to: today, granularity: "day" as const };
  return { filters, fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
}
