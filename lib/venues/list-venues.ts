import type { DbTx } from "@/lib/db/client";

import { sponsorVisibility } from "./sponsor-visibility";

export const venuesPerPage = 20;

export interface VenueListItem {
  id: string;
  name: string;
  slug: string;
  locales: string[];
  defaultLocale: string;
  zoneCount: number;
  accessPointCount: number;
  sponsorCount: number;
  /** Sponsors guests are not offered (no DPA on file, or inactive). */
  hiddenSponsorCount: number;
}

/** One page of venues, newest first; `page` starts at 1. */
export async function listVenues(db: DbTx, page: number): Promise<{ venues: VenueListItem[]; page: number; hasMore: boolean }> {
  const current = Number.isInteger(page) && page > 0 ? page : 1;
  const rows = await db.venue.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * venuesPerPage,
    take: venuesPerPage + 1,
    include: {
      _count: { select: { zones: true, accessPoints: true } },
      sponsors: { select: { active: true, dpaReference: true, dpaSignedAt: true, dpaExpiresAt: true } },
    },
  });
  const venues = rows.slice(0, venuesPerPage).map((venue) => ({
    id: venue.id,
    name: venue.name,
    slug: venue.slug,
    locales: venue.locales,
    defaultLocale: venue.defaultLocale,
    zoneCount: venue._count.zones,
    accessPointCount: venue._count.accessPoints,
    sponsorCount: venue.sponsors.length,
    hiddenSponsorCount: venue.sponsors.filter((sponsor) => !sponsorVisibility(sponsor).shown).length,
  }));
  return { venues, page: current, hasMore: rows.length > venuesPerPage };
}
