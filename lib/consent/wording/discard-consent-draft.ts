import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";

import type { ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { loadConsentTextForChange } from "./lock-wording";
import type { ConsentTextTransitionInput } from "./schemas";

/**
 * The author abandons their draft. A draft was never reviewed nor shown to a guest, so it is
 * removed; the audit entry keeps its words. Anything past DRAFT is kept for the record.
 */
export async function discardConsentDraft(db: Db, actor: ConsentActor, input: ConsentTextTransitionInput): Promise<ConsentText> {
  assertPermission(actor, "consent.draft");
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, input.consentTextId);
    if (text.status !== "DRAFT") throw new DomainError("wordingWrongStatus", { params: { version: text.version, status: text.status, step: "discard" } });
    if (text.createdById !== actor.id) throw new DomainError("notDraftAuthor", { params: { step: "discard" } });
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
