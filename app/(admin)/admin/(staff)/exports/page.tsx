import { formatBytes } from "@/components/admin/exports/byte-size";
import { ExportRunForm } from "@/components/admin/exports/export-run-form";
import { Timestamp } from "@/components/admin/timestamp";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { manifestName, yesterdayIn } from "@/lib/exports";
import { exportDownloadLink } from "@/lib/exports/export-links";
import { exportDaySchema } from "@/lib/exports/schemas";
import { listExportDays, listExportVenues, type ExportDaySummary } from "@/lib/exports/staff/list-export-days";
import { pickParams, type QueryParams } from "@/lib/pagination/query-params";

import { runExportsAction } from "./actions";

export const metadata = { title: "Exports · Portico staff" };

const statusTone = { DONE: "success", RUNNING: "info", FAILED: "danger" } as const;

export default async function ExportsPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  const staff = await requireStaff("exports.read");
  const params = pickParams(await searchParams, ["venue", "before"]);
  const venues = await listExportVenues(db, staff);
  const venue = venues.find((v) => v.slug === params.venue) ?? venues[0];
  const before = exportDaySchema.safeParse(params.before).success ? params.before : undefined;
  const page = venue ? await listExportDays(db, staff, { venueId: venue.id, before }) : null;
  const now = new Date();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Exports</h1>
        <p className="mt-1 text-sm text-slate-600">
          Each venue&apos;s day, in its own time zone, as gzipped CSV and NDJSON files for a data warehouse: one file per event type, the
          day&apos;s guests with their consent flags, and one list per consent purpose holding only the guests whose consent covers it now.
          Download links work for a few minutes; the manifest lists every file&apos;s rows, size and SHA-256.
        </p>
      </div>

      {venues.length === 0 ? (
        <EmptyState title="No venues yet">Exports start once a venue exists.</EmptyState>
      ) : (
        <form method="get" className="flex items-end gap-3" aria-label="Choose a venue">
          <div className="space-y-1">
            <Label htmlFor="export-venue">Venue</Label>
            <Select id="export-venue" name="venue" defaultValue={venue?.slug}>
              {venues.map((v) => (
                <option key={v.id} value={v.slug}>
                  {v.name}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            Show
          </Button>
        </form>
      )}

      {venue && can(staff.role, "exports.run") ? (
        <Card>
          <CardHeader>
            <CardTitle>Run or backfill</CardTitle>
            <p className="mt-1 text-sm text-slate-600">
              Every day is exported on its own once it is over in {venue.timezone}. Export days here that were missed, or again after a
              change: each day has exactly one export.
            </p>
          </CardHeader>
          <CardContent>
            <ExportRunForm action={runExportsAction} venueId={venue.id} yesterday={yesterdayIn(venue.timezone, now)} />
          </CardContent>
        </Card>
      ) : null}

      {venue && page ? (
        <Card>
          <CardHeader>
            <CardTitle>{venue.name}: exported days</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            {page.days.length === 0 ? (
              <EmptyState title="Nothing exported yet">The first day appears here after its export has run.</EmptyState>
            ) : (
              <Table>
                <caption className="sr-only">Exported days of {venue.name}, newest first</caption>
                <thead>
                  <tr>
                    <Th>Day</Th>
                    <Th>Status</Th>
                    <Th>Files</Th>
                    <Th>Rows</Th>
                    <Th>Size</Th>
                    <Th>Finished</Th>
                  </tr>
                </thead>
                <tbody>
                  {page.days.map((day) => (
                    <ExportDayRow key={day.id} venueSlug={venue.slug} day={day} now={now} />
                  ))}
                </tbody>
              </Table>
            )}
            <Pagination olderHref={page.older ? `/admin/exports?venue=${encodeURIComponent(venue.slug)}&before=${page.older}` : undefined} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

function ExportDayRow({ venueSlug, day, now }: { venueSlug: string; day: ExportDaySummary; now: Date }) {
  const link = (file: string) => exportDownloadLink({ venueSlug, day: day.day, file }, { now }).href;
  return (
    <tr data-export-day={day.day}>
      <Td className="font-medium whitespace-nowrap tabular-nums">{day.day}</Td>
      <Td>
        <Badge tone={statusTone[day.status]}>{day.status === "DONE" ? "Done" : day.status === "RUNNING" ? "Running" : "Failed"}</Badge>
        {day.error ? <p className="mt-1 max-w-xs text-xs break-words text-red-900">{day.error}</p> : null}
      </Td>
      <Td>
        {day.status === "DONE" ? (
          <details>
            <summary className="cursor-pointer text-brand">{day.fileCount} files</summary>
            <ul className="mt-2 space-y-1 text-xs">
              <li>
                <a href={link(manifestName)} className="text-brand underline" download>
                  {manifestName}
                </a>
              </li>
              {day.files.map((file) => (
                <li key={file.name} data-export-file={file.name}>
                  <a href={link(file.name)} className="text-brand underline" download>
                    {file.name}
                  </a>{" "}
                  · {file.rows === 1 ? "1 row" : `${file.rows} rows`} · {formatBytes(file.bytes)} · <span className="font-mono break-all">sha256 {file.sha256}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          "–"
        )}
      </Td>
      <Td className="tabular-nums">{day.rowCount}</Td>
      <Td className="tabular-nums">{formatBytes(day.byteSize)}</Td>
      <Td>{day.finishedAt ? <Timestamp at={day.finishedAt} /> : "–"}</Td>
    </tr>
  );
}
