import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { maxGatewayQueryLength, pickedLanguage, splashResponse } from "@/app/(portal)/_portal/login-pages";
import { portalRoute, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { requestContextOf } from "@/lib/http/request-context";
import { readGatewayParams } from "@/lib/journeys";
import { spEndpoints, spOrigin, startSamlLogin, takeSamlLoginAttempt } from "@/lib/saml/sp";

/**
 * "Sign in with <website>" on the splash: stores the AuthnRequest with the splash's gateway
 * parameters (`g`) and sends the guest to the website's identity provider (HTTP-Redirect);
 * a device or venue past its hourly allowance gets the splash again, with a notice.
 */
export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, search.get("lang")));
  if (!frame) return venueNotFoundResponse(request);
  const gateway = (search.get("g") ?? "").slice(0, maxGatewayQueryLength);
  const { ip } = requestContextOf(request.headers);
  if (!(await takeSamlLoginAttempt(db, { venueId: frame.venue.id, clientMac: readGatewayParams(new URLSearchParams(gateway)).clientMac, ip }))) {
    return splashResponse(frame, { gateway, lang: pickedLanguage(frame, search.get("lang")), notice: frame.t("saml.rateLimited") }, 429, request);
  }
  const started = await startSamlLogin(db, { venueId: frame.venue.id, endpoints: spEndpoints(spOrigin(request), venueSlug), gatewayQuery: gateway, locale: frame.locale });
  if (!started) return splashResponse(frame, { gateway, lang: pickedLanguage(frame, search.get("lang")), notice: frame.t("saml.unavailable") }, 404, request);
  return new Response(null, { status: 303, headers: { location: started.url, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
});
