import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DomainError } from "@/lib/errors";
import { createSponsor, createVenue, createZone, listVenues, updateVenue, venuesPerPage, type VenueActor } from "@/lib/venues";
import { sponsorSchema, venueSchema, venueUpdateSchema } from "@/lib/venues/schemas";
import { refusingDuplicates } from "@/lib/venues/unique-violation";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestQueue } from "../support/job-queue";
import { inStaffWords, refusalWords } from "../support/staff-refusal";
import { staffActor, uniqueSlug } from "./staff-actors";

let testDb: TestDatabase;
let admin: VenueActor;
// A time zone change queues the venue's analytics rebuild in its transaction: the queue must exist.
let queue: Awaited<ReturnType<typeof startTestQueue>>;
beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await startTestQueue(testDb.url, testDb.prisma);
  admin = await staffActor(testDb.prisma, "ADMIN");
});
afterAll(async () => {
  await queue?.stop();
  await testDb?.drop();
});

function venueForm(overrides: Record<string, unknown> = {}) {
  return venueSchema.parse({
    name: "Quayside Café",
    slug: uniqueSlug("quayside"),
    timezone: "Europe/Paris",
    countryCode: "fr",
    locales: ["fr", "en"],
    defaultLocale: "fr",
    ...overrides,
  });
}

async function auditFor(entityId: string) {
  return testDb.prisma.auditEntry.findMany({ where: { entityId }, orderBy: { id: "asc" } });
}

async function rowCounts() {
  const [venues, purposes, audits] = await Promise.all([
    testDb.prisma.venue.count(),
    testDb.prisma.consentPurpose.count(),
    testDb.prisma.auditEntry.count(),
  ]);
  return { venues, purposes, audits };
}

describe("venue form rules", () => {
  it("reads the posted form: one ticked locale, a lower-case country code", () => {
    const parsed = venueSchema.parse({ name: " Pier ", slug: "pier", timezone: "UTC", countryCode: "gb", locales: "en", defaultLocale: "en" });
    expect(parsed).toEqual({ name: "Pier", slug: "pier", timezone: "UTC", countryCode: "GB", locales: ["en"], defaultLocale: "en" });
  });

  it("refuses a default language the venue does not offer, on the default-locale field", () => {
    const result = venueSchema.safeParse({ name: "Pier", slug: "pier", timezone: "UTC", countryCode: "GB", locales: ["en"], defaultLocale: "fr" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["defaultLocale", "The default language must be one of the languages offered."]]);
  });

  it("offers only locales the portal is translated into, and at least one", () => {
    const base = { name: "Pier", slug: "pier", timezone: "UTC", countryCode: "GB", defaultLocale: "en" };
    expect(venueSchema.safeParse({ ...base, locales: ["en", "ja"] }).error?.issues[0]?.path).toEqual(["locales", 1]);
    expect(venueSchema.safeParse({ ...base }).error?.issues.some((i) => i.path[0] === "locales")).toBe(true);
  });

  it("refuses an unknown time zone, an unknown country and a slug that is not url-safe", () => {
    const result = venueSchema.safeParse({ name: "Pier", slug: "Pier Hotel", timezone: "Mars/Olympus", countryCode: "XX", locales: ["en"], defaultLocale: "en" });
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["countryCode", "slug", "timezone"]);
  });
});

