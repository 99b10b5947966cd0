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

describe("seedDemoVenue", () => {
  it("publishes NFC wording whose stored hash is the body's, one version per purpose and locale", async () => {
    await seedDemoVenue(db.prisma);

    const texts = await db.prisma.consentText.findMany({ include: { purpose: true } });
    expect(texts).toHaveLength(8);
    for (const text of texts) {
      expect(text.body).toBe(text.body.normalize("NFC"));
      expect(text.sha256).toBe(hashConsentWording(text.body));
      expect(text).toMatchObject({ version: 1, status: "PUBLISHED" });
    }
    const keys = texts.map((t) => `${t.purpose.key}/${t.locale}`).sort();
    expect(keys).toEqual([
      "marketing/en",
      "marketing/fr",
      "sponsor:acme-coffee/en",
      "sponsor:acme-coffee/fr",
      "sponsor:northwind-air/en",
      "sponsor:northwind-air/fr",
      "terms/en",
      "terms/fr",
    ]);
    const acmeEn = texts.find((t) => t.purpose.key === "sponsor:acme-coffee" && t.locale === "en");
    expect(acmeEn?.body).toMatch(/^Share my name and email with Acme Coffee so they can send me offers\./);
  });

  it("publishes portal copy in both locales that the portal's schema accepts as stored", async () => {
    await seedDemoVenue(db.prisma);

    const copies = await db.prisma.portalCopy.findMany({ orderBy: { locale: "asc" } });
    expect(copies.map((c) => [c.locale, c.status, c.version])).toEqual([
      ["en", "PUBLISHED", 1],
      ["fr", "PUBLISHED", 1],
    ]);
    for (const copy of copies) {
      expect(copy.publishedAt).toBeInstanceOf(Date);
      expect(portalCopyFieldsSchema.parse(copy.fields)).toEqual(copy.fields);
    }
    expect(copies[1]?.fields).toMatchObject({ headline: "Bienvenue au Harbour Hotel" });
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
});
