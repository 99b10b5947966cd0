// "Manage my data" links and their sessions are worth nothing once both have expired; a day
// later their rows go (what each guest did with them stays in the audit log). Rate rows whose
// allowance is whole again go too: a fresh row starts from exactly the same allowance.
import type { Db } from "@/lib/db/client";

/** How long an expired link's row is kept, for a guest who writes in about a link that did not work. */
export const expiredLinkHours = 24;

export async function purgeSelfServiceLinks(db: Db, now = new Date()): Promise<{ links: number; rates: number }> {
  const cutoff = new Date(now.getTime() - expiredLinkHours * 3600_000);
  const links = await db.selfServiceLink.deleteMany({
    where: { expiresAt: { lt: cutoff }, OR: [{ sessionExpiresAt: null }, { sessionExpiresAt: { lt: cutoff } }] },
  });
  const rates = await db.selfServiceRate.deleteMany({ where: { tat: { lt: now } } });
  return { links: links.count, rates: rates.count };
}
