// What the audit trail keeps of each row: the fields a person can change, as plain JSON.
import type { AccessPoint, Sponsor, Venue, Zone } from "@/lib/generated/prisma/client";

export function venueSnapshot(venue: Venue) {
  return {
    slug: venue.slug,
    name: venue.name,
    timezone: venue.timezone,
    countryCode: venue.countryCode,
    locales: venue.locales,
    defaultLocale: venue.defaultLocale,
  };
}

export function zoneSnapshot(zone: Zone) {
  return { venueId: zone.venueId, slug: zone.slug, name: zone.name };
}

export function accessPointSnapshot(accessPoint: AccessPoint) {
  return { venueId: accessPoint.venueId, mac: accessPoint.mac, name: accessPoint.name, zoneId: accessPoint.zoneId };
}

export function sponsorSnapshot(sponsor: Sponsor) {
  return {
    venueId: sponsor.venueId,
    slug: sponsor.slug,
    name: sponsor.name,
    dpaReference: sponsor.dpaReference,
    dpaSignedAt: sponsor.dpaSignedAt?.toISOString().slice(0, 10) ?? null,
    dpaExpiresAt: sponsor.dpaExpiresAt?.toISOString().slice(0, 10) ?? null,
    active: sponsor.active,
  };
}

/** True when an edit changed nothing a person can see, so no write and no audit entry is made. */
export function sameSnapshot(before: object, after: object): boolean {
  return JSON.stringify(before) === JSON.stringify(after);
}
