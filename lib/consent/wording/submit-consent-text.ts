import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";

import type { ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { loadConsentTextForChange } from "./lock-wording";
import type { ConsentTextTransitionInput } from "./schemas";

/** The author hands their draft to legal: DRAFT → IN_REVIEW. From here the words no longer change. */
export async function submitConsentText(db: Db, actor: ConsentActor, input: ConsentTextTransitionInput): Promise<ConsentText> {
  assertPermission(actor, "consent.draft");
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, input.consentTextId);
    if (text.status !== "DRAFT") throw new DomainError("wordingWrongStatus", { params: { version: text.version, status: text.status, step: "submit" } });
    if (text.createdById !== actor.id) throw new DomainError("notDraftAuthor", { params: { step: "submit" } });
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
