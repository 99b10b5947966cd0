import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { StaffActionError } from "@/lib/staff/staff-action-error";

import { assertConsentPermission, type ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { describeStatus, loadConsentTextForChange } from "./lock-wording";
import type { ApproveConsentTextInput, RejectConsentTextInput } from "./schemas";

/** Legal (or an admin) accepts the wording as submitted: IN_REVIEW → APPROVED, frozen from now on. */
export async function approveConsentText(db: Db, actor: ConsentActor, input: ApproveConsentTextInput): Promise<ConsentText> {
  assertConsentPermission(actor, "consent.review");
  return review(db, actor, input.consentTextId, "APPROVED", input.comment?.trim() || null);
}

/** Legal (or an admin) sends the wording back with the reason: IN_REVIEW → REJECTED. */
export async function rejectConsentText(db: Db, actor: ConsentActor, input: RejectConsentTextInput): Promise<ConsentText> {
  assertConsentPermission(actor, "consent.review");
  const comment = input.comment?.trim();
  if (!comment) {
    throw new StaffActionError("Say what needs to change before rejecting.", { comment: ["Say what needs to change: the author sees this comment."] });
  }
  return review(db, actor, input.consentTextId, "REJECTED", comment);
}

async function review(db: Db, actor: ConsentActor, consentTextId: string, decision: "APPROVED" | "REJECTED", comment: string | null) {
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, consentTextId);
    if (text.status !== "IN_REVIEW") {
      const verb = decision === "APPROVED" ? "approved" : "rejected";
      throw new StaffActionError(`${describeStatus(text)}: only wording submitted for review can be ${verb}.`);
    }
    const reviewed = await tx.consentText.update({
      where: { id: text.id },
      data: { status: decision, reviewedById: actor.id, reviewComment: comment, reviewedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: decision === "APPROVED" ? "consent_text.approved" : "consent_text.rejected",
      entityType: "consent_text",
      entityId: text.id,
      before: consentTextSnapshot(text),
      after: consentTextSnapshot(reviewed),
      ip: actor.ip,
    });
    return reviewed;
  });
}
