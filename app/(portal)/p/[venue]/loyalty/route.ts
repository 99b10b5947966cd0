import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { loyaltyResponse, maxGatewayQueryLength, pickedLanguage } from "@/app/(portal)/_portal/login-pages";
import { portalRoute, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { gatewayQuery } from "@/lib/journeys/gateway-params";

/** The loyalty sign-up form; like the splash, it writes nothing. */
export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, search.get("lang")));
  if (!frame) return venueNotFoundResponse(request);
  return loyaltyResponse(frame, { gateway: gatewayQuery(search).slice(0, maxGatewayQueryLength), lang: pickedLanguage(frame, search.get("lang")) });
});
