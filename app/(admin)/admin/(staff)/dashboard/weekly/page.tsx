import Link from "next/link";
import { notFound } from "next/navigation";

import { ChartDetails } from "@/components/admin/analytics/chart-figure";
import { HeatmapChart } from "@/components/admin/analytics/heatmap-chart";
import { SeriesChart } from "@/components/admin/analytics/series-chart";
import { addDays, averageDwellMinutes, change, chartTable, dashboardForQuery, rate, searchParamsOf } from "@/lib/analytics";
import { formatCount } from "@/lib/analytics/format";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata = { title: "Weekly summary · Portico staff" };

/** One venue's week (Monday to Sunday, its own clock) on one printed page: the print CSS drops the staff chrome. */
export default async function WeeklySummaryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("analytics.view");
  const params = searchParamsOf(await searchParams);
  // The week that holds `to` (default: today), Monday first.
  const probe = await dashboardForQuery(db, new URLSearchParams({ venue: params.get("venue") ?? "", ...(params.get("to") ? { from: params.get("to")!, to: params.get("to")! } : {}) }));
  const venue = probe.data.venues.find((v) => v.id === probe.data.filters.venue);
  if (!venue) notFound();
  const day = probe.data.filters.to;
  const monday = addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
  const { data } = await dashboardForQuery(db, new URLSearchParams({ venue: venue.id, from: monday, to: addDays(monday, 6), granularity: "day" }));
  const t = data.totals;
  const p = data.previousTotals;
  const rows: [string, string, string, string][] = [
    ["Visits", formatCount(t.visits), formatCount(p.visits), change(t.visits, p.visits)],
    ["Unique guests", formatCount(t.uniqueGuests), formatCount(p.uniqueGuests), change(t.uniqueGuests, p.uniqueGuests)],
    ["New guests", formatCount(t.newGuests), formatCount(p.newGuests), change(t.newGuests, p.newGuests)],
    ["Returning guests", formatCount(t.returningGuests), formatCount(p.returningGuests), change(t.returningGuests, p.returningGuests)],
    ["Average dwell (minutes)", String(averageDwellMinutes(t.dwellSeconds, t.sessionsEnded)), String(averageDwellMinutes(p.dwellSeconds, p.sessionsEnded)), ""],
    ...data.optIns.map((o) => [`Opt-in: ${o.label}`, rate(o.granted, o.shown), rate(o.previousGranted, o.previousShown), ""] as [string, string, string, string]),
  ];
  return (
    <article className="weekly-summary space-y-6">
      <header className="space-y-1">
        <p className="text-sm print:hidden">
          <Link href={`/admin/dashboard?venue=${venue.id}`} className="text-brand underline">
            Back to the dashboard
          </Link>{" "}
          · Use your browser&apos;s Print command for a one-page summary.
        </p>
        <h1 className="text-2xl font-semibold">
          {venue.name}: week of {monday}
        </h1>
        <p className="text-sm text-slate-600">
          {monday} to {addDays(monday, 6)}, {venue.timezone} time. Compared with the week before ({data.previous.from} to {data.previous.to}).
        </p>
        <nav aria-label="Weeks" className="flex gap-4 text-sm print:hidden">
          <Link href={`/admin/dashboard/weekly?venue=${venue.id}&to=${addDays(monday, -1)}`} className="text-brand hover:underline">
            Previous week
          </Link>
          <Link href={`/admin/dashboard/weekly?venue=${venue.id}&to=${addDays(monday, 7)}`} className="text-brand hover:underline">
            Next week
          </Link>
        </nav>
      </header>
      <table className="w-full max-w-2xl text-left text-sm tabular-nums">
        <caption className="sr-only">This week against the week before</caption>
        <thead>
          <tr>
            <th scope="col" className="border-b py-1 pr-4">Measure</th>
            <th scope="col" className="border-b py-1 pr-4">This week</th>
            <th scope="col" className="border-b py-1 pr-4">Week before</th>
            <th scope="col" className="border-b py-1">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, now, before, delta]) => (
            <tr key={label}>
              <th scope="row" className="border-b py-1 pr-4 font-normal">{label}</th>
              <td className="border-b py-1 pr-4">{now}</td>
              <td className="border-b py-1 pr-4">{before}</td>
              <td className="border-b py-1">{delta}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="break-inside-avoid space-y-1">
        <h2 id="weekly-series-title" className="font-semibold">Visits and unique guests per day</h2>
        <p id="weekly-series-summary" className="text-xs text-slate-600">Bars: visits; line: unique guests.</p>
        <SeriesChart id="weekly-series" series={data.series} />
        <ChartDetails title="Visits and unique guests per day" table={chartTable(data, "series")} />
      </section>
      <section className="break-inside-avoid space-y-1">
        <h2 id="weekly-heatmap-title" className="font-semibold">Busiest hours</h2>
        <p id="weekly-heatmap-summary" className="text-xs text-slate-600">Visits by weekday and local hour; darker is busier.</p>
        <HeatmapChart id="weekly-heatmap" grid={data.heatmap} />
        <ChartDetails title="Busiest hours" table={chartTable(data, "heatmap")} />
      </section>
    </article>
  );
}
