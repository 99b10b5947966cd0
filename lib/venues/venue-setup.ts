import type { DbTx } from "@/lib/db/client";

import { sponsorVisibility } from "./sponsor-visibility";

/** Everything the venue page shows: the venue, its zones, access points and sponsors. */
export async function getVenueSetup(db: DbTx, venueId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(venueId)) return null;
  const venue = await db.venue.findUnique({
    where: { id: venueId },
    include: {
      zones: { orderBy: { slug: "asc" }, include: { _count: { select: { accessPoints: true } } } },
      accessPoints: { orderBy: { mac: "asc" }, include: { zone: { select: { slug: true, name: true } } } },
      consentPurposes: {
        orderBy: [{ position: "asc" }, { key: "asc" }],
        include: { texts: { where: { status: "PUBLISHED" }, select: { locale: true } } },
      },
      sponsors: {
        orderBy: { createdAt: "asc" },
        include: { purpose: { include: { texts: { where: { status: "PUBLISHED" }, select: { locale: true } } } } },
      },
    },
  });
  if (!venue) return null;
  return {
    venue,
    zones: venue.zones.map((zone) => ({ id: zone.id, slug: zone.slug, name: zone.name, accessPointCount: zone._count.accessPoints })),
    accessPoints: venue.accessPoints.map((ap) => ({ id: ap.id, mac: ap.mac, name: ap.name, zoneId: ap.zoneId, zone: ap.zone })),
    purposes: venue.consentPurposes.map((purpose) => ({
      key: purpose.key,
      kind: purpose.kind,
      publishedLocales: [...new Set(purpose.texts.map((text) => text.locale))].sort(),
    })),
    /** Guests cannot connect until the terms have published wording in the default locale (the fallback for every other). */
    termsReady: venue.consentPurposes.some((p) => p.kind === "TERMS" && p.texts.some((text) => text.locale === venue.defaultLocale)),
    sponsors: venue.sponsors.map((sponsor) => ({
      id: sponsor.id,
      slug: sponsor.slug,
      name: sponsor.name,
      dpaReference: sponsor.dpaReference,
      dpaSignedAt: sponsor.dpaSignedAt?.toISOString().slice(0, 10) ?? null,
      dpaExpiresAt: sponsor.dpaExpiresAt?.toISOString().slice(0, 10) ?? null,
      active: sponsor.active,
      purposeKey: sponsor.purpose?.key ?? null,
      publishedLocales: [...new Set(sponsor.purpose?.texts.map((text) => text.locale) ?? [])].sort(),
      ...sponsorVisibility(sponsor),
    })),
  };
}

export type VenueSetup = NonNullable<Awaited<ReturnType<typeof getVenueSetup>>>;
export type SponsorSetup = VenueSetup["sponsors"][number];
export type ZoneSetup = VenueSetup["zones"][number];
export type AccessPointSetup = VenueSetup["accessPoints"][number];
