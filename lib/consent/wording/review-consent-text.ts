import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";

import type { ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { loadConsentTextForChange } from "./lock-wording";
import type { ApproveConsentTextInput, RejectConsentTextInput } from "./schemas";

/** Legal (or an admin) accepts the wording as submitted: IN_REVIEW → APPROVED, frozen from now on. */
export async function approveConsentText(db: Db, actor: ConsentActor, input: ApproveConsentTextInput): Promise<ConsentText> {
  assertPermission(actor, "consent.review");
  return review(db, actor, input.consentTextId, "APPROVED", input.comment?.trim() || null);
}

/** Legal (or an admin) sends the wording back with the reason: IN_REVIEW → REJECTED. */
export async function rejectConsentText(db: Db, actor: ConsentActor, input: RejectConsentTextInput): Promise<ConsentText> {
  assertPermission(actor, "consent.review");
  const comment = input.comment?.trim();
  if (!comment) {
    throw new DomainError("rejectionNeedsComment", { fieldErrors: { comment: ["rejectionCommentRequired"] } });
  }
  return review(db, actor, input.consentTextId, "REJECTED", comment);
}

const fourEyes = () => env.PORTICO_FOUR_EYES;

async function review(db: Db, actor: ConsentActor, consentTextId: string, decision: "APPROVED" | "REJECTED", comment: string | null) {
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, consentTextId);
    if (text.status !== "IN_REVIEW") {
      const step = decision === "APPROVED" ? "approve" : "reject";
      throw new DomainError("wordingWrongStatus", { params: { version: text.version, status: text.status, step } });
    }
    // Four eyes: whoever drafted the wording cannot be the one who approves it (PORTICO_FOUR_EYES).
    if (decision === "APPROVED" && fourEyes() && text.createdById === actor.id) throw new DomainError("fourEyesRequired");
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
