import { chartCsv, chartTable, csvExportSchema, dashboardForQuery } from "@/lib/analytics";
import { can } from "@/lib/auth/permissions";
import { currentStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";

const plain = (status: number, text: string) => new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** One chart's numbers as CSV, for the same filters as the dashboard (its "Download CSV" links). Counts only. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const staff = await currentStaff();
  if (!staff) return new Response(null, { status: 303, headers: { location: `/admin/sign-in?callbackUrl=${encodeURIComponent(url.pathname + url.search)}` } });
  if (!can(staff.role, "analytics.view")) return plain(403, "Your staff role does not include the dashboard.");
  const chart = csvExportSchema.safeParse({ chart: url.searchParams.get("chart") });
  if (!chart.success) return plain(400, "No such chart.");
  const { data, fieldErrors } = await dashboardForQuery(db, url.searchParams);
  if (Object.keys(fieldErrors).length > 0) return plain(400, Object.values(fieldErrors).flat().join(" "));
  const scope = data.filters.venue ? (data.venues.find((v) => v.id === data.filters.venue)?.name ?? "venue") : "all-venues";
  const name = `${chart.data.chart}-${scope.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${data.filters.from}-${data.filters.to}.csv`;
  return new Response(chartCsv(chartTable(data, chart.data.chart)), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
}
