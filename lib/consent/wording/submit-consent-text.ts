import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { StaffActionError } from "@/lib/staff/staff-action-error";

import { assertConsentPermission, type ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { describeStatus, loadConsentTextForChange } from "./lock-wording";
import type { ConsentTextTransitionInput } from "./schemas";

/** The author hands their draft to legal: DRAFT → IN_REVIEW. From here the words no longer change. */
export async function submitConsentText(db: Db, actor: ConsentActor, input: ConsentTextTransitionInput): Promise<ConsentText> {
  assertConsentPermission(actor, "consent.draft");
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, input.consentTextId);
    if (text.status !== "DRAFT") throw new StaffActionError(`${describeStatus(text)}: only drafts can be submitted for review.`);
    if (text.createdById !== actor.id) throw new StaffActionError("Only the author of a draft can submit it for review.");
    const submitted = await tx.consentText.update({ where: { id: text.id }, data: { status: "IN_REVIEW" } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "consent_text.submitted",
      entityType: "consent_text",
      entityId: text.id,
      before: consentTextSnapshot(text),
      after: consentTextSnapshot(submitted),
      ip: actor.ip,
    });
    return submitted;
  });
}
