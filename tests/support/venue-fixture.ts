// Builds a venue with consent purposes and published wording for a test, so each test owns
// its data instead of leaning on the demo seed.
import { randomBytes } from "node:crypto";

import type { Db } from "@/lib/db/client";
import { hashConsentWording } from "@/lib/consent/wording-hash";
import type { ConsentPurposeKind } from "@/lib/generated/prisma/enums";

export interface SponsorSpec {
  slug: string;
  name: string;
  /** A sponsor without a data-processing agreement must never be shown. */
  withDpa?: boolean;
}

export interface VenueFixtureOptions {
  locales?: string[];
  defaultLocale?: string;
  sponsors?: SponsorSpec[];
  /** Locales to publish wording in (default: all of the venue's). */
  wordingLocales?: string[];
}

export async function createVenueFixture(prisma: Db, options: VenueFixtureOptions = {}) {
  const locales = options.locales ?? ["en", "fr"];
  const slug = `venue-${randomBytes(4).toString("hex")}`;
  const venue = await prisma.venue.create({
    data: { slug, name: `Venue ${slug}`, defaultLocale: options.defaultLocale ?? locales[0]!, locales, countryCode: "GB" },
  });
  const lobby = await prisma.zone.create({ data: { venueId: venue.id, slug: "lobby", name: "Lobby" } });
  await prisma.accessPoint.create({ data: { venueId: venue.id, zoneId: lobby.id, mac: "00:11:22:33:44:55" } });

  const purposes: { key: string; kind: ConsentPurposeKind; sponsorId?: string }[] = [
    { key: "terms", kind: "TERMS" },
    { key: "marketing", kind: "MARKETING" },
  ];
  for (const spec of options.sponsors ?? []) {
    const withDpa = spec.withDpa ?? true;
    const sponsor = await prisma.sponsor.create({
      data: {
        venueId: venue.id,
        slug: spec.slug,
        name: spec.name,
        dpaReference: withDpa ? `DPA-${spec.slug}` : null,
        dpaSignedAt: withDpa ? new Date("2026-01-15") : null,
      },
    });
    purposes.push({ key: `sponsor:${spec.slug}`, kind: "SPONSOR", sponsorId: sponsor.id });
  }

  const created = [];
  for (const [position, p] of purposes.entries()) {
    const purpose = await prisma.consentPurpose.create({ data: { venueId: venue.id, position, ...p } });
    for (const locale of options.wordingLocales ?? locales) {
      await publishWording(prisma, purpose.id, locale, `${p.key} wording (${locale}) v1`);
    }
    created.push(purpose);
  }
  return { venue, lobby, purposes: created };
}

/** Publishes a new version of a purpose's wording in a locale, retiring the live one. */
export async function publishWording(prisma: Db, purposeId: string, locale: string, body: string) {
  return prisma.$transaction(async (tx) => {
    const latest = await tx.consentText.findFirst({ where: { purposeId, locale }, orderBy: { version: "desc" } });
    await tx.consentText.updateMany({ where: { purposeId, locale, status: "PUBLISHED" }, data: { status: "RETIRED", retiredAt: new Date() } });
    const normalised = body.normalize("NFC");
    return tx.consentText.create({
      data: {
        purposeId,
        locale,
        version: (latest?.version ?? 0) + 1,
        body: normalised,
        sha256: hashConsentWording(normalised),
        status: "PUBLISHED",
        reviewedAt: new Date(),
        publishedAt: new Date(),
      },
    });
  });
}
