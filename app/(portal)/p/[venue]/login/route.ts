import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { loyaltyResponse, maxGatewayQueryLength, pickedLanguage, splashResponse } from "@/app/(portal)/_portal/login-pages";
import { consentResponse } from "@/app/(portal)/_portal/journey-pages";
import { translatedErrors } from "@/app/(portal)/_portal/pages";
import { portalPath } from "@/app/(portal)/_portal/paths";
import { portalRoute, problemResponse, readGuestForm, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { seeOther } from "@/app/(portal)/_portal/respond";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestContextOf } from "@/lib/http/request-context";
import { openJourney, readGatewayParams } from "@/lib/journeys";
import { checkGatewayRedirect } from "@/lib/network/access";
import type { GatewayRedirect } from "@/lib/network/gateway-adapter";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";

const loginFields = ["email", "name", "phone", "birthday"] as const;

/** What the adapter read from the redirect, where it read anything. */
const pickRedirect = (redirect: GatewayRedirect | null) => ({
  clientMac: redirect?.clientMac ?? null,
  clientIp: redirect?.clientIp ?? null,
  apMac: redirect?.apMac ?? null,
  originalUrl: redirect?.originalUrl ?? null,
});

/**
 * Email quick access (posted from the splash) and the loyalty sign-up: valid answers open the
 * journey and the answer is the consent page; invalid ones come back on the same form, with
 * the guest's own input kept and nothing stored.
 */
export const POST = portalRoute(async (request, venueSlug) => {
  const form = await readGuestForm(request, venueSlug);
  if (form instanceof Response) return form;
  const requestedLang = form.get("lang");
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, requestedLang));
  if (!frame) return venueNotFoundResponse(request);

  const method = form.get("method") === "loyalty" ? "LOYALTY" : "EMAIL";
  const gateway = (form.get("gateway") ?? "").slice(0, maxGatewayQueryLength);
  const values = Object.fromEntries(loginFields.filter((f) => form.has(f)).map((f) => [f, (form.get(f) ?? "").slice(0, 1000)]));
  const { ip, userAgent } = requestContextOf(request.headers);
  const gatewayParams = readGatewayParams(new URLSearchParams(gateway));
  // The controller's redirect, checked by its adapter before anything is written.
  const network = await checkGatewayRedirect(db, frame.venue, gatewayParams.params, { secrets: gatewaySecretStore() });
  if (!network.ok) return problemResponse(frame, { message: frame.t("errors.gatewayRedirectInvalid") }, 400);
  const result = await openJourney(db, {
    venue: frame.venue,
    method,
    form: values,
    gateway: gatewayParams,
    network: { gatewayId: network.gatewayId, ...pickRedirect(network.redirect) },
    locale: frame.locale,
    ip,
    userAgent,
    ttlMinutes: env.JOURNEY_TTL_MINUTES,
  });
  // The answer is the consent page itself: one round trip fewer on a congested network.
  if (result.status === "identified") return consentResponse(frame, result.token, { answersPost: true });

  const state = { gateway, lang: pickedLanguage(frame, requestedLang), form: { fieldErrors: translatedErrors(frame.t, result.fieldErrors), values } };
  return method === "LOYALTY" ? loyaltyResponse(frame, state, 422) : splashResponse(frame, state, 422, request);
});

/** Nothing to show at this address by itself (e.g. a bookmark of a refused post): back to the splash. */
export const GET = portalRoute(async (request, venueSlug) => seeOther(portalPath(venueSlug, "", new URL(request.url).search.slice(1))));
