import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getPublishedConsentWording } from "@/lib/consent";
import { DomainError } from "@/lib/errors";
import { createSponsor, createVenue, getVenueSetup, updateSponsor, type VenueActor } from "@/lib/venues";
import { sponsorSchema, sponsorUpdateSchema, venueSchema } from "@/lib/venues/schemas";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { refusalWords } from "../support/staff-refusal";
import { publishWording } from "../support/venue-fixture";
import { staffActor, uniqueSlug } from "./staff-actors";

let testDb: TestDatabase;
let admin: VenueActor;
beforeAll(async () => {
  testDb = await createTestDatabase();
  admin = await staffActor(testDb.prisma, "ADMIN");
});
afterAll(async () => {
  await testDb?.drop();
});

async function newVenue() {
  return createVenue(
    testDb.prisma,
    admin,
    venueSchema.parse({ name: "Lido", slug: uniqueSlug("lido"), timezone: "UTC", countryCode: "GB", locales: ["en"], defaultLocale: "en" }),
  );
}

function sponsorForm(venueId: string, overrides: Record<string, unknown> = {}) {
  return sponsorSchema.parse({ venueId, name: "Acme Coffee", slug: "acme-coffee", dpaReference: "", dpaSignedAt: "", active: "on", ...overrides });
}

describe("sponsor form rules", () => {
  const venueId = "0190a000-0000-7000-8000-000000000000";

  it("takes a DPA reference and signing date together", () => {
    expect(sponsorForm(venueId, { dpaReference: " DPA-7 ", dpaSignedAt: "2026-02-03" })).toMatchObject({
      dpaReference: "DPA-7",
      dpaSignedAt: new Date("2026-02-03T00:00:00Z"),
      active: true,
    });
    expect(sponsorForm(venueId)).toMatchObject({ dpaReference: null, dpaSignedAt: null });
  });

  it("refuses a reference without a date, or a date without a reference, on the missing field", () => {
    const noDate = sponsorSchema.safeParse({ venueId, name: "A", slug: "a", dpaReference: "DPA-1", dpaSignedAt: "" });
    expect(noDate.error?.issues.map((i) => i.path.join("."))).toEqual(["dpaSignedAt"]);
    const noReference = sponsorUpdateSchema.safeParse({ venueId, sponsorId: venueId, name: "A", dpaReference: "", dpaSignedAt: "2026-01-01" });
    expect(noReference.error?.issues.map((i) => i.path.join("."))).toEqual(["dpaReference"]);
  });

  it("refuses an impossible or future signing date", () => {
    for (const date of ["2026-02-30", "2999-01-01", "03/02/2026"]) {
      const result = sponsorSchema.safeParse({ venueId, name: "A", slug: "a", dpaReference: "DPA-1", dpaSignedAt: date });
      expect(result.error?.issues.map((i) => i.path.join(".")), date).toContain("dpaSignedAt");
    }
  });

  it("reads an unticked active box as inactive", () => {
    expect(sponsorSchema.parse({ venueId, name: "A", slug: "a" }).active).toBe(false);
    expect(sponsorSchema.parse({ venueId, name: "A", slug: "a", active: true }).active).toBe(true);
  });
});

describe("createSponsor", () => {
  it("creates the sponsor with its consent purpose after the venue's others, audited", async () => {
    const venue = await newVenue();
    const first = await createSponsor(testDb.prisma, admin, sponsorForm(venue.id));
    const second = await createSponsor(testDb.prisma, admin, sponsorForm(venue.id, { name: "Northwind Air", slug: "northwind", dpaReference: "DPA-9", dpaSignedAt: "2026-03-01" }));

    const purposes = await testDb.prisma.consentPurpose.findMany({ where: { venueId: venue.id }, orderBy: { position: "asc" } });
    expect(purposes.map((p) => [p.key, p.kind, p.position, p.sponsorId])).toEqual([
      ["terms", "TERMS", 0, null],
      ["marketing", "MARKETING", 1, null],
      ["sponsor:acme-coffee", "SPONSOR", 2, first.id],
      ["sponsor:northwind", "SPONSOR", 3, second.id],
    ]);
    const entry = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: second.id } });
    expect(entry).toMatchObject({ action: "sponsor.created", entityType: "sponsor", actorId: admin.id, before: null });
    expect(entry.after).toEqual({
      venueId: venue.id,
      slug: "northwind",
      name: "Northwind Air",
      dpaReference: "DPA-9",
      dpaSignedAt: "2026-03-01",
      dpaExpiresAt: null,
      active: true,
      consentPurpose: { key: "sponsor:northwind", position: 3 },
    });
  });

  it("refuses a sponsor slug already used at the venue and writes nothing", async () => {
    const venue = await newVenue();
    await createSponsor(testDb.prisma, admin, sponsorForm(venue.id));
    const audits = await testDb.prisma.auditEntry.count();
    const refusal = await createSponsor(testDb.prisma, admin, sponsorForm(venue.id, { name: "Acme Again" })).catch((e: unknown) => e);
    expect(refusalWords(refusal).fieldErrors).toEqual({ slug: ["This venue already has a sponsor with this slug."] });
    expect(await testDb.prisma.sponsor.count({ where: { venueId: venue.id } })).toBe(1);
    expect(await testDb.prisma.consentPurpose.count({ where: { venueId: venue.id } })).toBe(3);
    expect(await testDb.prisma.auditEntry.count()).toBe(audits);
  });

  it("refuses half a data-processing agreement even when the form's schema was skipped, and writes nothing", async () => {
    const venue = await newVenue();
    const input = { venueId: venue.id, name: "Acme", slug: "acme", dpaReference: "DPA-1", dpaSignedAt: null, active: true };
    const refusal = await createSponsor(testDb.prisma, admin, input).catch((e: unknown) => e);
    expect(refusalWords(refusal).fieldErrors).toEqual({ dpaSignedAt: ["A data-processing agreement needs both its reference and its signing date."] });
    expect(await testDb.prisma.sponsor.count({ where: { venueId: venue.id } })).toBe(0);
    expect(await testDb.prisma.consentPurpose.count({ where: { venueId: venue.id } })).toBe(2);
  });

  it.each(["MARKETER", "LEGAL"] as const)("refuses a %s and writes nothing", async (role) => {
    const venue = await newVenue();
    const actor = await staffActor(testDb.prisma, role);
    await expect(createSponsor(testDb.prisma, actor, sponsorForm(venue.id))).rejects.toThrow(DomainError);
    expect(await testDb.prisma.sponsor.count({ where: { venueId: venue.id } })).toBe(0);
    expect(await testDb.prisma.consentPurpose.count({ where: { venueId: venue.id } })).toBe(2);
  });
});

