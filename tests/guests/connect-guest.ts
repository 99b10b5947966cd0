// Runs the real guest journey (login → consent) through the domain functions, so
// guest-page tests read what the portal actually writes.
import { getPublishedConsentWording } from "@/lib/consent";
import type { Db } from "@/lib/db/client";
import { completeJourney, openJourney, readGatewayParams } from "@/lib/journeys";

export const iphone =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

export interface ConnectOptions {
  /** Purpose keys ticked besides the terms, e.g. ["marketing"]. */
  grant?: string[];
  at?: Date;
  clientMac?: string;
  ip?: string;
}

export async function connectGuest(db: Db, venueSlug: string, email: string, options: ConnectOptions = {}): Promise<{ token: string }> {
  const now = options.at ?? new Date();
  const ip = options.ip ?? "10.0.0.5";
  const query = new URLSearchParams({ client_mac: options.clientMac ?? "DA-A1-19-00-00-01", client_ip: ip, ap_mac: "00:11:22:33:44:55" });
  const venue = await db.venue.findUniqueOrThrow({ where: { slug: venueSlug } });
  const login = await openJourney(db, {
    venue,
    method: "EMAIL",
    form: { email },
    gateway: readGatewayParams(query),
    locale: "en",
    ip,
    userAgent: iphone,
    ttlMinutes: 30,
    now,
  });
  if (login.status !== "identified") throw new Error(`login refused: ${JSON.stringify(login)}`);
  const { token } = login;
  const shown = await getPublishedConsentWording(db, venue, "en");
  const granted = shown.filter((s) => options.grant?.includes(s.key)).map((s) => s.purposeId);
  const result = await completeJourney(db, {
    venueSlug,
    token,
    submission: { termsAccepted: true, granted, shown: shown.map((s) => s.consentTextId) },
    ip,
    userAgent: iphone,
    acceptLanguage: "en-GB,en;q=0.9",
    now,
  });
  if (result.status !== "completed" || result.replayed) throw new Error(`consent refused: ${JSON.stringify(result)}`);
  return { token };
}
