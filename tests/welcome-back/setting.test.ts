// Staff set a venue's welcome back: admins only (venues.manage), audited with before and after,
// bad input refused with nothing written, and the venue page's list of what each gateway can do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { saveWelcomeBackSetting } from "@/lib/welcome-back/save-setting";
import { welcomeBackSetting, zeroTapAbilities } from "@/lib/welcome-back/settings";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";
import { staffActor } from "../venues/staff-actors";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

describe("the welcome-back setting", () => {
  it("is off until an admin sets it, audited; the same values again change nothing", async () => {
    const db = testDb.prisma;
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    expect(await welcomeBackSetting(db, venue.id)).toEqual({ mode: "OFF", zeroTapDays: 7 });
    const admin = await staffActor(db, "ADMIN");
    await saveWelcomeBackSetting(db, admin, { venueId: venue.id, mode: "ZERO_TAP", zeroTapDays: "14" });
    expect(await welcomeBackSetting(db, venue.id)).toEqual({ mode: "ZERO_TAP", zeroTapDays: 14 });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "venue.welcome_back.update", entityId: venue.id } });
    expect(audit).toMatchObject({ actorId: admin.id, before: { mode: "OFF", zeroTapDays: 7 }, after: { mode: "ZERO_TAP", zeroTapDays: 14 } });
    await expect(saveWelcomeBackSetting(db, admin, { venueId: venue.id, mode: "ZERO_TAP", zeroTapDays: 14 })).rejects.toMatchObject({ code: "nothingChanged" });
    expect(await db.auditEntry.count({ where: { action: "venue.welcome_back.update", entityId: venue.id } })).toBe(1);
  });

  it("refuses other roles and bad days, writing nothing", async () => {
    const db = testDb.prisma;
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    await expect(saveWelcomeBackSetting(db, await staffActor(db, "MARKETER"), { venueId: venue.id, mode: "ONE_TAP", zeroTapDays: 7 })).rejects.toThrow();
    const admin = await staffActor(db, "ADMIN");
    for (const zeroTapDays of ["0", "91", "2.5", "seven"]) {
      await expect(saveWelcomeBackSetting(db, admin, { venueId: venue.id, mode: "ZERO_TAP", zeroTapDays })).rejects.toThrow();
    }
    await expect(saveWelcomeBackSetting(db, admin, { venueId: venue.id, mode: "ALWAYS" as "OFF", zeroTapDays: 7 })).rejects.toThrow();
    expect(await db.venueWelcomeBack.count({ where: { venueId: venue.id } })).toBe(0);
  });

  it("lists which of the venue's gateways can do zero taps", async () => {
    const db = testDb.prisma;
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    await db.gateway.create({ data: { venueId: venue.id, slug: "a", kind: "opennds", name: "Garden" } });
    await db.gateway.create({ data: { venueId: venue.id, slug: "b", kind: "mikrotik", name: "Lobby" } });
    const abilities = await zeroTapAbilities(db, venue.id);
    expect(abilities.map((a) => [a.name, a.zeroTap !== null])).toEqual([["Garden", false], ["Lobby", true]]);
    expect(abilities[1]!.zeroTap).toContain("RADIUS MAC authorisation");
  });
});