describe("createVenue", () => {
  it("creates the venue with its terms and marketing consent purposes and audits it", async () => {
    const input = venueForm();
    const venue = await createVenue(testDb.prisma, admin, input);

    expect(venue).toMatchObject({ slug: input.slug, name: "Quayside Café", timezone: "Europe/Paris", countryCode: "FR", locales: ["fr", "en"], defaultLocale: "fr" });
    const purposes = await testDb.prisma.consentPurpose.findMany({ where: { venueId: venue.id }, orderBy: { position: "asc" } });
    expect(purposes.map((p) => [p.key, p.kind, p.position, p.sponsorId])).toEqual([
      ["terms", "TERMS", 0, null],
      ["marketing", "MARKETING", 1, null],
    ]);
    const [entry, ...more] = await auditFor(venue.id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ actorId: admin.id, action: "venue.created", entityType: "venue", before: null, ip: "192.0.2.10" });
    expect(entry!.after).toEqual({
      slug: input.slug,
      name: "Quayside Café",
      timezone: "Europe/Paris",
      countryCode: "FR",
      locales: ["fr", "en"],
      defaultLocale: "fr",
      consentPurposes: ["terms", "marketing"],
    });
  });

  it("refuses a slug another venue uses, as a slug field error, and writes nothing", async () => {
    const first = await createVenue(testDb.prisma, admin, venueForm());
    const before = await rowCounts();
    const refusal = await createVenue(testDb.prisma, admin, venueForm({ slug: first.slug, name: "Copycat" })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusalWords(refusal).fieldErrors).toEqual({ slug: ["Another venue already uses this slug. Choose a different one."] });
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a default language the venue does not offer even when the form's schema was skipped, and writes nothing", async () => {
    const before = await rowCounts();
    const input = { name: "Pier", slug: uniqueSlug("pier"), timezone: "UTC", countryCode: "GB", locales: ["en" as const], defaultLocale: "fr" };
    const refusal = await createVenue(testDb.prisma, admin, input).catch((e: unknown) => e);
    expect(refusalWords(refusal).fieldErrors).toEqual({ defaultLocale: ["The default language must be one of the languages offered."] });
    expect(await rowCounts()).toEqual(before);
  });

  it.each(["MARKETER", "LEGAL"] as const)("refuses a %s and writes nothing", async (role) => {
    const actor = await staffActor(testDb.prisma, role);
    const before = await rowCounts();
    await expect(createVenue(testDb.prisma, actor, venueForm())).rejects.toThrow(DomainError);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("two admins saving the same slug at once", () => {
  it("the loser of the race in the unique index gets the same slug field error", async () => {
    const venue = await createVenue(testDb.prisma, admin, venueForm());
    const race = refusingDuplicates(
      () => testDb.prisma.venue.create({ data: { slug: venue.slug, name: "Racer", defaultLocale: "en", locales: ["en"], countryCode: "GB" } }),
      { slug: ["venueSlugTaken"] },
    );
    await expect(inStaffWords(race)).rejects.toMatchObject({ name: "DomainError", fieldErrors: { slug: ["Another venue already uses this slug. Choose a different one."] } });
  });
});

describe("updateVenue", () => {
  it("saves the change with a before/after audit entry", async () => {
    const venue = await createVenue(testDb.prisma, admin, venueForm());
    const input = venueUpdateSchema.parse({
      venueId: venue.id,
      name: "Quayside Café & Bar",
      slug: venue.slug,
      timezone: "Europe/London",
      countryCode: "GB",
      locales: ["en", "fr"],
      defaultLocale: "en",
    });
    const updated = await updateVenue(testDb.prisma, admin, input);
    expect(updated).toMatchObject({ name: "Quayside Café & Bar", timezone: "Europe/London", countryCode: "GB", defaultLocale: "en", locales: ["en", "fr"] });

    const entries = await auditFor(venue.id);
    expect(entries.map((e) => e.action)).toEqual(["venue.created", "venue.updated"]);
    expect(entries[1]!.before).toMatchObject({ name: "Quayside Café", timezone: "Europe/Paris", countryCode: "FR", defaultLocale: "fr" });
    expect(entries[1]!.after).toMatchObject({ name: "Quayside Café & Bar", timezone: "Europe/London", countryCode: "GB", defaultLocale: "en" });
    // The time zone changed: the venue's analytics rebuild was queued with the change.
    const [queued] = await testDb.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'analytics-venue-rebuild' AND data ->> 'venueId' = ${venue.id}`;
    expect(queued!.n).toBe(1);
  });

  it("writes no audit entry when nothing changed", async () => {
    const venue = await createVenue(testDb.prisma, admin, venueForm());
    const { id, ...fields } = venue;
    await updateVenue(testDb.prisma, admin, venueUpdateSchema.parse({ ...fields, venueId: id }));
    expect((await auditFor(venue.id)).map((e) => e.action)).toEqual(["venue.created"]);
  });

  it("refuses another venue's slug and changes nothing", async () => {
    const taken = await createVenue(testDb.prisma, admin, venueForm());
    const venue = await createVenue(testDb.prisma, admin, venueForm());
    const { id, ...fields } = venue;
    const refusal = await updateVenue(testDb.prisma, admin, venueUpdateSchema.parse({ ...fields, venueId: id, slug: taken.slug, name: "Renamed" })).catch((e: unknown) => e);
    expect(refusalWords(refusal).fieldErrors?.slug).toBeDefined();
    expect(await testDb.prisma.venue.findUniqueOrThrow({ where: { id } })).toMatchObject({ slug: venue.slug, name: venue.name });
    expect(await auditFor(id)).toHaveLength(1);
  });

  it("refuses a LEGAL actor and changes nothing", async () => {
    const venue = await createVenue(testDb.prisma, admin, venueForm());
    const legal = await staffActor(testDb.prisma, "LEGAL");
    const { id, ...fields } = venue;
    await expect(updateVenue(testDb.prisma, legal, venueUpdateSchema.parse({ ...fields, venueId: id, name: "Hijacked" }))).rejects.toThrow(DomainError);
    expect((await testDb.prisma.venue.findUniqueOrThrow({ where: { id } })).name).toBe(venue.name);
    expect(await auditFor(id)).toHaveLength(1);
  });
});

describe("listVenues", () => {
  it("pages through venues newest first, with their zone, access point and hidden-sponsor counts", async () => {
    const existing = await testDb.prisma.venue.count();
    const needed = venuesPerPage + 1 - existing;
    for (let i = 0; i < needed; i++) await createVenue(testDb.prisma, admin, venueForm());
    const newest = await createVenue(testDb.prisma, admin, venueForm({ name: "Newest" }));
    await createZone(testDb.prisma, admin, { venueId: newest.id, slug: "lobby", name: "Lobby" });
    await createSponsor(testDb.prisma, admin, sponsorSchema.parse({ venueId: newest.id, name: "Acme", slug: "acme", active: "on" }));

    const first = await listVenues(testDb.prisma, 1);
    expect(first.venues).toHaveLength(venuesPerPage);
    expect(first.hasMore).toBe(true);
    expect(first.venues[0]).toMatchObject({ id: newest.id, zoneCount: 1, accessPointCount: 0, sponsorCount: 1, hiddenSponsorCount: 1 });

    const second = await listVenues(testDb.prisma, 2);
    expect(second.venues).toHaveLength(2);
    expect(second.hasMore).toBe(false);
    const ids = [...first.venues, ...second.venues].map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);

    expect((await listVenues(testDb.prisma, Number.NaN)).page).toBe(1);
  });
});
