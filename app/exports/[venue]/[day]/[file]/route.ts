import { Readable } from "node:stream";

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { checkDownloadLink, exportStorageFrom } from "@/lib/exports";
import { exportLinkKeys } from "@/lib/exports/export-links";
import { openExportFile } from "@/lib/exports/open-export-file";

const refusal = (status: number, text: string) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * Export files through signed, expiring links (lib/exports/download-link.ts): the link is the
 * permission, so it works for whoever was given it (a staff member, a warehouse loader) until
 * it expires, and for nothing else.
 */
export async function GET(request: Request, { params }: { params: Promise<{ venue: string; day: string; file: string }> }) {
  const { venue, day, file } = await params;
  const ref = { venueSlug: venue, day, file };
  const search = new URL(request.url).searchParams;
  const check = checkDownloadLink(exportLinkKeys(), ref, { expires: search.get("expires"), signature: search.get("signature") }, new Date());
  if (check === "invalid") return refusal(403, "This download link is not valid.");
  if (check === "expired") return refusal(410, "This download link has expired. Open the exports page again for a new one.");

  const found = await openExportFile(db, exportStorageFrom(env), ref);
  if (!found) return refusal(404, "This export file does not exist (any more).");
  return new Response(Readable.toWeb(found.body) as ReadableStream, {
    headers: {
      "Content-Type": found.contentType,
      "Content-Length": String(found.bytes),
      "Content-Disposition": `attachment; filename="${venue}-${day}-${file}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      ...(found.sha256 ? { "X-Checksum-Sha256": found.sha256 } : {}),
    },
  });
}
