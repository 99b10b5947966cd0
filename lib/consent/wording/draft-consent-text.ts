import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbTx } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { StaffActionError } from "@/lib/staff/staff-action-error";

import { hashConsentWording } from "../wording-hash";
import { assertConsentPermission, type ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { lockPurpose } from "./lock-wording";
import { normaliseWording } from "./normalise-wording";
import type { DraftConsentTextInput } from "./schemas";

/** Starts a new version of a purpose's wording in one of its venue's locales. Any staff role may. */
export async function draftConsentText(db: Db, actor: ConsentActor, input: DraftConsentTextInput): Promise<ConsentText> {
  assertConsentPermission(actor, "consent.draft");
  const purpose = await db.consentPurpose.findUnique({ where: { id: input.purposeId }, include: { venue: true } });
  if (!purpose) throw new StaffActionError("That consent purpose does not exist (any more).");
  if (!purpose.venue.locales.includes(input.locale)) {
    throw new StaffActionError(`${purpose.venue.name} does not offer the locale "${input.locale}".`, {
      locale: [`Choose one of ${purpose.venue.locales.join(", ")}.`],
    });
  }
  return db.$transaction((tx) => createDraft(tx, actor, { purposeId: purpose.id, locale: input.locale, body: input.body }));
}

/** The next version number, a DRAFT row and its `consent_text.drafted` entry; caller holds the transaction. */
export async function createDraft(
  tx: DbTx,
  actor: ConsentActor,
  draft: { purposeId: string; locale: string; body: string; copiedFromId?: string },
): Promise<ConsentText> {
  await lockPurpose(tx, draft.purposeId);
  const latest = await tx.consentText.findFirst({
    where: { purposeId: draft.purposeId, locale: draft.locale },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const body = normaliseWording(draft.body);
  if (!body) throw new StaffActionError("Write the wording.", { body: ["Write the wording."] });
  const text = await tx.consentText.create({
    data: {
      purposeId: draft.purposeId,
      locale: draft.locale,
      version: (latest?.version ?? 0) + 1,
      body,
      sha256: hashConsentWording(body),
      status: "DRAFT",
      createdById: actor.id,
    },
  });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "consent_text.drafted",
    entityType: "consent_text",
    entityId: text.id,
    before: null,
    after: draft.copiedFromId ? { ...consentTextSnapshot(text), copiedFromId: draft.copiedFromId } : consentTextSnapshot(text),
    ip: actor.ip,
  });
  return text;
}
