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
 * Legal decides an approved version will not go live after all: APPROVED → RETIRED, never
 * published. Its words stay frozen and on record; it just leaves the "ready to publish" queue.
 */
export async function withdrawConsentText(db: Db, actor: ConsentActor, input: ConsentTextTransitionInput): Promise<ConsentText> {
  assertPermission(actor, "consent.publish");
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, input.consentTextId);
    if (text.status !== "APPROVED") throw new DomainError("wordingWrongStatus", { params: { version: text.version, status: text.status, step: "withdraw" } });
    const withdrawn = await tx.consentText.update({ where: { id: text.id }, data: { status: "RETIRED", retiredAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "consent_text.withdrawn",
      entityType: "consent_text",
      entityId: text.id,
      before: consentTextSnapshot(text),
      after: consentTextSnapshot(withdrawn),
      ip: actor.ip,
    });
    return withdrawn;
  });
}
