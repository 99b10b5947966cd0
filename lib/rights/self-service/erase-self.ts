// Erasure asked for by the guest themselves, once they have proven their email by opening a
// link: the same erasure staff run (lib/rights/erase-guest.ts), at once, with the guest as the
// audit trail's actor. The pages ask for a confirmation first.
import "server-only";

import type { Db } from "@/lib/db/client";

import { eraseGuest, type ErasureResult } from "../erase-guest";
import type { SelfServiceSession } from "./open-link";

export async function eraseSelf(db: Db, session: SelfServiceSession, ip: string | null): Promise<ErasureResult> {
  const result = await eraseGuest(
    db,
    { selfService: true, description: `the guest, through a "Manage my data" link (self-service link ${session.linkId})`, ip },
    { guestId: session.guestId, reason: "The guest asked for erasure through Manage my data (self-service)." },
  );
  // Their links lead nowhere now.
  await db.selfServiceLink.updateMany({ where: { guestId: session.guestId }, data: { sessionHash: null, sessionExpiresAt: null } });
  return result;
}