describe("updateSponsor and what guests are offered", () => {
  it("shows a sponsor to guests only once it is active with a DPA on file, every change audited", async () => {
    const venue = await newVenue();
    expect(await getVenueSetup(testDb.prisma, venue.id)).toMatchObject({ termsReady: false, purposes: [{ key: "terms", publishedLocales: [] }, { key: "marketing" }] });
    const purposes = await testDb.prisma.consentPurpose.findMany({ where: { venueId: venue.id } });
    for (const purpose of purposes) await publishWording(testDb.prisma, purpose.id, "en", `${purpose.key} wording`);
    expect(await getVenueSetup(testDb.prisma, venue.id)).toMatchObject({ termsReady: true, purposes: [{ key: "terms", publishedLocales: ["en"] }, { key: "marketing" }] });
    const sponsor = await createSponsor(testDb.prisma, admin, sponsorForm(venue.id));
    const sponsorPurpose = await testDb.prisma.consentPurpose.findUniqueOrThrow({ where: { sponsorId: sponsor.id } });
    await publishWording(testDb.prisma, sponsorPurpose.id, "en", "Share my email with Acme Coffee.");

    const offered = async () => (await getPublishedConsentWording(testDb.prisma, venue, "en")).map((w) => w.key);
    const setupOf = async () => (await getVenueSetup(testDb.prisma, venue.id))!.sponsors[0]!;

    expect(await offered()).toEqual(["terms", "marketing"]);
    expect(await setupOf()).toMatchObject({ shown: false, reasons: ["no data-processing agreement on file"], publishedLocales: ["en"] });

    const base = { venueId: venue.id, sponsorId: sponsor.id, name: "Acme Coffee" };
    await updateSponsor(testDb.prisma, admin, sponsorUpdateSchema.parse({ ...base, dpaReference: "DPA-2026-100", dpaSignedAt: "2026-04-01", active: "on" }));
    expect(await offered()).toEqual(["terms", "marketing", "sponsor:acme-coffee"]);
    expect(await setupOf()).toMatchObject({ shown: true, reasons: [] });

    await updateSponsor(testDb.prisma, admin, sponsorUpdateSchema.parse({ ...base, dpaReference: "DPA-2026-100", dpaSignedAt: "2026-04-01" }));
    expect(await offered()).toEqual(["terms", "marketing"]);
    expect(await setupOf()).toMatchObject({ shown: false, reasons: ["inactive"] });

    const entries = await testDb.prisma.auditEntry.findMany({ where: { entityId: sponsor.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["sponsor.created", "sponsor.updated", "sponsor.updated"]);
    expect(entries[1]).toMatchObject({ before: { dpaReference: null, dpaSignedAt: null }, after: { dpaReference: "DPA-2026-100", dpaSignedAt: "2026-04-01", active: true } });
    expect(entries[2]).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it("refuses a LEGAL actor and changes nothing", async () => {
    const venue = await newVenue();
    const sponsor = await createSponsor(testDb.prisma, admin, sponsorForm(venue.id));
    const legal = await staffActor(testDb.prisma, "LEGAL");
    const input = sponsorUpdateSchema.parse({ venueId: venue.id, sponsorId: sponsor.id, name: "Acme", dpaReference: "DPA-1", dpaSignedAt: "2026-01-01", active: "on" });
    await expect(updateSponsor(testDb.prisma, legal, input)).rejects.toThrow(DomainError);
    expect(await testDb.prisma.sponsor.findUniqueOrThrow({ where: { id: sponsor.id } })).toMatchObject({ name: "Acme Coffee", dpaReference: null });
    expect(await testDb.prisma.auditEntry.count({ where: { entityId: sponsor.id } })).toBe(1);
  });
});
