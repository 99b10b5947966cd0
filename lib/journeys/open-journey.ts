import { randomBytes } from "node:crypto";

import { z } from "zod";

import type { Db } from "@/lib/db/client";
import { recordEvents } from "@/lib/events/record-event";
import type { LoginMethod } from "@/lib/generated/prisma/enums";

import type { GatewayContext } from "./gateway-params";
import { emailLoginSchema, loyaltyLoginSchema } from "./schemas";

export type FieldErrors = Partial<Record<string, string[]>>;

export type OpenJourneyResult = { status: "identified"; token: string } | { status: "invalid"; fieldErrors: FieldErrors };

export interface OpenJourneyInput {
  venue: { id: string; countryCode: string };
  method: Extract<LoginMethod, "EMAIL" | "LOYALTY">;
  /** The login form as posted; validated here with the method's schema. */
  form: Record<string, unknown>;
  gateway: GatewayContext;
  /** The locale the guest is reading (lib/i18n/guest-locale.ts). */
  locale: string;
  ip: string | null;
  userAgent: string | null;
  ttlMinutes: number;
  now?: Date;
}

/**
 * The guest submitted a login: validated, the journey is written for the first time and its
 * token returned. Nothing is stored before this (the splash and the loyalty form write
 * nothing, so captive-network probes and anonymous page loads cost no rows), and nothing is
 * written to the identity store until the guest has decided on consent: the answers wait on
 * the journey, which the consent step clears and the purge job clears if it expires.
 */
export async function openJourney(db: Db, input: OpenJourneyInput): Promise<OpenJourneyResult> {
  const now = input.now ?? new Date();
  const schema = input.method === "LOYALTY" ? loyaltyLoginSchema(input.venue.countryCode) : emailLoginSchema;
  const parsed = schema.safeParse(input.form);
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };

  const token = randomBytes(24).toString("base64url");
  const { gateway } = input;
  await db.$transaction(async (tx) => {
    const journey = await tx.journey.create({
      data: {
        token,
        venueId: input.venue.id,
        status: "IDENTIFIED",
        locale: input.locale,
        loginMethod: input.method,
        identity: parsed.data,
        clientMac: gateway.clientMac,
        clientIp: gateway.clientIp,
        apMac: gateway.apMac,
        zoneSlug: gateway.zoneSlug,
        originalUrl: gateway.originalUrl,
        gatewayParams: gateway.params,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 512) ?? null,
        createdAt: now,
        identifiedAt: now,
        expiresAt: new Date(now.getTime() + input.ttlMinutes * 60_000),
      },
      select: { id: true },
    });
    await recordEvents(tx, [
      {
        type: "journey.identified",
        venueId: input.venue.id,
        journeyId: journey.id,
        occurredAt: now,
        payload: gateway.rejected.length > 0 ? { method: input.method, rejectedGatewayParams: gateway.rejected } : { method: input.method },
      },
    ]);
  });
  return { status: "identified", token };
}
