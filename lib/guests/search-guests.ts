import "server-only";

import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { keysetQuery, toPage, type KeysetPage, type PageRequest } from "@/lib/pagination/keyset-cursor";

import { escapeLikePattern } from "./like-pattern";
import type { GuestSearch } from "./schemas";

export interface GuestListItem {
  id: string;
  /** The identity key (trimmed, NFC, lower-case); the address as last typed is `email`. */
  emailNormalized: string | null;
  email: string | null;
  name: string | null;
  visitCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Names of the venues the guest has visited, alphabetically. */
  venues: string[];
}

export interface GuestSearchResult extends KeysetPage<GuestListItem> {
  /** Why the list is empty, so the page can say "no guests yet" or "nothing matches". */
  empty: "no-guests" | "no-match" | null;
  /** The search was for a venue slug that does not exist. */
  unknownVenue: boolean;
}

/**
 * Guests whose normalised email contains the (already normalised) query, optionally only
 * those who visited a venue, most recently seen first. Erased guests have no email left
 * and are not listed.
 */
export async function searchGuests(db: Db, actor: { role: StaffRole }, search: GuestSearch, page: PageRequest): Promise<GuestSearchResult> {
  assertPermission(actor, "guests.view");
  let venueId: string | undefined;
  if (search.venue) {
    const venue = await db.venue.findUnique({ where: { slug: search.venue }, select: { id: true } });
    if (!venue) return { items: [], empty: "no-match", unknownVenue: true };
    venueId = venue.id;
  }

  const { order, bound } = keysetQuery(page);
  const where: Prisma.GuestWhereInput = {
    erasedAt: null,
    ...(search.q ? { emailNormalized: { contains: escapeLikePattern(search.q) } } : {}),
    ...(venueId ? { visits: { some: { venueId } } } : {}),
    ...(bound
      ? {
          OR: [
            { lastSeenAt: { [bound.op]: bound.cursor.at } },
            { lastSeenAt: bound.cursor.at, id: { [bound.op]: bound.cursor.id } },
          ],
        }
      : {}),
  };
  const rows = await db.guest.findMany({
    where,
    orderBy: [{ lastSeenAt: order }, { id: order }],
    take: page.size + 1,
    select: { id: true, emailNormalized: true, email: true, name: true, visitCount: true, firstSeenAt: true, lastSeenAt: true },
  });
  const result = toPage(rows, page, (row) => ({ at: row.lastSeenAt, id: row.id }));

  const venuesByGuest = await venueNamesOf(db, result.items.map((g) => g.id));
  const items = result.items.map((g) => ({ ...g, venues: venuesByGuest.get(g.id) ?? [] }));

  let empty: GuestSearchResult["empty"] = null;
  if (items.length === 0 && !page.cursor) {
    const filtered = Boolean(search.q || venueId);
    empty = filtered && (await db.guest.count({ where: { erasedAt: null } })) > 0 ? "no-match" : "no-guests";
  }
  return { ...result, items, empty, unknownVenue: false };
}

async function venueNamesOf(db: Db, guestIds: string[]): Promise<Map<string, string[]>> {
  if (guestIds.length === 0) return new Map();
  // Grouped in SQL: a regular guest may have hundreds of visits to the same venue.
  const pairs = await db.visit.groupBy({ by: ["guestId", "venueId"], where: { guestId: { in: guestIds } } });
  const venues = await db.venue.findMany({ where: { id: { in: [...new Set(pairs.map((p) => p.venueId))] } }, select: { id: true, name: true } });
  const nameOf = new Map(venues.map((v) => [v.id, v.name]));
  const byGuest = new Map<string, string[]>();
  for (const pair of pairs) byGuest.set(pair.guestId, [...(byGuest.get(pair.guestId) ?? []), nameOf.get(pair.venueId)!]);
  for (const names of byGuest.values()) names.sort((a, b) => a.localeCompare(b));
  return byGuest;
}

/** The venues a search can be narrowed to. */
export async function listVenueChoices(db: Db): Promise<{ slug: string; name: string }[]> {
  return db.venue.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } });
}
