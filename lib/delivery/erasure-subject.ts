// What an 'erase' delivery needs to find the person at the vendor (their email and the ids the
// vendor gave back), kept on the delivery row while the guest row no longer has them: sealed
// with PORTICO_SECRET_KEY (lib/crypto) and bound to the guest and the connector, so a sealed
// subject copied into another row does not open. docs/RIGHTS.md.
import "server-only";

import { z } from "zod";

import { isSealedWithCurrentKey, openSecrets, resealSecrets, sealSecrets, secretKeysFromEnv, type SecretKeys } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";

const withdrawnConsentSchema = z.object({
  purpose: z.string(),
  granted: z.literal(false),
  wording: z.object({ locale: z.string(), version: z.number().int(), sha256: z.string() }),
  recordedAt: z.string(),
});

/**
 * An 'erase' row's subject, or a 'withdraw' row's (which also says which decision was withdrawn,
 * lib/rights/self-service): what the vendor needs to find the person.
 */
export const erasureSubjectSchema = z.object({ email: z.string(), externalIds: z.array(z.string()), consent: withdrawnConsentSchema.optional() });
export type ErasureSubject = z.infer<typeof erasureSubjectSchema>;

export interface ErasureSubjectBox {
  seal(subject: ErasureSubject, guestId: string, connectorId: string): Uint8Array<ArrayBuffer>;
  /** Throws (SecretBoxError, or a zod error for a subject of another shape) when it cannot be opened. */
  open(sealed: Uint8Array, guestId: string, connectorId: string): ErasureSubject;
}

export const erasureSubjectContext = (guestId: string, connectorId: string) => `delivery-subject:${guestId}:${connectorId}`;

/** The box over these keys (by default the process's PORTICO_SECRET_KEY and _PREVIOUS, read when first used). */
export function erasureSubjectBox(keys?: SecretKeys): ErasureSubjectBox {
  let resolved = keys;
  const current = () => (resolved ??= secretKeysFromEnv());
  return {
    seal: (subject, guestId, connectorId) => new Uint8Array(sealSecrets(erasureSubjectSchema.parse(subject), current(), erasureSubjectContext(guestId, connectorId))),
    open: (sealed, guestId, connectorId) => erasureSubjectSchema.parse(openSecrets(Buffer.from(sealed), current(), erasureSubjectContext(guestId, connectorId))),
  };
}

/**
 * After a key rotation: seals again, with the current key, the subjects of erasures still
 * waiting (or dead-lettered) that the previous key sealed, so they still open once the previous
 * key is gone. Returns how many it re-sealed.
 */
export async function resealErasureSubjects(db: Db, keys: SecretKeys = secretKeysFromEnv()): Promise<number> {
  if (!keys.previous) return 0;
  const rows = await db.delivery.findMany({ where: { subject: { not: null }, connectorId: { not: null } }, select: { id: true, guestId: true, connectorId: true, subject: true } });
  let resealed = 0;
  for (const row of rows) {
    if (!row.subject || isSealedWithCurrentKey(Buffer.from(row.subject), keys)) continue;
    const sealed = new Uint8Array(resealSecrets(Buffer.from(row.subject), keys, erasureSubjectContext(row.guestId, row.connectorId!)));
    const updated = await db.delivery.updateMany({ where: { id: row.id, subject: { equals: row.subject } }, data: { subject: sealed } });
    resealed += updated.count;
  }
  return resealed;
}
