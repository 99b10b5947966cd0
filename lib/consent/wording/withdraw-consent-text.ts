import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { StaffActionError } from "@/lib/staff/staff-action-error";

import { assertConsentPermission, type ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { describeStatus, loadConsentTextForChange } from "./lock-wording";
import type { ConsentTextTransitionInput } from "./schemas";

/**
 * Legal decides an approved version will not go live after all: APPROVED → RETIRED, never
 * published. Its words stay frozen and on record; it just leaves the "ready to publish" queue.
 */
export async function withdrawConsentText(db: Db, actor: ConsentActor, input: ConsentTextTransitionInput): Promise<ConsentText> {
  assertConsentPermission(actor, "consent.publish");
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, input.consentTextId);
    if (text.status !== "APPROVED") throw new StaffActionError(`${describeStatus(text)}: only approved, unpublished wording can be withdrawn.`);
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
