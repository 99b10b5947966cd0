import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { loyaltyResponse, maxGatewayQueryLength, pickedLanguage, splashResponse, voucherResponse } from "@/app/(portal)/_portal/login-pages";
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
import { redeemVoucher, voucherKeys } from "@/lib/vouchers";

/** The guest's words for each refusal of a code (portal.errors.*); a revoked code reads as not valid. */
const voucherRefusalMessages = {
  notFound: "voucherNotFound",
  revoked: "voucherNotFound",
  expired: "voucherExpired",
  usedUp: "voucherUsedUp",
  rateLimited: "voucherRateLimited",
} as const;

const loginFields = ["email", "name", "phone", "birthday", "code"] as const;

const methods = { loyalty: "LOYALTY", voucher: "VOUCHER" } as const;

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

  const method = methods[form.get("method") as keyof typeof methods] ?? "EMAIL";
  const gateway = (form.get("gateway") ?? "").slice(0, maxGatewayQueryLength);
  // A venue that turned vouchers off answers a stale code form with its splash.
  if (method === "VOUCHER" && !frame.venue.vouchersEnabled) return splashResponse(frame, { gateway, lang: pickedLanguage(frame, requestedLang) }, 409, request);
  const values = Object.fromEntries(loginFields.filter((f) => form.has(f)).map((f) => [f, (form.get(f) ?? "").slice(0, 1000)]));
  const { ip, userAgent } = requestContextOf(request.headers);
  const gatewayParams = readGatewayParams(new URLSearchParams(gateway));
  // The controller's redirect, checked by its adapter before anything is written.
  const network = await checkGatewayRedirect(db, frame.venue, gatewayParams.params, { secrets: gatewaySecretStore() });
  if (!network.ok) return problemResponse(frame, { message: frame.t("errors.gatewayRedirectInvalid") }, 400);
  const journey = {
    venue: frame.venue,
    form: values,
    gateway: gatewayParams,
    network: { gatewayId: network.gatewayId, ...pickRedirect(network.redirect) },
    locale: frame.locale,
    ip,
    userAgent,
    ttlMinutes: env.JOURNEY_TTL_MINUTES,
  };
  const result = method === "VOUCHER" ? await redeemVoucher(db, voucherKeys(), journey) : await openJourney(db, { ...journey, method });
  // The answer is the consent page itself: one round trip fewer on a congested network.
  if (result.status === "identified") return consentResponse(frame, result.token, { answersPost: true });

  const lang = pickedLanguage(frame, requestedLang);
  if (result.status === "refused") {
    // The code is not echoed back: the guest types it again, looking at the card.
    const status = result.reason === "rateLimited" ? 429 : result.reason === "notFound" ? 422 : 410;
    return voucherResponse(frame, { gateway, lang, form: { formError: frame.t(`errors.${voucherRefusalMessages[result.reason]}`) } }, status);
  }
  const state = { gateway, lang, form: { fieldErrors: translatedErrors(frame.t, result.fieldErrors), values } };
  if (method === "VOUCHER") return voucherResponse(frame, state, 422);
  return method === "LOYALTY" ? loyaltyResponse(frame, state, 422) : splashResponse(frame, state, 422, request);
});

/** Nothing to show at this address by itself (e.g. a bookmark of a refused post): back to the splash. */
export const GET = portalRoute(async (request, venueSlug) => seeOther(portalPath(venueSlug, "", new URL(request.url).search.slice(1))));
