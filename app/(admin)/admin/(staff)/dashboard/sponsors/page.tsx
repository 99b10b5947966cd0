import Link from "next/link";

import { BarListChart } from "@/components/admin/analytics/bar-list-chart";
import { ChartDetails } from "@/components/admin/analytics/chart-figure";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { dashboardForQuery, loadSponsorReport, rate, searchParamsOf } from "@/lib/analytics";
import { formatCount } from "@/lib/analytics/format";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata = { title: "Sponsor report · Portico staff" };

/** Per sponsor: guests shown its box and opted in, in total and week by week. Counts only, never who. */
export default async function SponsorReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("analytics.view");
  const { data } = await dashboardForQuery(db, searchParamsOf(await searchParams));
  const venueIds = data.filters.venue ? [data.filters.venue] : data.venues.map((v) => v.id);
  const report = await loadSponsorReport(db, { venueIds, from: data.filters.from, to: data.filters.to });
  return (
    <div className="space-y-6">
      <p className="text-sm print:hidden">
        <Link href={`/admin/dashboard?${new URLSearchParams({ ...(data.filters.venue ? { venue: data.filters.venue } : {}), from: data.filters.from, to: data.filters.to })}`} className="text-brand hover:underline">
          Back to the dashboard
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Sponsor report</h1>
      <p className="text-sm text-slate-600">
        {data.filters.from} to {data.filters.to}, each venue&apos;s local days. How often each sponsor&apos;s box was shown to a guest and how often it was ticked: counts only, no guest
        is named or can be told apart here.
      </p>
      {report.sponsors.length === 0 ? <EmptyState title="No sponsors at these venues." /> : null}
      {report.sponsors.map((s, i) => (
        <Card key={`${s.venueName}-${s.key}`}>
          <CardHeader>
            <CardTitle id={`sponsor-${i}-title`}>
              {s.name} <span className="font-normal text-slate-600">· {s.venueName}</span>
            </CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            <p className="text-sm" data-sponsor-total={s.key}>
              Box shown {formatCount(s.shown)} times; {formatCount(s.granted)} opt-ins ({rate(s.granted, s.shown)}).
            </p>
            <p id={`sponsor-${i}-summary`} className="text-xs text-slate-600">
              Opt-ins per week.
            </p>
            <BarListChart id={`sponsor-${i}`} unit="opted in" items={s.weeks.map((w) => ({ label: `Week of ${w.week}`, value: w.granted }))} />
            <ChartDetails
              title={`${s.name}: opt-ins per week`}
              table={{ columns: ["Week of", "Shown", "Opted in", "Opt-in rate"], rows: s.weeks.map((w) => [w.week, w.shown, w.granted, rate(w.granted, w.shown)]) }}
            />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
