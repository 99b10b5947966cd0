import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DomainError } from "@/lib/errors";
import { createAccessPoint, createVenue, createZone, deleteAccessPoint, deleteZone, updateAccessPoint, updateZone, type VenueActor } from "@/lib/venues";
import { accessPointSchema, accessPointUpdateSchema, venueSchema, zoneSchema } from "@/lib/venues/schemas";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { inStaffWords, refusalWords } from "../support/staff-refusal";
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
    venueSchema.parse({ name: "Marina", slug: uniqueSlug("marina"), timezone: "UTC", countryCode: "GB", locales: ["en"], defaultLocale: "en" }),
  );
}

async function auditActions(entityId: string) {
  return (await testDb.prisma.auditEntry.findMany({ where: { entityId }, orderBy: { id: "asc" } })).map((e) => e.action);
}

describe("zones", () => {
  it("adds, renames and removes a zone, each change audited with before/after", async () => {
    const venue = await newVenue();
    const zone = await createZone(testDb.prisma, admin, zoneSchema.parse({ venueId: venue.id, slug: "terrace", name: "Terrace" }));
    await updateZone(testDb.prisma, admin, { venueId: venue.id, zoneId: zone.id, slug: "roof-terrace", name: "Roof terrace" });
    await deleteZone(testDb.prisma, admin, { venueId: venue.id, zoneId: zone.id });

    expect(await testDb.prisma.zone.count({ where: { venueId: venue.id } })).toBe(0);
    const entries = await testDb.prisma.auditEntry.findMany({ where: { entityId: zone.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.entityType, e.actorId])).toEqual([
      ["zone.created", "zone", admin.id],
      ["zone.updated", "zone", admin.id],
      ["zone.deleted", "zone", admin.id],
    ]);
    expect(entries[1]).toMatchObject({ before: { slug: "terrace", name: "Terrace" }, after: { slug: "roof-terrace", name: "Roof terrace" } });
    expect(entries[2]).toMatchObject({ before: { slug: "roof-terrace", accessPoints: [] }, after: null });
  });

  it("refuses a zone slug already used at the same venue, but not at another venue", async () => {
    const venue = await newVenue();
    const other = await newVenue();
    await createZone(testDb.prisma, admin, { venueId: venue.id, slug: "lobby", name: "Lobby" });
    const refusal = await createZone(testDb.prisma, admin, { venueId: venue.id, slug: "lobby", name: "Main lobby" }).catch((e: unknown) => e);
    expect(refusalWords(refusal).fieldErrors).toEqual({ slug: ["This venue already has a zone with this slug."] });
    expect(await testDb.prisma.zone.count({ where: { venueId: venue.id } })).toBe(1);
    await expect(createZone(testDb.prisma, admin, { venueId: other.id, slug: "lobby", name: "Lobby" })).resolves.toMatchObject({ slug: "lobby" });
  });

  it("removing a zone keeps its access points, now without a zone, and lists them in the audit entry", async () => {
    const venue = await newVenue();
    const zone = await createZone(testDb.prisma, admin, { venueId: venue.id, slug: "pool", name: "Pool" });
    const ap = await createAccessPoint(testDb.prisma, admin, accessPointSchema.parse({ venueId: venue.id, mac: "AA-BB-CC-00-00-01", zoneId: zone.id }));
    await deleteZone(testDb.prisma, admin, { venueId: venue.id, zoneId: zone.id });
    expect(await testDb.prisma.accessPoint.findUniqueOrThrow({ where: { id: ap.id } })).toMatchObject({ mac: "aa:bb:cc:00:00:01", zoneId: null });
    const entry = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: zone.id, action: "zone.deleted" } });
    expect(entry.before).toMatchObject({ accessPoints: ["aa:bb:cc:00:00:01"] });
  });

  it("does not touch a zone of another venue named by a forged venue id", async () => {
    const venue = await newVenue();
    const other = await newVenue();
    const zone = await createZone(testDb.prisma, admin, { venueId: venue.id, slug: "bar", name: "Bar" });
    await expect(inStaffWords(deleteZone(testDb.prisma, admin, { venueId: other.id, zoneId: zone.id }))).rejects.toThrow("no longer exists");
    expect(await testDb.prisma.zone.count({ where: { id: zone.id } })).toBe(1);
  });

  it.each(["MARKETER", "LEGAL"] as const)("refuses a %s and writes nothing", async (role) => {
    const venue = await newVenue();
    const actor = await staffActor(testDb.prisma, role);
    await expect(createZone(testDb.prisma, actor, { venueId: venue.id, slug: "spa", name: "Spa" })).rejects.toThrow(DomainError);
    expect(await testDb.prisma.zone.count({ where: { venueId: venue.id } })).toBe(0);
    expect(await testDb.prisma.auditEntry.count({ where: { actorId: actor.id } })).toBe(0);
  });
});

