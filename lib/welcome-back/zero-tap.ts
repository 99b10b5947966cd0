// Welcome back with zero taps: the gateway asks Portico about a device by itself (RADIUS MAC
// authorisation: User-Name = the MAC, sent by the NAS, not by a browser, so the MAC is the
// gateway's own word) and a device whose guest visited this venue within its zero-tap days is
// let on without any page: the visit is recorded exactly as the one tap records it, and the
// access session granted. Only when no purpose's wording changed since the guest's last
// decision: otherwise the NAS is told "unknown", the device gets the captive page, and the
// one-tap page asks what changed.
import "server-only";

import type { Db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";
import type { LoginMethod } from "@/lib/generated/prisma/enums";
import { readGatewayParams } from "@/lib/journeys/gateway-params";
import { grantAccess, type AccessOptions } from "@/lib/network/access";
import type { GatewayAdapter } from "@/lib/network/gateway-adapter";
import { gatewayRegistry } from "@/lib/network/registry";

import { connectReturningGuest, consentToAskAgain } from "./connect";
import { recognitionSince } from "./recognise";

/** The grant kind zero-tap sessions carry (access_session.grant_kind). */
export const zeroTapGrantKind = "radius-mac";

const zeroTapKinds = () =>
  Object.entries(gatewayRegistry as Partial<Record<string, GatewayAdapter>>)
    .filter(([, adapter]) => adapter?.zeroTap)
    .map(([kind]) => kind);

interface Candidate {
  guestId: string;
  email: string;
  locale: string | null;
  loginMethod: LoginMethod;
  lastVisitAt: Date;
  venueId: string;
  gatewayId: string;
}

/**
 * Lets a known device on with no tap, if its venue has zero taps on; true when a session was
 * granted (the caller answers from it), false when the device must go through the page.
 */
export async function zeroTapGrant(db: Db, request: { mac: string; nasIdentifier: string | null; clientIp: string | null }, options: AccessOptions): Promise<boolean> {
  const now = (options.now ?? (() => new Date()))();
  // The device's latest visit through a gateway that can ask, at a venue with zero taps on, within its days.
  const [found] = await db.$queryRaw<Candidate[]>`
    SELECT g.id AS "guestId", g.email, g.locale, vi.login_method::text AS "loginMethod", vi.connected_at AS "lastVisitAt",
           vi.venue_id AS "venueId", gw.id AS "gatewayId"
    FROM visit vi JOIN device d ON d.id = vi.device_id JOIN guest g ON g.id = vi.guest_id
    JOIN journey j ON j.id = vi.journey_id JOIN gateway gw ON gw.id = j.gateway_id
    JOIN venue_welcome_back wb ON wb.venue_id = vi.venue_id
    WHERE d.mac_address = ${request.mac} AND wb.mode = 'ZERO_TAP'
      AND vi.connected_at > ${now}::timestamptz - make_interval(days => wb.zero_tap_days)
      AND gw.kind = ANY (${zeroTapKinds()}::text[])
      AND (${request.nasIdentifier}::text IS NULL OR NOT EXISTS (SELECT 1 FROM gateway n WHERE n.slug = ${request.nasIdentifier}) OR gw.slug = ${request.nasIdentifier})
      AND g.erased_at IS NULL AND g.email_normalized IS NOT NULL AND g.email IS NOT NULL
      AND vi.login_method::text = ANY (${["EMAIL", "LOYALTY", "SAML"]}::text[])
    ORDER BY vi.connected_at DESC LIMIT 1`;
  if (!found || found.lastVisitAt <= (await recognitionSince(db, found.venueId, now))) return false;
  const venue = await db.venue.findUniqueOrThrow({ where: { id: found.venueId } });
  const locale = found.locale && venue.locales.includes(found.locale) ? found.locale : venue.defaultLocale;
  try {
    if ((await consentToAskAgain(db, venue, found.guestId, locale)).toAsk.length > 0) return false;
  } catch (error) {
    // No published terms any more: nobody is let on unasked; the page says what is wrong.
    if (isDomainError(error, "consentNotConfigured")) return false;
    throw error;
  }

  const recognition = { guestId: found.guestId, email: found.email, loginMethod: found.loginMethod, lastVisitAt: found.lastVisitAt, mac: request.mac, recognisedBy: "gateway-mac" as const };
  const connected = await connectReturningGuest(db, {
    venue,
    recognition,
    gateway: readGatewayParams(new URLSearchParams({ client_mac: request.mac, ...(request.clientIp ? { client_ip: request.clientIp } : {}) })),
    network: { gatewayId: found.gatewayId, clientMac: request.mac, clientIp: request.clientIp, apMac: null, originalUrl: null },
    submission: { termsAccepted: false, granted: [], shown: [] },
    locale,
    ip: null,
    userAgent: null,
    acceptLanguage: null,
    ttlMinutes: 5,
    via: "zero-tap",
    now,
  });
  if (connected.status !== "connected") return false;
  await grantAccess(db, { venueSlug: venue.slug, token: connected.token, continueUrl: "", collectedByGateway: zeroTapGrantKind }, options);
  return true;
}
