import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { StaffActionError } from "@/lib/staff/staff-action-error";

import { hashConsentWording } from "../wording-hash";
import { assertConsentPermission, type ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { describeStatus, loadConsentTextForChange } from "./lock-wording";
import { normaliseWording } from "./normalise-wording";
import type { UpdateConsentDraftInput } from "./schemas";

/**
 * The author rewrites their own draft. Anything past DRAFT is refused: in review it is
 * what the reviewer is reading, and from APPROVED on the words are evidence (the database
 * trigger refuses too).
 */
export async function updateConsentDraft(db: Db, actor: ConsentActor, input: UpdateConsentDraftInput): Promise<ConsentText> {
  assertConsentPermission(actor, "consent.draft");
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, input.consentTextId);
    if (text.status !== "DRAFT") throw new StaffActionError(`${describeStatus(text)}: only drafts can be edited. Start a new draft instead.`);
    if (text.createdById !== actor.id) throw new StaffActionError("Only the author of a draft can edit it. Start a new draft of your own instead.");
    const body = normaliseWording(input.body);
    if (body === text.body) throw new StaffActionError("The draft already says exactly that.", { body: ["Nothing changed."] });
    const updated = await tx.consentText.update({ where: { id: text.id }, data: { body, sha256: hashConsentWording(body) } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "consent_text.updated",
      entityType: "consent_text",
      entityId: text.id,
      before: consentTextSnapshot(text),
      after: consentTextSnapshot(updated),
      ip: actor.ip,
    });
    return updated;
  });
}
