// The demo seed against real PostgreSQL: what `npm run db:seed` and `PORTICO_SEED_DEMO=1`
// write into an operator's database must satisfy the ledger's rules and never duplicate or
// overwrite anything on a second run.
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { hashConsentWording } from "@/lib/consent/wording-hash";
import { seedDemoVenue } from "@/lib/demo";
import { portalCopyFieldsSchema } from "@/lib/portal-copy/schemas";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

import { seedSnapshot } from "./seed-snapshot";

let db: TestDatabase;

beforeEach(async () => {
  db = await createTestDatabase();
});

afterEach(async () => {
  await db?.drop();
});

const locales = ["en", "fr", "hi", "es", "de", "ar"];
const purposeKeys = ["terms", "marketing", "sponsor:acme-coffee", "sponsor:northwind-air"];
const sponsorNames: Record<string, string> = { "sponsor:acme-coffee": "Acme Coffee", "sponsor:northwind-air": "Northwind Air" };

describe("seedDemoVenue", () => {
  it("offers the demo venue in six languages, English first and default", async () => {
    await seedDemoVenue(db.prisma);

    expect(await db.prisma.venue.findUniqueOrThrow({ where: { slug: "demo" } })).toMatchObject({ locales, defaultLocale: "en" });
  });

  it("publishes NFC wording whose stored hash is the body's, one version per purpose and locale", async () => {
    await seedDemoVenue(db.prisma);

    const texts = await db.prisma.consentText.findMany({ include: { purpose: true } });
    expect(texts).toHaveLength(purposeKeys.length * locales.length);
    for (const text of texts) {
      expect(text.body).toBe(text.body.normalize("NFC"));
      expect(text.sha256).toBe(hashConsentWording(text.body));
      expect(text).toMatchObject({ version: 1, status: "PUBLISHED" });
      expect(text.reviewedAt).toBeInstanceOf(Date);
      expect(text.publishedAt).toBeInstanceOf(Date);
    }
    const keys = texts.map((t) => `${t.purpose.key}/${t.locale}`).sort();
    expect(keys).toEqual(purposeKeys.flatMap((key) => locales.map((locale) => `${key}/${locale}`)).sort());
    const acmeEn = texts.find((t) => t.purpose.key === "sponsor:acme-coffee" && t.locale === "en");
    expect(acmeEn?.body).toMatch(/^Share my name and email with Acme Coffee so they can send me offers\./);
  });

  it("names the sponsor in every locale's sponsor wording, and no other sponsor", async () => {
    await seedDemoVenue(db.prisma);

    const texts = await db.prisma.consentText.findMany({ where: { purpose: { kind: "SPONSOR" } }, include: { purpose: true } });
    expect(texts).toHaveLength(2 * locales.length);
    for (const text of texts) {
      const where = `${text.purpose.key}/${text.locale}`;
      for (const [key, name] of Object.entries(sponsorNames)) {
        if (key === text.purpose.key) expect(text.body, where).toContain(name);
        else expect(text.body, where).not.toContain(name);
      }
    }
  });

  it("keeps the English and French wording byte for byte: the hashes guests' records point at", async () => {
    await seedDemoVenue(db.prisma);

    const texts = await db.prisma.consentText.findMany({ where: { locale: { in: ["en", "fr"] } }, include: { purpose: true } });
    expect(Object.fromEntries(texts.map((t) => [`${t.purpose.key}/${t.locale}`, t.sha256]))).toEqual({
      "terms/en": "d5f04b0d6ab4ea0afe3e29b32ae7c7de364bc0541c08b381c4aecd1aece36b7f",
      "terms/fr": "56ff62ce2f929f7656e0e639fcbca9a644f7d32f3dd7d2dc4917ba08d1918339",
      "marketing/en": "c61366634b24bccfcfcced08356cac3ed774c9b7f2b7ba43e8ad3e6922c62034",
      "marketing/fr": "b2303f0d8074a659a30d2d8051c2b8a150a9ce897ef807e995d50eb0c5327ec9",
      "sponsor:acme-coffee/en": "1e256e69e2e57e42c8cbceed87e4c20f2445790960f02e3fc04dfe7414cc0b9a",
      "sponsor:acme-coffee/fr": "d1d8a624b72956a66adf0aacd3284bfe46966dfd5ca70e4a18c9ae4d8e5bf447",
      "sponsor:northwind-air/en": "ec5f62452f918e572483c74690930c147e0dc7462be0971121fdb5593554a2a2",
      "sponsor:northwind-air/fr": "39f73fa66da8cf95c5c7375b0e985b0dc498a60f95c22df50f8b114ac14d7627",
    });
  });

  it("publishes portal copy in every locale that the portal's schema accepts as stored", async () => {
    await seedDemoVenue(db.prisma);

    const copies = await db.prisma.portalCopy.findMany({ orderBy: { locale: "asc" } });
    expect(copies.map((c) => [c.locale, c.status, c.version])).toEqual([...locales].sort().map((locale) => [locale, "PUBLISHED", 1]));
    for (const copy of copies) {
      expect(copy.publishedAt).toBeInstanceOf(Date);
      expect(portalCopyFieldsSchema.parse(copy.fields)).toEqual(copy.fields);
    }
    const headlines = Object.fromEntries(copies.map((c) => [c.locale, (c.fields as { headline: string }).headline]));
    expect(headlines).toMatchObject({ en: "Welcome to Harbour Hotel", fr: "Bienvenue au Harbour Hotel" });
    // Six different headlines: no locale was left with another's copy.
    expect(new Set(Object.values(headlines)).size).toBe(locales.length);
  });

  it("changes nothing when run again", async () => {
    await seedDemoVenue(db.prisma);
    const first = await seedSnapshot(db.prisma);

    await seedDemoVenue(db.prisma);

    expect(await seedSnapshot(db.prisma)).toEqual(first);
  });

  it("leaves what staff changed in the demo venue alone", async () => {
    await seedDemoVenue(db.prisma);
    const venue = await db.prisma.venue.update({ where: { slug: "demo" }, data: { name: "Harbour Hotel & Spa" } });
    const marketing = await db.prisma.consentPurpose.findUniqueOrThrow({
      where: { venueId_key: { venueId: venue.id, key: "marketing" } },
    });
    // Legal replaced the English marketing wording: version 1 retired, version 2 published.
    await db.prisma.consentText.updateMany({
      where: { purposeId: marketing.id, locale: "en", version: 1 },
      data: { status: "RETIRED", retiredAt: new Date() },
    });
    const newBody = "Email me Harbour Hotel & Spa offers. Unsubscribe any time.";
    await db.prisma.consentText.create({
      data: {
        purposeId: marketing.id,
        locale: "en",
        version: 2,
        body: newBody,
        sha256: hashConsentWording(newBody),
        status: "PUBLISHED",
        publishedAt: new Date(),
      },
    });
    const edited = await seedSnapshot(db.prisma);

    await seedDemoVenue(db.prisma);

    expect(await seedSnapshot(db.prisma)).toEqual(edited);
  });

  it("adds no language to a demo venue that does not offer it (an older demo, or one staff trimmed)", async () => {
    await db.prisma.venue.create({
      data: { slug: "demo", name: "Harbour Hotel", timezone: "Europe/London", defaultLocale: "en", locales: ["en", "fr"], countryCode: "GB" },
    });

    await seedDemoVenue(db.prisma);

    const texts = await db.prisma.consentText.findMany({ select: { locale: true } });
    expect([...new Set(texts.map((t) => t.locale))].sort()).toEqual(["en", "fr"]);
    expect(texts).toHaveLength(purposeKeys.length * 2);
    const copies = await db.prisma.portalCopy.findMany({ select: { locale: true } });
    expect(copies.map((c) => c.locale).sort()).toEqual(["en", "fr"]);
  });
});
