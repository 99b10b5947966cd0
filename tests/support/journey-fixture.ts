// A guest's login as the portal makes it, for tests that need an identified journey, and the
// whole journey behind a gateway for the network tests.
import type { Db } from "@/lib/db/client";
import { getPublishedConsentWording } from "@/lib/consent";
import { completeJourney, openJourney, readGatewayParams } from "@/lib/journeys";
import { checkGatewayRedirect, type AccessOptions } from "@/lib/network/access";

export interface TestLogin {
  email: string;
  /** The gateway's query string on the splash. */
  gateway?: string;
  ip?: string;
  userAgent?: string;
}

/** Opens an identified journey at `venue` by email quick access; returns its token. */
export async function openTestJourney(db: Db, venue: { id: string; countryCode: string }, login: TestLogin): Promise<string> {
  const opened = await openJourney(db, {
    venue,
    method: "EMAIL",
    form: { email: login.email },
    gateway: readGatewayParams(new URLSearchParams(login.gateway ?? "client_mac=aa:bb:cc:dd:ee:01&client_ip=10.0.0.5")),
    locale: "en",
    ip: login.ip ?? "203.0.113.7",
    userAgent: login.userAgent ?? "test",
    ttlMinutes: 30,
  });
  if (opened.status !== "identified") throw new Error(`login refused: ${JSON.stringify(opened.fieldErrors)}`);
  return opened.token;
}

/**
 * A guest through the whole journey behind a gateway, as the routes run it: the gateway check
 * on the splash's query (`gw` or the venue's only gateway), the email login, then consent with
 * only the terms ticked. Refused redirects come back as `{ refused }`, with nothing written.
 */
export async function consentThroughGateway(
  db: Db,
  venue: { id: string; slug: string; countryCode: string },
  login: { query: string; email: string; ip?: string },
  options: AccessOptions,
): Promise<{ token: string } | { refused: string }> {
  const gateway = readGatewayParams(new URLSearchParams(login.query));
  const network = await checkGatewayRedirect(db, { id: venue.id }, gateway.params, options);
  if (!network.ok) return { refused: network.reason };
  const ip = login.ip ?? "10.0.0.9";
  const opened = await openJourney(db, {
    venue,
    method: "EMAIL",
    form: { email: login.email },
    gateway,
    network: { gatewayId: network.gatewayId, clientMac: network.redirect?.clientMac ?? null, clientIp: network.redirect?.clientIp ?? null, apMac: null, originalUrl: null },
    locale: "en",
    ip,
    userAgent: "test",
    ttlMinutes: 30,
  });
  if (opened.status !== "identified") throw new Error("login refused");
  const wording = await getPublishedConsentWording(db, await db.venue.findUniqueOrThrow({ where: { id: venue.id } }), "en");
  const done = await completeJourney(db, {
    venueSlug: venue.slug,
    token: opened.token,
    submission: { termsAccepted: true, granted: [], shown: wording.map((w) => w.consentTextId) },
    ip,
    userAgent: "test",
    acceptLanguage: "en",
  });
  if (done.status !== "completed") throw new Error("consent refused");
  return { token: opened.token };
}
