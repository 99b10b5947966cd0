import { randomBytes } from "node:crypto";

import type { Db } from "@/lib/db/client";
import { recordEvents } from "@/lib/events/record-event";
import { negotiateLocale } from "@/lib/i18n/locales";
import { findVenueBySlug } from "@/lib/venues";

import type { GatewayContext } from "./gateway-params";

export interface StartJourneyInput {
  venueSlug: string;
  gateway: GatewayContext;
  acceptLanguage: string | null;
  ip: string | null;
  userAgent: string | null;
  ttlMinutes: number;
  now?: Date;
}

/**
 * Opens a journey and returns its token. The token, not a cookie, carries the journey
 * from page to page: captive-network mini-browsers may drop cookies between requests.
 */
export async function startJourney(db: Db, input: StartJourneyInput): Promise<{ token: string }> {
  const now = input.now ?? new Date();
  const venue = await findVenueBySlug(db, input.venueSlug);
  const token = randomBytes(24).toString("base64url");
  const { gateway } = input;
  await db.$transaction(async (tx) => {
    const journey = await tx.journey.create({
      data: {
        token,
        venueId: venue.id,
        locale: negotiateLocale(input.acceptLanguage, venue.locales, venue.defaultLocale),
        clientMac: gateway.clientMac,
        clientIp: gateway.clientIp,
        apMac: gateway.apMac,
        zoneSlug: gateway.zoneSlug,
        originalUrl: gateway.originalUrl,
        gatewayParams: gateway.params,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 512) ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.ttlMinutes * 60_000),
      },
    });
    await recordEvents(tx, [{ type: "journey.started", venueId: venue.id, journeyId: journey.id, occurredAt: now }]);
  });
  return { token };
}
