import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db, DbTx } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";

import { hashConsentWording } from "../wording-hash";
import type { ConsentActor } from "./consent-actor";
import { consentTextSnapshot } from "./consent-text-snapshot";
import { lockPurpose } from "./lock-wording";
import { normaliseWording } from "./normalise-wording";
import type { DraftConsentTextInput } from "./schemas";

/** Starts a new version of a purpose's wording in one of its venue's locales. Any staff role may. */
export async function draftConsentText(db: Db, actor: ConsentActor, input: DraftConsentTextInput): Promise<ConsentText> {
  assertPermission(actor, "consent.draft");
  const purpose = await db.consentPurpose.findUnique({ where: { id: input.purposeId }, include: { venue: true } });
  if (!purpose) throw new DomainError("purposeGone");
  if (!purpose.venue.locales.includes(input.locale)) {
    throw new DomainError("localeNotOffered", {
      params: { venue: purpose.venue.name, locale: input.locale },
      fieldErrors: { locale: [{ code: "localeChoice", params: { locales: purpose.venue.locales.join(", ") } }] },
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
  if (!body) throw new DomainError("wordingEmpty", { fieldErrors: { body: ["wordingEmpty"] } });
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
