import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { StaffActionError } from "@/lib/staff/staff-action-error";

import { assertConsentPermission, type ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { describeStatus, loadConsentTextForChange } from "./lock-wording";
import type { ConsentTextTransitionInput } from "./schemas";

/**
 * The author abandons their draft. A draft was never reviewed nor shown to a guest, so it is
 * removed; the audit entry keeps its words. Anything past DRAFT is kept for the record.
 */
export async function discardConsentDraft(db: Db, actor: ConsentActor, input: ConsentTextTransitionInput): Promise<ConsentText> {
  assertConsentPermission(actor, "consent.draft");
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, input.consentTextId);
    if (text.status !== "DRAFT") throw new StaffActionError(`${describeStatus(text)}: only drafts can be discarded.`);
    if (text.createdById !== actor.id) throw new StaffActionError("Only the author of a draft can discard it.");
    await tx.consentText.delete({ where: { id: text.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "consent_text.discarded",
      entityType: "consent_text",
      entityId: text.id,
      before: consentTextSnapshot(text),
      after: null,
      ip: actor.ip,
    });
    return text;
  });
}
