import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { maxGatewayQueryLength, pickedLanguage, splashResponse } from "@/app/(portal)/_portal/login-pages";
import { portalRoute, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { recogniseAtSplash, welcomeBackResponse } from "@/app/(portal)/_portal/welcome-back-pages";
import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import { gatewayQuery } from "@/lib/journeys/gateway-params";
import { countJourneyStep } from "@/lib/ops/metrics";
import { answerAuthmon } from "@/lib/network/adapters/opennds-authmon";
import { findVenueAuthmonGateway, openndsAuthmonStore } from "@/lib/network/adapters/opennds-authmon-store";
import { consentToAskAgain } from "@/lib/welcome-back/connect";

/**
 * The page the gateway sends a new device to: the venue's welcome with email quick access on
 * it, or for a device seen before (welcome back on) the one-tap page. It writes nothing (captive-network probes fetch it over and over); the gateway's
 * parameters ride along in the form until the guest signs in.
 */
export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, search.get("lang")));
  if (!frame) return venueNotFoundResponse(request);
  countJourneyStep("splash");
  const gateway = gatewayQuery(search).slice(0, maxGatewayQueryLength);
  // A device the venue has seen before gets the one-tap page instead (lib/welcome-back).
  const returning = await recogniseAtSplash(request, frame, gateway);
  const askAgain = returning ? await consentToAskAgain(db, frame.venue, returning.recognition.guestId, frame.locale).catch(notConfigured) : null;
  if (returning && askAgain) return welcomeBackResponse(frame, { gateway, recognition: returning.recognition, askAgain: askAgain.toAsk });
  return splashResponse(frame, { gateway, lang: pickedLanguage(frame, search.get("lang")) }, 200, request);
});

/** A venue without published terms cannot offer a tap: the splash as ever, whose login then says why. */
function notConfigured(error: unknown): null {
  if (isDomainError(error, "consentNotConfigured")) return null;
  throw error;
}

/** authmon's form is three short fields; anything larger is not authmon. */
const maxAuthmonBody = 16_384;

/**
 * openNDS at security level 3: its authmon daemon polls the FAS address itself, which is this
 * page's (openNDS posts to fasremotefqdn + faspath), for the grants waiting for it
 * (docs/gateways/opennds.md). Guests never post here.
 */
export const POST = portalRoute(async (request, venueSlug) => {
  const text = await request.text();
  const form = text.length <= maxAuthmonBody ? new URLSearchParams(text) : null;
  if (!form?.has("auth_get")) return new Response("", { status: 405, headers: { allow: "GET" } });
  const gateway = await findVenueAuthmonGateway(db, venueSlug, new URL(request.url).searchParams.get("gw"));
  if (!gateway) return new Response("", { status: 404 });
  const reply = await answerAuthmon(gateway, form, openndsAuthmonStore(db));
  return new Response(reply.body, { status: reply.status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
});
