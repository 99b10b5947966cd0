import { randomBytes } from "node:crypto";

import { v7 as uuidv7 } from "uuid";
import { z } from "zod";

import type { Db, DbTx } from "@/lib/db/client";
import { normaliseEmail } from "@/lib/email/normalise-email";
import type { EventType } from "@/lib/events/record-event";
import type { LoginMethod } from "@/lib/generated/prisma/enums";
import { countJourneyStep } from "@/lib/ops/metrics";

import type { GatewayContext } from "./gateway-params";
import { emailLoginSchema, loyaltyLoginSchema, samlLoginSchema, voucherLoginSchema } from "./schemas";

export type FieldErrors = Partial<Record<string, string[]>>;

export type OpenJourneyResult = { status: "identified"; token: string; journeyId: string } | { status: "invalid"; fieldErrors: FieldErrors };

export interface OpenJourneyInput {
  venue: { id: string; countryCode: string };
  method: LoginMethod;
  /**
   * A returning guest's one tap (lib/welcome-back): the identity is the guest's stored email,
   * not a form, so it is checked as email quick access whatever `method` the visit keeps.
   */
  returningGuest?: boolean;
  /** The login form as posted (for SAML: what the website's assertion said); validated here with the method's schema. */
  form: Record<string, unknown>;
  gateway: GatewayContext;
  /**
   * The venue's gateway this guest came through and its adapter's reading of the redirect
   * (lib/network/access.ts): what the adapter decoded or verified (openNDS's encrypted query)
   * wins over the plain parameters.
   */
  network?: { gatewayId: string | null; clientMac: string | null; clientIp: string | null; apMac: string | null; originalUrl: string | null };
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
 * the journey (with the email already normalised, the identity store's key), which the
 * consent step clears and the purge job clears if it expires.
 */
export async function openJourney(db: Db | DbTx, input: OpenJourneyInput): Promise<OpenJourneyResult> {
  const now = input.now ?? new Date();
  // A returning guest's form is the email Portico already holds, whatever way they first signed in.
  const schema = input.returningGuest
    ? emailLoginSchema
    : {
        LOYALTY: () => loyaltyLoginSchema(input.venue.countryCode),
        SAML: () => samlLoginSchema,
        EMAIL: () => emailLoginSchema,
        VOUCHER: () => voucherLoginSchema,
      }[input.method]();
  const parsed = (schema as z.ZodType<Record<string, unknown>>).safeParse(input.form);
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  // A voucher names its code, not a person: there is no email to key the guest by.
  const email = typeof parsed.data.email === "string" ? parsed.data.email : null;
  const identity = email === null ? parsed.data : { ...parsed.data, emailNormalized: normaliseEmail(email) };

  const token = randomBytes(24).toString("base64url");
  const journeyId = uuidv7();
  const { gateway, network } = input;
  const clientMac = network?.clientMac ?? gateway.clientMac;
  const clientIp = network?.clientIp ?? gateway.clientIp;
  const apMac = network?.apMac ?? gateway.apMac;
  const originalUrl = network?.originalUrl ?? gateway.originalUrl;
  const expiresAt = new Date(now.getTime() + input.ttlMinutes * 60_000);
  const payload = gateway.rejected.length > 0 ? { method: input.method, rejectedGatewayParams: gateway.rejected } : { method: input.method };
  // The journey and its event in one statement: one round trip, all or nothing.
  await db.$executeRaw`
    WITH journey AS (
      INSERT INTO journey (id, token, venue_id, status, locale, login_method, identity, client_mac, client_ip, ap_mac, zone_slug,
                           original_url, gateway_params, gateway_id, ip, user_agent, created_at, identified_at, expires_at)
      VALUES (${journeyId}::uuid, ${token}, ${input.venue.id}::uuid, 'IDENTIFIED', ${input.locale}, ${input.method}::login_method,
              ${JSON.stringify(identity)}::jsonb, ${clientMac}, ${clientIp}, ${apMac}, ${gateway.zoneSlug},
              ${originalUrl}, ${JSON.stringify(gateway.params)}::jsonb, ${network?.gatewayId ?? null}::uuid, ${input.ip}, ${input.userAgent?.slice(0, 512) ?? null},
              ${now}, ${now}, ${expiresAt})
      RETURNING id, venue_id
    )
    INSERT INTO event (type, occurred_at, venue_id, journey_id, payload)
    SELECT ${"journey.identified" satisfies EventType}, ${now}, venue_id, id, ${JSON.stringify(payload)}::jsonb FROM journey`;
  countJourneyStep("login");
  return { status: "identified", token, journeyId };
}
