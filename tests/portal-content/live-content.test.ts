// Guest pages remember a venue's copy and wording by its content_version; these tests prove the
// version moves with every change a guest could see (whoever writes it), and that what is
// remembered is served while, and only while, the version stands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { liveConsentWording, livePortalCopy } from "@/lib/portal-content";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture, publishWording } from "../support/venue-fixture";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

const versionOf = async (venueId: string) => (await testDb.prisma.venue.findUniqueOrThrow({ where: { id: venueId } })).contentVersion;

/** Runs `change` and returns by how much it moved the venue's content version. */
async function bumpOf(venueId: string, change: () => Promise<unknown>): Promise<number> {
  const before = await versionOf(venueId);
  await change();
  return (await versionOf(venueId)) - before;
}

describe("the venue's content version", () => {
  it("moves with every change a guest could see, in the same transaction", async () => {
    const { venue, purposes } = await createVenueFixture(testDb.prisma, { sponsors: [{ slug: "acme", name: "Acme" }] });
    const sponsor = await testDb.prisma.sponsor.findFirstOrThrow({ where: { venueId: venue.id } });
    const marketing = purposes.find((p) => p.key === "marketing")!;

    expect(await bumpOf(venue.id, () => testDb.prisma.portalCopy.create({ data: { venueId: venue.id, locale: "en", version: 1, status: "PUBLISHED", fields: { headline: "Hi" } } }))).toBeGreaterThan(0);
    expect(await bumpOf(venue.id, () => testDb.prisma.portalCopy.updateMany({ where: { venueId: venue.id }, data: { fields: { headline: "Hello" } } }))).toBeGreaterThan(0);
    expect(await bumpOf(venue.id, () => publishWording(testDb.prisma, marketing.id, "en", "New marketing words"))).toBeGreaterThan(0);
    expect(await bumpOf(venue.id, () => testDb.prisma.sponsor.update({ where: { id: sponsor.id }, data: { active: false } }))).toBeGreaterThan(0);
    expect(await bumpOf(venue.id, () => testDb.prisma.consentPurpose.update({ where: { id: marketing.id }, data: { position: 9 } }))).toBeGreaterThan(0);
    expect(await bumpOf(venue.id, () => testDb.prisma.venue.update({ where: { id: venue.id }, data: { name: "Renamed" } }))).toBe(1);
    // A rolled-back change leaves it alone.
    await expect(
      bumpOf(venue.id, () =>
        testDb.prisma.$transaction(async (tx) => {
          await tx.portalCopy.updateMany({ where: { venueId: venue.id }, data: { fields: { headline: "Never" } } });
          throw new Error("rolled back");
        }),
      ),
    ).rejects.toThrow("rolled back");
  });

  it("does not move for another venue's changes", async () => {
    const one = await createVenueFixture(testDb.prisma);
    const other = await createVenueFixture(testDb.prisma);
    expect(await bumpOf(one.venue.id, () => testDb.prisma.portalCopy.create({ data: { venueId: other.venue.id, locale: "en", version: 1, fields: { headline: "x" } } }))).toBe(0);
  });
});

describe("live content", () => {
  it("serves what it remembers while the version stands, and the new content once it moves", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    await testDb.prisma.portalCopy.create({ data: { venueId: venue.id, locale: "en", version: 1, status: "PUBLISHED", fields: { headline: "First" } } });
    const read = async () => livePortalCopy(testDb.prisma, await testDb.prisma.venue.findUniqueOrThrow({ where: { id: venue.id } }), "en");
    expect((await read()).headline).toBe("First");

    // Behind the triggers' back (replication role skips them), the row changes but the version does not:
    // the remembered copy is what is served, which shows it is remembered.
    await testDb.prisma.$transaction([
      testDb.prisma.$executeRaw`SET LOCAL session_replication_role = replica`,
      testDb.prisma.$executeRaw`UPDATE portal_copy SET fields = '{"headline":"Sneaked in"}' WHERE venue_id = ${venue.id}::uuid`,
    ]);
    expect((await read()).headline).toBe("First");

    // Any ordinary change moves the version, and the next read is the live content.
    await testDb.prisma.portalCopy.updateMany({ where: { venueId: venue.id }, data: { fields: { headline: "Published" } } });
    expect((await read()).headline).toBe("Published");
  });

  it("follows newly published wording at once", async () => {
    const { venue, purposes } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    const venueNow = () => testDb.prisma.venue.findUniqueOrThrow({ where: { id: venue.id } });
    const before = await liveConsentWording(testDb.prisma, await venueNow(), "en");
    await publishWording(testDb.prisma, purposes.find((p) => p.key === "marketing")!.id, "en", "marketing wording (en) v2");
    const after = await liveConsentWording(testDb.prisma, await venueNow(), "en");
    expect(before.find((w) => w.key === "marketing")?.version).toBe(1);
    expect(after.find((w) => w.key === "marketing")).toMatchObject({ version: 2, body: "marketing wording (en) v2" });
  });

  it("remembers that a venue has no terms, and says so every time", async () => {
    const venue = await testDb.prisma.venue.create({ data: { slug: `bare-${Date.now()}`, name: "Bare", defaultLocale: "en", locales: ["en"], countryCode: "GB" } });
    for (let i = 0; i < 2; i++) await expect(liveConsentWording(testDb.prisma, venue, "en")).rejects.toMatchObject({ code: "consentNotConfigured" });
  });
});
