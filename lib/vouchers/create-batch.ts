import "server-only";

import { v7 as uuidv7 } from "uuid";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { sealSecrets } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import { codeHmac, generateCodes } from "./codes";
import type { VoucherKeys } from "./keys";
import type { NewVoucherBatchInput } from "./schemas";

/** The context a batch's sealed codes are bound to: they open only on their own row. */
export const sealedCodesContext = (batchId: string) => `voucher_batch:${batchId}`;

/**
 * A batch and its codes in one transaction with its audit entry. Each code is stored as its
 * HMAC; the plain codes are sealed on the batch until the sheet is printed once (print-sheet.ts).
 * A code that happens to equal a live one at the venue is drawn again.
 */
export async function createVoucherBatch(db: Db, actor: Actor, keys: VoucherKeys, input: NewVoucherBatchInput, now = new Date()): Promise<{ id: string }> {
  assertPermission(actor, "vouchers.manage");
  return db.$transaction(async (tx) => {
    if (!(await tx.venue.findUnique({ where: { id: input.venueId }, select: { id: true } }))) throw DomainError.of("venueGone", { venueId: ["venueGone"] });
    const id = uuidv7();
    let codes = generateCodes(input.count, input.codeLength);
    for (;;) {
      const hmacs = codes.map((code) => codeHmac(keys.codes.current, code));
      const taken = await tx.voucherCode.findMany({ where: { venueId: input.venueId, codeHmac: { in: hmacs.map((h) => new Uint8Array(h)) } }, select: { codeHmac: true } });
      if (taken.length === 0) break;
      const clash = new Set(taken.map((t) => Buffer.from(t.codeHmac).toString("hex")));
      const kept = codes.filter((_, i) => !clash.has(hmacs[i]!.toString("hex")));
      codes = [...kept, ...generateCodes(codes.length - kept.length, input.codeLength, new Set(codes))];
    }
    await tx.voucherBatch.create({
      data: {
        id,
        venueId: input.venueId,
        label: input.label,
        codeLength: input.codeLength,
        codeCount: input.count,
        accessMinutes: input.accessMinutes,
        dataMb: input.dataMb,
        maxDevices: input.maxDevices,
        expiresAt: input.expiresAt,
        sealedCodes: new Uint8Array(sealSecrets(codes, keys.sealing, sealedCodesContext(id))),
        createdById: actor.id,
        createdAt: now,
      },
    });
    await tx.voucherCode.createMany({ data: codes.map((code) => ({ id: uuidv7(), batchId: id, venueId: input.venueId, codeHmac: new Uint8Array(codeHmac(keys.codes.current, code)) })) });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "voucherBatch.create",
      entityType: "voucher_batch",
      entityId: id,
      after: {
        venueId: input.venueId,
        label: input.label,
        count: input.count,
        codeLength: input.codeLength,
        accessMinutes: input.accessMinutes,
        dataMb: input.dataMb,
        maxDevices: input.maxDevices,
        expiresAt: input.expiresAt.toISOString(),
      },
      ip: actor.ip,
    });
    return { id };
  });
}
