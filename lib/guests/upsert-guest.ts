import type { DbTx } from "@/lib/db/client";
import type { Guest } from "@/lib/generated/prisma/client";

import { normaliseEmail } from "./normalise";

export interface GuestIdentity {
  email: string;
  name?: string | null;
  phone?: string | null;
  /** YYYY-MM-DD */
  birthday?: string | null;
  locale?: string | null;
}

/**
 * Creates the guest or counts one more visit for them, keyed by normalised email so the
 * same person typing "Ana@Example.com " and "ana@example.com" is one guest. The unique
 * index makes concurrent first visits converge on one row. Profile fields are only ever
 * filled in, never blanked, by a quick-access login that does not ask for them.
 */
export async function upsertGuest(tx: DbTx, identity: GuestIdentity, seenAt: Date): Promise<{ guest: Guest; created: boolean }> {
  const emailNormalized = normaliseEmail(identity.email);
  const profile = {
    ...(identity.name ? { name: identity.name } : {}),
    ...(identity.phone ? { phone: identity.phone } : {}),
    ...(identity.birthday ? { birthday: new Date(`${identity.birthday}T00:00:00Z`) } : {}),
    ...(identity.locale ? { locale: identity.locale } : {}),
  };
  const guest = await tx.guest.upsert({
    where: { emailNormalized },
    create: { emailNormalized, email: identity.email.trim(), firstSeenAt: seenAt, lastSeenAt: seenAt, visitCount: 1, ...profile },
    update: { email: identity.email.trim(), lastSeenAt: seenAt, visitCount: { increment: 1 }, ...profile },
  });
  return { guest, created: guest.visitCount === 1 };
}
