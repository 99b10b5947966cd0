import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";

import type { ConsentActor } from "./consent-actor";
import { createDraft } from "./draft-consent-text";
import { loadConsentTextForChange } from "./lock-wording";
import type { ConsentTextTransitionInput } from "./schemas";

/**
 * Starts a new draft from a rejected version's words, so the author can address the review
 * comment. The rejected version itself stays as it was, with its comment, in the history.
 */
export async function redraftRejectedConsentText(db: Db, actor: ConsentActor, input: ConsentTextTransitionInput): Promise<ConsentText> {
  assertPermission(actor, "consent.draft");
  return db.$transaction(async (tx) => {
    const rejected = await loadConsentTextForChange(tx, input.consentTextId);
    if (rejected.status !== "REJECTED") throw new DomainError("wordingWrongStatus", { params: { version: rejected.version, status: rejected.status, step: "redraft" } });
    return createDraft(tx, actor, { purposeId: rejected.purposeId, locale: rejected.locale, body: rejected.body, copiedFromId: rejected.id });
  });
}
