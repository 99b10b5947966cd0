import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db/client";
import type { EventType } from "@/lib/events/record-event";
import { openJourney, type FieldErrors, type OpenJourneyInput } from "@/lib/journeys/open-journey";
import { clientKey } from "@/lib/rate-limits";

import { codeHmacs } from "./codes";
import { decideRedemption, type RefusalReason } from "./decide-redemption";
import type { VoucherKeys } from "./keys";
import { takeClientAttempt, takeRefusalLog, takeVenueWrongCode, venueHasWrongCodesLeft } from "./rate-limit";
import { voucherCodeSchema } from "./schemas";

export type RedeemResult =
  | { status: "identified"; token: string; journeyId: string }
  | { status: "invalid"; fieldErrors: FieldErrors }
  | { status: "refused"; reason: RefusalReason };

export type RedeemInput = Omit<OpenJourneyInput, "method" | "form"> & { form: Record<string, unknown> };

interface FoundCode {
  id: string;
  batchId: string;
  revokedAt: Date | null;
  firstRedeemedAt: Date | null;
  batchRevokedAt: Date | null;
  expiresAt: Date;
  accessMinutes: number;
  dataMb: number | null;
  maxDevices: number;
  devices: string[];
}

/**
 * A guest's access code: the attempt is counted (per client, and per venue when wrong) in
 * PostgreSQL before the code is looked up, so a burst of guesses is refused even when it ends
 * on a right one. A right code opens the journey, its redemption and its event in one
 * transaction, under the code's row lock so two devices cannot both take its last place.
 * A refusal writes nothing but its event, which never holds the code typed (and past
 * refusalsLoggedPerVenuePerHour in an hour, not even that).
 */
export async function redeemVoucher(db: Db, keys: VoucherKeys, input: RedeemInput): Promise<RedeemResult> {
  const now = input.now ?? new Date();
  const parsed = voucherCodeSchema.safeParse(input.form);
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const mac = input.network?.clientMac ?? input.gateway.clientMac;
  // Behind one NAT every guest shares an address: the gateway's client MAC tells devices apart where it sends one.
  const client = mac ? clientKey(keys.clients, "mac", mac) : clientKey(keys.clients, "ip", input.ip ?? "unknown");
  const refuse = (reason: RefusalReason, found?: FoundCode) => refusal(db, input.venue.id, reason, found, now);

  const clientAllowed = await takeClientAttempt(db, client);
  if (!clientAllowed || !(await venueHasWrongCodesLeft(db, input.venue.id))) return refuse("rateLimited");

  type Outcome = { kind: "opened"; token: string; journeyId: string } | { kind: "refused"; reason: RefusalReason; code?: FoundCode };
  const result = await db.$transaction(async (tx): Promise<Outcome> => {
    const [code] = await tx.$queryRaw<FoundCode[]>`
      SELECT c.id, c.batch_id AS "batchId", c.revoked_at AS "revokedAt", c.first_redeemed_at AS "firstRedeemedAt",
             b.revoked_at AS "batchRevokedAt", b.expires_at AS "expiresAt", b.access_minutes AS "accessMinutes",
             b.data_mb AS "dataMb", b.max_devices AS "maxDevices",
             ARRAY(SELECT DISTINCT r.device_key FROM voucher_redemption r WHERE r.code_id = c.id)::text[] AS devices
      FROM voucher_code c JOIN voucher_batch b ON b.id = c.batch_id
      WHERE c.venue_id = ${input.venue.id}::uuid AND c.code_hmac = ANY (${codeHmacs(keys.codes, parsed.data.code)}::bytea[])
      FOR UPDATE OF c`;
    if (!code) return { kind: "refused", reason: "notFound" };
    // Without a MAC each journey is its own device: honest, if strict, for gateways that send none.
    const deviceKey = mac ? clientKey(keys.clients, "mac", mac) : null;
    const decision = decideRedemption(code, deviceKey ?? "journey:new", now);
    if (!decision.ok) return { kind: "refused", reason: decision.reason, code };

    const opened = await openJourney(tx, { ...input, method: "VOUCHER", form: { voucherCodeId: code.id, voucherBatchId: code.batchId }, now });
    if (opened.status !== "identified") throw new Error("A voucher journey's own identity did not validate.");
    await tx.$executeRaw`
      WITH redemption AS (
        INSERT INTO voucher_redemption (id, code_id, journey_id, device_key, minutes, quota_mb, redeemed_at)
        VALUES (gen_random_uuid(), ${code.id}::uuid, ${opened.journeyId}::uuid, ${deviceKey ?? `journey:${opened.journeyId}`}, ${decision.minutes}, ${decision.quotaMb}, ${now})
      ), first_use AS (
        UPDATE voucher_code SET first_redeemed_at = COALESCE(first_redeemed_at, ${now}) WHERE id = ${code.id}::uuid
      )
      INSERT INTO event (type, occurred_at, venue_id, journey_id, payload)
      VALUES (${"voucher.redeemed" satisfies EventType}, ${now}, ${input.venue.id}::uuid, ${opened.journeyId}::uuid,
              ${JSON.stringify({ batchId: code.batchId, codeId: code.id, minutes: decision.minutes, newDevice: decision.newDevice })}::jsonb)`;
    return { kind: "opened", token: opened.token, journeyId: opened.journeyId };
  });
  if (result.kind === "opened") return { status: "identified", token: result.token, journeyId: result.journeyId };
  if (result.reason === "notFound") await takeVenueWrongCode(db, input.venue.id);
  return refuse(result.reason, result.code);
}

async function refusal(db: Db, venueId: string, reason: RefusalReason, found: FoundCode | undefined, at: Date): Promise<RedeemResult> {
  if (!(await takeRefusalLog(db, venueId))) return { status: "refused", reason };
  await db.event.create({
    data: {
      type: "voucher.refused" satisfies EventType,
      occurredAt: at,
      venueId,
      payload: { reason, ...(found ? { batchId: found.batchId, codeId: found.id } : {}) },
    },
  });
  return { status: "refused", reason };
}
