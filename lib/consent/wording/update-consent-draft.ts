import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";

import { hashConsentWording } from "../wording-hash";
import type { ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { loadConsentTextForChange } from "./lock-wording";
import { normaliseWording } from "./normalise-wording";
import type { UpdateConsentDraftInput } from "./schemas";

/**
 * The author rewrites their own draft. Anything past DRAFT is refused: in review it is
 * what the reviewer is reading, and from APPROVED on the words are evidence (the database
 * trigger refuses too).
 */
export async function updateConsentDraft(db: Db, actor: ConsentActor, input: UpdateConsentDraftInput): Promise<ConsentText> {
  assertPermission(actor, "consent.draft");
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, input.consentTextId);
    if (text.status !== "DRAFT") throw new DomainError("wordingWrongStatus", { params: { version: text.version, status: text.status, step: "edit" } });
    if (text.createdById !== actor.id) throw new DomainError("notDraftAuthor", { params: { step: "edit" } });
    const body = normaliseWording(input.body);
    if (body === text.body) throw new DomainError("wordingUnchanged", { fieldErrors: { body: ["nothingChanged"] } });
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
