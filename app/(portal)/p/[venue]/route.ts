import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { maxGatewayQueryLength, pickedLanguage, splashResponse } from "@/app/(portal)/_portal/login-pages";
import { portalRoute, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { gatewayQuery } from "@/lib/journeys/gateway-params";

/**
 * The page the gateway sends a new device to: the venue's welcome with email quick access on
 * it. It writes nothing (captive-network probes fetch it over and over); the gateway's
 * parameters ride along in the form until the guest signs in.
 */
export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, search.get("lang")));
  if (!frame) return venueNotFoundResponse(request);
  return splashResponse(frame, { gateway: gatewayQuery(search).slice(0, maxGatewayQueryLength), lang: pickedLanguage(frame, search.get("lang")) });
});
