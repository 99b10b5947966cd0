import type { Db } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { StaffActionError } from "@/lib/staff/staff-action-error";

import { assertConsentPermission, type ConsentActor } from "./consent-actor";
import { createDraft } from "./draft-consent-text";
import { describeStatus, loadConsentTextForChange } from "./lock-wording";
import type { ConsentTextTransitionInput } from "./schemas";

/**
 * Starts a new draft from a rejected version's words, so the author can address the review
 * comment. The rejected version itself stays as it was, with its comment, in the history.
 */
export async function redraftRejectedConsentText(db: Db, actor: ConsentActor, input: ConsentTextTransitionInput): Promise<ConsentText> {
  assertConsentPermission(actor, "consent.draft");
  return db.$transaction(async (tx) => {
    const rejected = await loadConsentTextForChange(tx, input.consentTextId);
    if (rejected.status !== "REJECTED") throw new StaffActionError(`${describeStatus(rejected)}: only rejected versions are copied into a new draft.`);
    return createDraft(tx, actor, { purposeId: rejected.purposeId, locale: rejected.locale, body: rejected.body, copiedFromId: rejected.id });
  });
}
