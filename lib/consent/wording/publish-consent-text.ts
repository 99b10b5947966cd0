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
 * Puts approved wording live: APPROVED → PUBLISHED, and the version guests saw until now
 * PUBLISHED → RETIRED, in one transaction, so guests always see exactly one version. Consent
 * records keep pointing at the retired version, whose words never change.
 */
export async function publishConsentText(db: Db, actor: ConsentActor, input: ConsentTextTransitionInput): Promise<ConsentText> {
  assertPermission(actor, "consent.publish");
  return db.$transaction(async (tx) => {
    const text = await loadConsentTextForChange(tx, input.consentTextId);
    if (text.status !== "APPROVED") throw new DomainError("wordingWrongStatus", { params: { version: text.version, status: text.status, step: "publish" } });

    const now = new Date();
    const previous = await tx.consentText.findFirst({ where: { purposeId: text.purposeId, locale: text.locale, status: "PUBLISHED" } });
    let retired: ConsentText | null = null;
    if (previous) {
      retired = await tx.consentText.update({ where: { id: previous.id }, data: { status: "RETIRED", retiredAt: now } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "consent_text.retired",
        entityType: "consent_text",
        entityId: previous.id,
        before: consentTextSnapshot(previous),
        after: { ...consentTextSnapshot(retired), replacedById: text.id },
        ip: actor.ip,
      });
    }
    const published = await tx.consentText.update({ where: { id: text.id }, data: { status: "PUBLISHED", publishedAt: now } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "consent_text.published",
      entityType: "consent_text",
      entityId: text.id,
      before: { ...consentTextSnapshot(text), live: previous ? consentTextSnapshot(previous) : null },
      after: { ...consentTextSnapshot(published), retired: retired ? consentTextSnapshot(retired) : null },
      ip: actor.ip,
    });
    return published;
  });
}
