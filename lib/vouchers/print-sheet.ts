import "server-only";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { openSecrets } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import { sealedCodesContext } from "./create-batch";
import type { VoucherKeys } from "./keys";
import { voucherSheetPdf } from "./sheet-pdf";

/**
 * The batch's sheet, once: the sealed codes are opened, cleared from the row and the print
 * audited in one transaction, and the PDF is made from them. A second print finds nothing to
 * open (`voucherSheetPrinted`): the plain codes then exist only on paper.
 */
export async function printVoucherSheet(db: Db, actor: Actor, keys: VoucherKeys, batchId: string, now = new Date()): Promise<{ pdf: Uint8Array; fileName: string }> {
  assertPermission(actor, "vouchers.manage");
  // The PDF is made inside the transaction (no I/O, a few milliseconds): if it fails, the codes stay sealed.
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM voucher_batch WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (!row) throw new DomainError("voucherBatchGone");
    const batch = await tx.voucherBatch.findUniqueOrThrow({ where: { id: batchId }, include: { venue: { select: { name: true, slug: true, timezone: true } } } });
    if (!batch.sealedCodes) throw new DomainError("voucherSheetPrinted");
    const codes = openSecrets(Buffer.from(batch.sealedCodes), keys.sealing, sealedCodesContext(batch.id)) as string[];
    await tx.voucherBatch.update({ where: { id: batchId }, data: { sealedCodes: null, printedAt: now } });
    await recordAudit(tx, { actorId: actor.id, action: "voucherBatch.print", entityType: "voucher_batch", entityId: batchId, after: { codes: codes.length }, ip: actor.ip });
    const pdf = await voucherSheetPdf({
      venueName: batch.venue.name,
      label: batch.label,
      codes,
      accessMinutes: batch.accessMinutes,
      dataMb: batch.dataMb,
      maxDevices: batch.maxDevices,
      expiresAt: batch.expiresAt,
      timeZone: batch.venue.timezone,
    });
    return { pdf, fileName: `vouchers-${batch.venue.slug}-${batch.id.slice(0, 8)}.pdf` };
  });
}
