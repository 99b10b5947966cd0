// "Manage my data" links and their sessions are worth nothing once both have expired; a day
// later their rows go (what each guest did with them stays in the audit log).
import type { Db } from "@/lib/db/client";

/** How long an expired link's row is kept, for a guest who writes in about a link that did not work. */
export const expiredLinkHours = 24;

export async function purgeSelfServiceLinks(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - expiredLinkHours * 3600_000);
  const links = await db.selfServiceLink.deleteMany({
    where: { expiresAt: { lt: cutoff }, OR: [{ sessionExpiresAt: null }, { sessionExpiresAt: { lt: cutoff } }] },
  });
  return links.count;
}
