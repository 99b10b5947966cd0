import "server-only";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import { codeHmacs } from "./codes";
import type { VoucherKeys } from "./keys";

/** What staff see of a batch: its limits and how its codes are used, never a code. */
export interface VoucherBatchListItem {
  id: string;
  venue: { id: string; name: string; timezone: string };
  label: string;
  codeCount: number;
  codeLength: number;
  accessMinutes: number;
  dataMb: number | null;
  maxDevices: number;
  expiresAt: Date;
  createdAt: Date;
  printable: boolean;
  printedAt: Date | null;
  revokedAt: Date | null;
  /** Codes redeemed at least once, never redeemed, and revoked one by one. */
  redeemed: number;
  unused: number;
  revokedCodes: number;
}

export async function listVoucherBatches(db: Db, actor: Pick<Actor, "role">): Promise<VoucherBatchListItem[]> {
  assertPermission(actor, "vouchers.manage");
  const rows = await db.$queryRaw<(Omit<VoucherBatchListItem, "venue"> & { venueId: string; venueName: string; venueTimezone: string })[]>`
    SELECT b.id, b.venue_id AS "venueId", v.name AS "venueName", v.timezone AS "venueTimezone", b.label, b.code_count AS "codeCount", b.code_length AS "codeLength",
           b.access_minutes AS "accessMinutes", b.data_mb AS "dataMb", b.max_devices AS "maxDevices", b.expires_at AS "expiresAt",
           b.created_at AS "createdAt", b.sealed_codes IS NOT NULL AS printable, b.printed_at AS "printedAt", b.revoked_at AS "revokedAt",
           count(c.id) FILTER (WHERE c.first_redeemed_at IS NOT NULL)::int AS redeemed,
           count(c.id) FILTER (WHERE c.first_redeemed_at IS NULL AND c.revoked_at IS NULL)::int AS unused,
           count(c.id) FILTER (WHERE c.revoked_at IS NOT NULL)::int AS "revokedCodes"
    FROM voucher_batch b JOIN venue v ON v.id = b.venue_id LEFT JOIN voucher_code c ON c.batch_id = b.id
    GROUP BY b.id, v.name, v.timezone ORDER BY b.created_at DESC, b.id DESC LIMIT 200`;
  return rows.map(({ venueId, venueName, venueTimezone, ...row }) => ({ ...row, venue: { id: venueId, name: venueName, timezone: venueTimezone } }));
}

export async function voucherVenueOptions(db: Db, actor: Pick<Actor, "role">): Promise<VoucherVenueOption[]> {
  assertPermission(actor, "vouchers.manage");
  return db.venue.findMany({ select: { id: true, name: true, timezone: true, vouchersEnabled: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

export interface VoucherVenueOption {
  id: string;
  name: string;
  timezone: string;
  vouchersEnabled: boolean;
}

/** Revokes every code of a batch at once (the sealed codes go too: nothing left to print). Audited. */
export async function revokeVoucherBatch(db: Db, actor: Actor, batchId: string, now = new Date()): Promise<void> {
  assertPermission(actor, "vouchers.manage");
  await db.$transaction(async (tx) => {
    const [batch] = await tx.$queryRaw<{ id: string; revoked_at: Date | null }[]>`SELECT id, revoked_at FROM voucher_batch WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (!batch) throw new DomainError("voucherBatchGone");
    if (batch.revoked_at) return;
    await tx.voucherBatch.update({ where: { id: batchId }, data: { revokedAt: now, sealedCodes: null } });
    await recordAudit(tx, { actorId: actor.id, action: "voucherBatch.revoke", entityType: "voucher_batch", entityId: batchId, after: { revokedAt: now.toISOString() }, ip: actor.ip });
  });
}

/** Revokes the one code typed from a card (codes are known only by their HMAC). Audited by the code's id. */
export async function revokeVoucherCode(db: Db, actor: Actor, keys: VoucherKeys, input: { venueId: string; code: string }, now = new Date()): Promise<{ batchLabel: string }> {
  assertPermission(actor, "vouchers.manage");
  return db.$transaction(async (tx) => {
    const hmacs = codeHmacs(keys.codes, input.code).map((h) => new Uint8Array(h));
    const code = await tx.voucherCode.findFirst({ where: { venueId: input.venueId, codeHmac: { in: hmacs } }, include: { batch: { select: { label: true } } } });
    if (!code) throw DomainError.of("voucherCodeNotFound", { code: ["voucherCodeNotFound"] });
    if (!code.revokedAt) {
      await tx.voucherCode.update({ where: { id: code.id }, data: { revokedAt: now } });
      await recordAudit(tx, { actorId: actor.id, action: "voucherCode.revoke", entityType: "voucher_code", entityId: code.id, after: { batchId: code.batchId }, ip: actor.ip });
    }
    return { batchLabel: code.batch.label };
  });
}

/** Turns "I have an access code" on the venue's splash on or off. Audited. */
export async function setVenueVouchers(db: Db, actor: Actor, venueId: string, enabled: boolean): Promise<void> {
  assertPermission(actor, "vouchers.manage");
  await db.$transaction(async (tx) => {
    const venue = await tx.venue.findUnique({ where: { id: venueId }, select: { vouchersEnabled: true } });
    if (!venue) throw DomainError.of("venueGone", { venueId: ["venueGone"] });
    if (venue.vouchersEnabled === enabled) return;
    await tx.venue.update({ where: { id: venueId }, data: { vouchersEnabled: enabled } });
    await recordAudit(tx, { actorId: actor.id, action: "venue.vouchers", entityType: "venue", entityId: venueId, before: { vouchersEnabled: !enabled }, after: { vouchersEnabled: enabled }, ip: actor.ip });
  });
}
