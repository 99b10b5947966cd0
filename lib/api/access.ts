// What a key reaches: its venue (or every venue) and, through visits there, the guests.
import type { ApiPrincipal } from "@/lib/api-keys";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

import { ApiProblem } from "./problem";

/**
 * The venues a request reads: the key's one venue, or the one asked for, or (null) every
 * venue. Asking a venue-scoped key for another venue is 403: the key is simply not for it.
 */
export function venuesFor(principal: ApiPrincipal, requested?: string): string[] | null {
  if (principal.venueId) {
    if (requested && requested !== principal.venueId) throw new ApiProblem("forbidden", "This key is scoped to another venue.");
    return [principal.venueId];
  }
  return requested ? [requested] : null;
}

/** SQL: the guest row `g` is one the venues reach (a visit there); everyone when venues is null. */
export function guestReachable(venues: string[] | null): Prisma.Sql {
  if (!venues) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (SELECT 1 FROM visit v WHERE v.guest_id = g.id AND v.venue_id = ANY(${venues}::uuid[]))`;
}

/**
 * 404 unless the key reaches this guest. A guest of another venue gets the same answer as
 * one that does not exist, so a key cannot probe for guests it may not see.
 */
export async function assertGuestReachable(db: Db, principal: ApiPrincipal, guestId: string): Promise<void> {
  const venues = venuesFor(principal);
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT g.id FROM guest g WHERE g.id = ${guestId}::uuid AND ${guestReachable(venues)}`;
  if (rows.length === 0) throw new ApiProblem("notFound", "No such guest for this key.");
}

/** SQL: the change-feed horizon. Rows written by transactions below it can no longer be joined by earlier ones. */
export const changeHorizon = Prisma.sql`(pg_snapshot_xmin(pg_current_snapshot()))::text::bigint`;
