// The demo venue a fresh install opens on: `npm start` seeds it into an empty embedded
// database, `npm run db:seed` (prisma/seed.ts) into DATABASE_URL, the e2e server into its
// own database. Only creates what is missing and never changes an existing row, so running
// it again, or after staff edited the demo, is a no-op.
import { hashConsentWording } from "@/lib/consent/wording-hash";
import type { ConsentPurposeKind, PrismaClient } from "@/lib/generated/prisma/client";
import { portalCopyFieldsSchema } from "@/lib/portal-copy/schemas";

import { demoContent, demoLocales, isDemoLocale, type DemoContent } from "./demo-content";

export const demoVenue = {
  slug: "demo",
  name: "Harbour Hotel",
  timezone: "Europe/London",
  defaultLocale: "en",
  locales: demoLocales,
  countryCode: "GB",
};

const ZONES = [
  { slug: "lobby", name: "Lobby" },
  { slug: "pool", name: "Pool terrace" },
];

const ACCESS_POINTS = [{ mac: "00:11:22:33:44:55", name: "Lobby AP", zone: "lobby" }];

const SPONSORS = [
  { slug: "acme-coffee", name: "Acme Coffee", dpaReference: "DPA-2026-014", dpaSignedAt: "2026-03-02" },
  { slug: "northwind-air", name: "Northwind Air", dpaReference: "DPA-2026-027", dpaSignedAt: "2026-06-18" },
];

const LOOK = { primaryColor: "#0b5394", backgroundColor: "#f4f7fb" };

const PURPOSES: Array<{ key: string; kind: ConsentPurposeKind; position: number; sponsor?: string; wording: (content: DemoContent) => string }> = [
  { key: "terms", kind: "TERMS", position: 0, wording: (content) => content.terms },
  { key: "marketing", kind: "MARKETING", position: 1, wording: (content) => content.marketing },
  ...SPONSORS.map((sponsor, index) => ({
    key: `sponsor:${sponsor.slug}`,
    kind: "SPONSOR" as const,
    position: 2 + index,
    sponsor: sponsor.slug,
    wording: (content: DemoContent) => content.sponsor(sponsor.name),
  })),
];

export async function seedDemoVenue(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      const venue =
        (await tx.venue.findUnique({ where: { slug: demoVenue.slug } })) ?? (await tx.venue.create({ data: demoVenue }));
      const venueId = venue.id;
      // The languages the venue offers now: a demo seeded before a language existed, or one
      // staff took a language off, gets no wording or copy in it.
      const locales = venue.locales.filter(isDemoLocale);

      const zoneIds = new Map<string, string>();
      for (const zone of ZONES) {
        const row =
          (await tx.zone.findUnique({ where: { venueId_slug: { venueId, slug: zone.slug } } })) ??
          (await tx.zone.create({ data: { venueId, ...zone } }));
        zoneIds.set(zone.slug, row.id);
      }

      for (const ap of ACCESS_POINTS) {
        const exists = await tx.accessPoint.findUnique({ where: { venueId_mac: { venueId, mac: ap.mac } } });
        if (!exists) {
          await tx.accessPoint.create({ data: { venueId, mac: ap.mac, name: ap.name, zoneId: zoneIds.get(ap.zone) } });
        }
      }

      const sponsorIds = new Map<string, string>();
      for (const sponsor of SPONSORS) {
        const row =
          (await tx.sponsor.findUnique({ where: { venueId_slug: { venueId, slug: sponsor.slug } } })) ??
          (await tx.sponsor.create({
            data: { venueId, ...sponsor, dpaSignedAt: new Date(`${sponsor.dpaSignedAt}T00:00:00Z`) },
          }));
        sponsorIds.set(sponsor.slug, row.id);
      }

      const now = new Date();
      for (const purpose of PURPOSES) {
        const row =
          (await tx.consentPurpose.findUnique({ where: { venueId_key: { venueId, key: purpose.key } } })) ??
          (await tx.consentPurpose.create({
            data: {
              venueId,
              key: purpose.key,
              kind: purpose.kind,
              position: purpose.position,
              sponsorId: purpose.sponsor ? sponsorIds.get(purpose.sponsor) : undefined,
            },
          }));
        for (const locale of locales) {
          // Any wording in this locale means staff (or an earlier seed) own it now.
          if (await tx.consentText.findFirst({ where: { purposeId: row.id, locale } })) continue;
          const body = purpose.wording(demoContent[locale]).normalize("NFC");
          await tx.consentText.create({
            data: {
              purposeId: row.id,
              locale,
              version: 1,
              body,
              sha256: hashConsentWording(body),
              status: "PUBLISHED",
              reviewedAt: now,
              publishedAt: now,
            },
          });
        }
      }

      for (const locale of locales) {
        if (await tx.portalCopy.findFirst({ where: { venueId, locale } })) continue;
        const fields = portalCopyFieldsSchema.parse({ ...demoContent[locale].portal, ...LOOK });
        await tx.portalCopy.create({
          data: { venueId, locale, version: 1, status: "PUBLISHED", fields, publishedAt: now },
        });
      }
    },
    // PGlite runs in-process as WASM: a cold first transaction can take seconds.
    { maxWait: 10_000, timeout: 60_000 },
  );
}
