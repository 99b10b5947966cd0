import type { DbTx } from "@/lib/db/client";
import type { ConsentText } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";

/**
 * Serialises every change to one purpose's wording: version numbers are taken one at a
 * time, a status is read and changed with nobody in between, and two people publishing at
 * once retire each other's version instead of colliding on the one-published index.
 */
export async function lockPurpose(tx: DbTx, purposeId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "consent_purpose" WHERE "id" = ${purposeId}::uuid FOR UPDATE`;
}

/** A consent text read under its purpose's lock, ready to change. */
export async function loadConsentTextForChange(tx: DbTx, consentTextId: string): Promise<ConsentText> {
  const head = await tx.consentText.findUnique({ where: { id: consentTextId }, select: { purposeId: true } });
  if (!head) throw new DomainError("wordingGone");
  await lockPurpose(tx, head.purposeId);
  return tx.consentText.findUniqueOrThrow({ where: { id: consentTextId } });
}
