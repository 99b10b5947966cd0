import Link from "next/link";

import { DashboardView, filterQuery } from "@/components/admin/analytics/dashboard-view";
import { FilterForm } from "@/components/admin/analytics/filter-form";
import { Alert } from "@/components/ui/alert";
import { dashboardForQuery, searchParamsOf } from "@/lib/analytics";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata = { title: "Dashboard · Portico staff" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("analytics.view");
  const { data, fieldErrors } = await dashboardForQuery(db, searchParamsOf(await searchParams));
  const venue = data.venues.find((v) => v.id === data.filters.venue);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">Dashboard{venue ? `: ${venue.name}` : ""}</h1>
        <nav aria-label="Reports" className="flex gap-4 text-sm">
          {venue ? (
            <Link href={`/admin/dashboard/weekly?venue=${venue.id}&to=${data.filters.to}`} className="text-brand hover:underline">
              Printable weekly summary
            </Link>
          ) : null}
          <Link href={`/admin/dashboard/sponsors?${filterQuery(data)}`} className="text-brand hover:underline">
            Sponsor report
          </Link>
        </nav>
      </div>
      <p className="text-sm text-slate-600">
        Days and hours are {venue ? `${venue.name}'s local time (${venue.timezone})` : "each venue's own local time"}. Counts come from rollups the job queue
        updates every minute.
      </p>
      {Object.keys(fieldErrors).length > 0 ? <Alert tone="danger">Some filters could not be used; the dashboard shows the last 28 days instead.</Alert> : null}
      <FilterForm action="/admin/dashboard" filters={data.filters} venues={data.venues} zones={data.zones} fieldErrors={fieldErrors} />
      <DashboardView data={data} csvPath="/admin/dashboard/export" />
    </div>
  );
}