describe("access points", () => {
  it("stores the MAC lower-case and colon-separated whatever way it is typed", async () => {
    const venue = await newVenue();
    const typings = ["00-1A-2B-3C-4D-5E", "001A.2B3C.4D5F", " 001a2b3c4d60 ", "00:1A:2B:3C:4D:61"];
    for (const mac of typings) await createAccessPoint(testDb.prisma, admin, accessPointSchema.parse({ venueId: venue.id, mac }));
    const stored = await testDb.prisma.accessPoint.findMany({ where: { venueId: venue.id }, orderBy: { mac: "asc" } });
    expect(stored.map((ap) => ap.mac)).toEqual(["00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5f", "00:1a:2b:3c:4d:60", "00:1a:2b:3c:4d:61"]);
  });

  it("refuses a MAC that is not one, on the mac field, and writes nothing", async () => {
    const venue = await newVenue();
    for (const mac of ["00:1A:2B:3C:4D", "00:1A:2B:3C:4D:5G", "not-a-mac", "00:1A:2B:3C:4D:5E:6F"]) {
      const refusal = await createAccessPoint(testDb.prisma, admin, accessPointSchema.parse({ venueId: venue.id, mac })).catch((e: unknown) => e);
      expect(refusalWords(refusal).fieldErrors, mac).toEqual({ mac: ["Enter a MAC address like 00:11:22:33:44:55."] });
    }
    expect(accessPointSchema.safeParse({ venueId: venue.id, mac: "  " }).error?.issues.map((i) => i.path.join("."))).toEqual(["mac"]);
    expect(await testDb.prisma.accessPoint.count({ where: { venueId: venue.id } })).toBe(0);
    expect(await testDb.prisma.auditEntry.count({ where: { entityType: "access_point", after: { path: ["venueId"], equals: venue.id } } })).toBe(0);
  });

  it("refuses an edit to an invalid MAC and keeps the stored one", async () => {
    const venue = await newVenue();
    const ap = await createAccessPoint(testDb.prisma, admin, accessPointSchema.parse({ venueId: venue.id, mac: "00:11:22:33:44:ee" }));
    const input = accessPointUpdateSchema.parse({ venueId: venue.id, accessPointId: ap.id, mac: "00:11:22:33:44", name: "Bar" });
    await expect(updateAccessPoint(testDb.prisma, admin, input)).rejects.toThrow(DomainError);
    expect(await testDb.prisma.accessPoint.findUniqueOrThrow({ where: { id: ap.id } })).toMatchObject({ mac: "00:11:22:33:44:ee", name: null });
  });

  it("adds, edits and removes an access point, each change audited with before/after", async () => {
    const venue = await newVenue();
    const zone = await createZone(testDb.prisma, admin, { venueId: venue.id, slug: "lobby", name: "Lobby" });
    const ap = await createAccessPoint(testDb.prisma, admin, accessPointSchema.parse({ venueId: venue.id, mac: "00-11-22-33-44-AA", name: "" }));
    expect(ap).toMatchObject({ mac: "00:11:22:33:44:aa", name: null, zoneId: null });

    await updateAccessPoint(testDb.prisma, admin, accessPointUpdateSchema.parse({ venueId: venue.id, accessPointId: ap.id, mac: "00:11:22:33:44:aa", name: "Lobby AP", zoneId: zone.id }));
    await deleteAccessPoint(testDb.prisma, admin, { venueId: venue.id, accessPointId: ap.id });

    expect(await testDb.prisma.accessPoint.count({ where: { venueId: venue.id } })).toBe(0);
    expect(await auditActions(ap.id)).toEqual(["access_point.created", "access_point.updated", "access_point.deleted"]);
    const updated = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: ap.id, action: "access_point.updated" } });
    expect(updated.before).toMatchObject({ name: null, zoneId: null });
    expect(updated.after).toMatchObject({ name: "Lobby AP", zoneId: zone.id });
  });

  it("refuses a MAC already registered at the venue, however it is typed, and writes nothing", async () => {
    const venue = await newVenue();
    await createAccessPoint(testDb.prisma, admin, accessPointSchema.parse({ venueId: venue.id, mac: "00:11:22:33:44:bb" }));
    const audits = await testDb.prisma.auditEntry.count();
    const refusal = await createAccessPoint(testDb.prisma, admin, accessPointSchema.parse({ venueId: venue.id, mac: "00-11-22-33-44-BB" })).catch((e: unknown) => e);
    expect(refusalWords(refusal).fieldErrors).toEqual({ mac: ["This MAC address is already registered at this venue."] });
    expect(await testDb.prisma.accessPoint.count({ where: { venueId: venue.id } })).toBe(1);
    expect(await testDb.prisma.auditEntry.count()).toBe(audits);
  });

  it("refuses a zone from another venue", async () => {
    const venue = await newVenue();
    const other = await newVenue();
    const foreignZone = await createZone(testDb.prisma, admin, { venueId: other.id, slug: "lobby", name: "Lobby" });
    const refusal = await createAccessPoint(testDb.prisma, admin, accessPointSchema.parse({ venueId: venue.id, mac: "00:11:22:33:44:cc", zoneId: foreignZone.id })).catch((e: unknown) => e);
    expect(refusalWords(refusal).fieldErrors).toEqual({ zoneId: ["Choose one of this venue's zones."] });
    expect(await testDb.prisma.accessPoint.count({ where: { venueId: venue.id } })).toBe(0);
  });

  it("refuses a MARKETER and writes nothing", async () => {
    const venue = await newVenue();
    const marketer = await staffActor(testDb.prisma, "MARKETER");
    await expect(createAccessPoint(testDb.prisma, marketer, accessPointSchema.parse({ venueId: venue.id, mac: "00:11:22:33:44:dd" }))).rejects.toThrow(DomainError);
    expect(await testDb.prisma.accessPoint.count({ where: { venueId: venue.id } })).toBe(0);
  });
});
