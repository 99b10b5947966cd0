import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { networkCheckPage } from "@/app/(portal)/_portal/network-check-page";
import { portalRoute, problemResponse, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { htmlResponse } from "@/app/(portal)/_portal/respond";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestOrigin } from "@/lib/http/same-origin";
import { contentSecurityPolicy } from "@/lib/http/security-headers";
import { networkCheckScriptSource } from "@/components/portal/page-assets";
import { gatewayToCheck, gatewayWalledGarden } from "@/lib/network/walled-garden/gateway-walled-garden";

/**
 * The technician's walled-garden check (`/p/<venue>/network-check?gw=<gateway>`), opened on the
 * guest network before signing in: the page lists what the sign-in needs and its script asks
 * for each host from the device. It writes nothing; the host list is no secret (every guest's
 * device reaches those hosts anyway).
 */
export const GET = portalRoute(async (request, venueSlug) => {
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
  if (!frame) return venueNotFoundResponse(request);
  const gateway = await gatewayToCheck(db, frame.venue.id, new URL(request.url).searchParams.get("gw"));
  if (!gateway) {
    return problemResponse(frame, { title: "Which gateway?", message: "Open this check from the gateway's page in the staff area: its link names the gateway (?gw=…)." }, 404);
  }
  const { entries } = await gatewayWalledGarden(db, gateway, env.NEXTAUTH_URL ?? requestOrigin(request.headers));
  const page = networkCheckPage(frame, gateway.name, entries);
  return htmlResponse(page.document, 200, { "content-security-policy": contentSecurityPolicy({ scriptSources: [networkCheckScriptSource], connectSources: page.probeOrigins }) });
});
