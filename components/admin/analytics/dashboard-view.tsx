import { averageDwellMinutes, change, chartTable, rate, splitLabel } from "@/lib/analytics/chart-tables";
import { formatCount } from "@/lib/analytics/format";
import type { DashboardData } from "@/lib/analytics/load-dashboard";
import type { DashboardChart } from "@/lib/analytics/schemas";

import { BarListChart } from "./bar-list-chart";
import { ChartFigure } from "./chart-figure";
import { HeatmapChart } from "./heatmap-chart";
import { SeriesChart } from "./series-chart";
import { StatTiles } from "./stat-tiles";
import { TrendChart } from "./trend-chart";

const n = (value: number) => formatCount(value);

/** The query string the filters came from, for CSV links and the weekly summary. */
export function filterQuery(data: DashboardData, extra: Record<string, string> = {}): string {
  const f = data.filters;
  const params = new URLSearchParams({ ...(f.venue ? { venue: f.venue } : {}), ...(f.zone ? { zone: f.zone } : {}), from: f.from, to: f.to, granularity: f.granularity, ...extra });
  return params.toString();
}

/** The dashboard: headline numbers, then every chart with its table and CSV. Pure: data in, markup out. */
export function DashboardView({ data, csvPath }: { data: DashboardData; csvPath: string }) {
  const csv = (chart: DashboardChart) => `${csvPath}?${filterQuery(data, { chart })}`;
  const t = data.totals;
  const p = data.previousTotals;
  const marketing = data.optIns.find((o) => o.purpose === "marketing");
  const stats = [
    { label: "Visits", value: n(t.visits), change: change(t.visits, p.visits), previous: n(p.visits) },
    { label: "Unique guests", value: n(t.uniqueGuests), change: change(t.uniqueGuests, p.uniqueGuests), previous: n(p.uniqueGuests) },
    { label: "New guests", value: n(t.newGuests), change: change(t.newGuests, p.newGuests), previous: n(p.newGuests) },
    { label: "Returning guests", value: n(t.returningGuests), change: change(t.returningGuests, p.returningGuests), previous: n(p.returningGuests) },
    {
      label: "Average dwell",
      value: `${averageDwellMinutes(t.dwellSeconds, t.sessionsEnded)} min`,
      change: change(averageDwellMinutes(t.dwellSeconds, t.sessionsEnded), averageDwellMinutes(p.dwellSeconds, p.sessionsEnded)),
      previous: `${averageDwellMinutes(p.dwellSeconds, p.sessionsEnded)} min`,
    },
    {
      label: "Marketing opt-in",
      value: marketing ? rate(marketing.granted, marketing.shown) : "–",
      change: marketing ? change(Math.round((marketing.granted / Math.max(1, marketing.shown)) * 1000), Math.round((marketing.previousGranted / Math.max(1, marketing.previousShown)) * 1000)) : "no change",
      previous: marketing ? rate(marketing.previousGranted, marketing.previousShown) : "–",
    },
  ];
  const peak = data.series.reduce((best, s) => (s.visits > best.visits ? s : best), { bucket: "", visits: 0 } as { bucket: string; visits: number });
  const busiest = data.heatmap.flatMap((row, d) => row.map((visits, h) => ({ d, h, visits }))).reduce((a, b) => (b.visits > a.visits ? b : a), { d: 0, h: 0, visits: 0 });
  const split = (dimension: "login" | "device" | "os" | "language") => data.splits[dimension].map((s) => ({ label: splitLabel(dimension, s.value), value: s.count }));
  const dwellTable = chartTable(data, "dwell");
  const trendBuckets = [...new Set(data.optInTrend.map((o) => o.bucket))].sort();
  const trendLines = [...new Set(data.optInTrend.map((o) => o.label))].map((label) => ({
    label,
    points: data.optInTrend.filter((o) => o.label === label).map((o) => ({ bucket: o.bucket, value: o.shown === 0 ? 0 : (o.granted / o.shown) * 100 })),
  }));
  const top = (items: { label: string; value: number }[]) => (items[0] ? `Most: ${items[0].label} (${n(items[0].value)}).` : "Nothing in this period.");

  return (
    <div className="space-y-6">
      <section aria-labelledby="totals-title" className="space-y-2">
        <h2 id="totals-title" className="text-lg font-semibold">
          {data.filters.from} to {data.filters.to}
        </h2>
        <StatTiles stats={stats} previousLabel={`${data.previous.from} to ${data.previous.to}`} />
        <p className="text-right text-sm print:hidden">
          <a href={csv("totals")} className="text-brand hover:underline" download>
            Download CSV<span className="sr-only"> of the headline numbers</span>
          </a>
        </p>
      </section>
      <ChartFigure
        id="series"
        title={`Visits and unique guests per ${data.filters.granularity}`}
        summary={`Bars: visits; line: unique guests (each guest once per ${data.filters.granularity}). ${n(t.visits)} visits in all${peak.visits ? `, most on ${peak.bucket.replace("T", " ")} (${n(peak.visits)})` : ""}.`}
        table={chartTable(data, "series")}
        csvHref={csv("series")}
      >
        <SeriesChart id="series" series={data.series} />
      </ChartFigure>
      <ChartFigure
        id="heatmap"
        title="Busiest hours"
        summary={busiest.visits ? `Visits by weekday and hour of the venue's clock; busiest: ${chartTable(data, "heatmap").rows[busiest.d]![0]} ${String(busiest.h).padStart(2, "0")}:00 (${n(busiest.visits)}).` : "No visits in this period."}
        table={chartTable(data, "heatmap")}
        csvHref={csv("heatmap")}
      >
        <HeatmapChart id="heatmap" grid={data.heatmap} />
      </ChartFigure>
      <div className="grid gap-6 lg:grid-cols-2">
        <ChartFigure id="dwell" title="Time connected" summary={`Sessions by how long the device stayed connected (${n(t.sessionsEnded)} ended sessions).`} table={dwellTable} csvHref={csv("dwell")}>
          <BarListChart id="dwell" unit="sessions" items={dwellTable.rows.map((r) => ({ label: String(r[0]), value: Number(r[1]) }))} />
        </ChartFigure>
        <ChartFigure id="zones" title="Top zones" summary={top(data.topZones.map((z) => ({ label: z.label, value: z.visits })))} table={chartTable(data, "zones")} csvHref={csv("zones")}>
          <BarListChart id="zones" unit="visits" items={data.topZones.map((z) => ({ label: z.label, value: z.visits }))} />
        </ChartFigure>
        {(
          [
            ["login", "Login method"],
            ["device", "Device type"],
            ["os", "Operating system"],
            ["language", "Device language"],
          ] as const
        ).map(([dimension, title]) => (
          <ChartFigure key={dimension} id={dimension} title={title} summary={`Visits by ${title.toLowerCase()}. ${top(split(dimension))}`} table={chartTable(data, dimension)} csvHref={csv(dimension)}>
            <BarListChart id={dimension} unit="visits" items={split(dimension)} />
          </ChartFigure>
        ))}
      </div>
      <ChartFigure
        id="optins"
        title="Opt-in rate per purpose"
        summary="Of the guests shown each optional box (marketing, each sponsor), the share who ticked it, with the previous period's rate."
        table={chartTable(data, "optins")}
        csvHref={csv("optins")}
      >
        <BarListChart id="optins" unit="opted in" items={data.optIns.map((o) => ({ label: o.label, value: o.granted }))} />
      </ChartFigure>
      <ChartFigure
        id="optin-trend"
        title="Opt-in rate over time"
        summary={`Opt-in rate per purpose per ${data.filters.granularity === "week" ? "week" : "day"}, in percent.`}
        table={chartTable(data, "optin-trend")}
        csvHref={csv("optin-trend")}
      >
        <TrendChart id="optin-trend" buckets={trendBuckets} lines={trendLines} />
      </ChartFigure>
    </div>
  );
}
