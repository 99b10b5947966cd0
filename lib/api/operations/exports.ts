// The daily export files (docs/EXPORTS.md) through the API: the finished days of the key's
// venues, each file with its rows, size, sha256 and a signed link that works for
// PORTICO_EXPORT_LINK_MINUTES. Downloading needs no key: the link is the permission.
import { env } from "@/lib/env";
import { exportDownloadLink } from "@/lib/exports/export-links";
import type { ExportManifest } from "@/lib/exports/manifest";

import { venuesFor } from "../access";
import { defineRoute } from "../route-spec";
import { exportListSchema, exportsQuery } from "../schemas";

export const listExports = defineRoute({
  operationId: "listExports",
  method: "GET",
  path: "/exports",
  tag: "Exports",
  summary: "Finished export days, newest first, with signed download links",
  description:
    "Days whose files are all written (status DONE). Each file's `url` is a signed link, relative to this server, valid until `url_expires_at`; the manifest has its own. Up to 62 days per call, `from`/`to` inclusive (the venue's own calendar days).",
  scopes: ["exports:read"],
  query: exportsQuery,
  responses: { 200: { description: "Export days", schema: exportListSchema } },
  async handler({ db, principal, query }) {
    const venues = venuesFor(principal, query.venue_id);
    const rows = await db.exportDay.findMany({
      where: {
        status: "DONE",
        ...(venues ? { venueId: { in: venues } } : {}),
        ...(query.from || query.to ? { day: { ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}), ...(query.to ? { lte: new Date(`${query.to}T00:00:00Z`) } : {}) } } : {}),
      },
      include: { venue: { select: { id: true, slug: true } } },
      orderBy: [{ day: "desc" }, { venueId: "asc" }],
      take: 62,
    });
    const now = new Date();
    const origin = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).origin : "";
    const link = (venueSlug: string, day: string, file: string) => {
      const { href, expiresAt } = exportDownloadLink({ venueSlug, day, file }, { now });
      return { url: `${origin}${href}`, url_expires_at: expiresAt.toISOString() };
    };
    return {
      status: 200,
      body: {
        data: rows.map((row) => {
          const day = row.day.toISOString().slice(0, 10);
          const manifest = row.manifest as unknown as ExportManifest | null;
          return {
            venue_id: row.venue.id,
            day,
            finished_at: row.finishedAt?.toISOString() ?? null,
            manifest: link(row.venue.slug, day, "manifest.json"),
            files: (manifest?.files ?? []).map((file) => ({
              name: file.name,
              dataset: file.dataset,
              format: file.format,
              rows: file.rows,
              bytes: file.bytes,
              sha256: file.sha256,
              ...link(row.venue.slug, day, file.name),
            })),
          };
        }),
      },
    };
  },
});
