// Each chart's numbers as a table: the same rows the page shows under the chart (its text
// alternative) and the CSV download serves, so the two can never disagree.
import { csvLine } from "@/lib/exports/encode-rows";

import { dwellBuckets } from "./dimensions";
import type { DashboardData } from "./load-dashboard";
import type { DashboardChart } from "./schemas";

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

export const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const loginLabels: Record<string, string> = { EMAIL: "Email", LOYALTY: "Loyalty number", SAML: "Single sign-on (SAML)", VOUCHER: "Access code" };
const deviceLabels: Record<string, string> = { MOBILE: "Phone", TABLET: "Tablet", DESKTOP: "Computer", OTHER: "Other" };
const dwellLabels: Record<string, string> = Object.fromEntries([...dwellBuckets.map(([value, label]) => [value, label]), ["unknown", "Not reported"]]);

/** A split's value in words. */
export function splitLabel(dimension: "login" | "device" | "os" | "language" | "dwell", value: string): string {
  if (value === "unknown") return dimension === "dwell" ? "Not reported" : "Unknown";
  if (dimension === "login") return loginLabels[value] ?? value;
  if (dimension === "device") return deviceLabels[value] ?? value;
  if (dimension === "dwell") return dwellLabels[value] ?? value;
  if (dimension === "language") return languageName(value);
  return value;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

function languageName(code: string): string {
  try {
    return `${languageNames.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}

/** Percentage with one decimal, or "–" when nothing was shown. */
export function rate(granted: number, shown: number): string {
  return shown === 0 ? "–" : `${((granted / shown) * 100).toFixed(1)}%`;
}

/** Period-over-period change in words: "+12.5%", "−3.0%", "new" or "no change". */
export function change(current: number, previous: number): string {
  if (current === previous) return "no change";
  if (previous === 0) return "new";
  const pct = ((current - previous) / previous) * 100;
  return `${pct > 0 ? "+" : "−"}${Math.abs(pct).toFixed(1)}%`;
}

export function averageDwellMinutes(dwellSeconds: number, sessions: number): number {
  return sessions === 0 ? 0 : Math.round(dwellSeconds / sessions / 6) / 10;
}

function dwellRows(data: DashboardData): (string | number)[][] {
  const counts = new Map(data.splits.dwell.map((d) => [d.value, d.count]));
  return [...dwellBuckets.map(([value]) => value), "unknown"].map((value) => [splitLabel("dwell", value), counts.get(value) ?? 0]);
}

export function chartTable(data: DashboardData, chart: DashboardChart): ChartTable {
  const t = data.totals;
  const p = data.previousTotals;
  switch (chart) {
    case "totals": {
      const metric = (name: string, now: number, before: number) => [name, now, before, change(now, before)];
      return {
        columns: ["Measure", `${data.filters.from} to ${data.filters.to}`, `${data.previous.from} to ${data.previous.to}`, "Change"],
        rows: [
          metric("Visits", t.visits, p.visits),
          metric("Unique guests", t.uniqueGuests, p.uniqueGuests),
          metric("New guests", t.newGuests, p.newGuests),
          metric("Returning guests", t.returningGuests, p.returningGuests),
          metric("Average dwell (minutes)", averageDwellMinutes(t.dwellSeconds, t.sessionsEnded), averageDwellMinutes(p.dwellSeconds, p.sessionsEnded)),
        ],
      };
    }
    case "series":
      return {
        columns: ["Period start (local time)", "Visits", "Unique guests", "New guests", "Returning guests"],
        rows: data.series.map((s) => [s.bucket.replace("T", " "), s.visits, s.uniqueGuests, s.newGuests, s.returningGuests]),
      };
    case "heatmap":
      return { columns: ["Weekday", ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`)], rows: data.heatmap.map((row, d) => [weekdays[d]!, ...row]) };
    case "login":
    case "device":
    case "os":
    case "language":
      return { columns: [chart === "login" ? "Login method" : chart === "device" ? "Device type" : chart === "os" ? "Operating system" : "Language", "Visits"], rows: data.splits[chart].map((s) => [splitLabel(chart, s.value), s.count]) };
    case "dwell":
      return { columns: ["Time connected", "Sessions"], rows: dwellRows(data) };
    case "optins":
      return {
        columns: ["Purpose", "Shown", "Opted in", "Opt-in rate", "Previous opt-in rate"],
        rows: data.optIns.map((o) => [o.label, o.shown, o.granted, rate(o.granted, o.shown), rate(o.previousGranted, o.previousShown)]),
      };
    case "optin-trend":
      return {
        columns: ["Period start (local time)", "Purpose", "Shown", "Opted in", "Opt-in rate"],
        rows: data.optInTrend.map((o) => [o.bucket.slice(0, 10), o.label, o.shown, o.granted, rate(o.granted, o.shown)]),
      };
    case "zones":
      return { columns: ["Zone", "Visits"], rows: data.topZones.map((z) => [z.label, z.visits]) };
  }
}

export function chartCsv(table: ChartTable): string {
  return csvLine(table.columns) + table.rows.map((row) => csvLine(row)).join("");
}
