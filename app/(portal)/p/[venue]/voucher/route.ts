import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { maxGatewayQueryLength, pickedLanguage, voucherResponse } from "@/app/(portal)/_portal/login-pages";
import { portalPath } from "@/app/(portal)/_portal/paths";
import { portalRoute, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { seeOther } from "@/app/(portal)/_portal/respond";
import { gatewayQuery } from "@/lib/journeys/gateway-params";

/** "I have an access code" (docs/VOUCHERS.md); writes nothing. A venue without vouchers sends the guest back to the splash. */
export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, search.get("lang")));
  if (!frame) return venueNotFoundResponse(request);
  if (!frame.venue.vouchersEnabled) return seeOther(portalPath(venueSlug, "", search.toString()));
  return voucherResponse(frame, { gateway: gatewayQuery(search).slice(0, maxGatewayQueryLength), lang: pickedLanguage(frame, search.get("lang")) });
});
