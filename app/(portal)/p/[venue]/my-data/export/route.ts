import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { myDataProblemResponse } from "@/app/(portal)/_portal/my-data-pages";
import { myDataSession } from "@/app/(portal)/_portal/my-data-session";
import { portalRoute, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { requestContextOf } from "@/lib/http/request-context";
import { buildAccessExport, recordExportDownload } from "@/lib/rights/self-service";

/** Everything Portico holds about the guest, as one ZIP (JSON and CSV). */
export const GET = portalRoute(async (request, venueSlug) => {
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
  if (!frame) return venueNotFoundResponse(request);
  const session = await myDataSession(request, frame.venue.id);
  if (!session) return myDataProblemResponse(frame, frame.t("myData.sessionEnded"), 403);
  const built = await buildAccessExport(db, session.guestId);
  await recordExportDownload(db, session, built.counts, requestContextOf(request.headers).ip);
  return new Response(Buffer.from(built.zip), {
    status: 200,
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${built.fileName}"`,
      "content-length": String(built.zip.byteLength),
      "cache-control": "no-store",
    },
  });
});
