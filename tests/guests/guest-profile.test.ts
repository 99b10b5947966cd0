import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listGuestEvents, listGuestVisits } from "@/lib/guests/guest-activity";
import { currentConsents, getGuestProfile } from "@/lib/guests/guest-profile";
import { readPageRequest } from "@/lib/pagination/keyset-cursor";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture, publishWording } from "../support/venue-fixture";
import { connectGuest, iphone } from "./connect-guest";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

const legal = { role: "LEGAL" as const };

async function guestId(email: string) {
  return (await testDb.prisma.guest.findUniqueOrThrow({ where: { emailNormalized: email } })).id;
}

describe("a guest's profile", () => {
  it("shows every consent decision with the exact wording version it pointed at, newest first", async () => {
    const { venue, purposes } = await createVenueFixture(testDb.prisma, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
    const marketing = purposes.find((p) => p.key === "marketing")!;
    const v2 = await publishWording(testDb.prisma, marketing.id, "en", "News and offers by email, v2 wording.");

    await connectGuest(testDb.prisma, venue.slug, "Consent@History.test", { grant: ["marketing"], at: new Date("2026-03-01T10:00:00Z") });
    const v3 = await publishWording(testDb.prisma, marketing.id, "en", "Offers by email and SMS, v3 wording.");
    await connectGuest(testDb.prisma, venue.slug, "consent@history.test", { at: new Date("2026-03-08T10:00:00Z"), ip: "192.0.2.44" });

    const profile = (await getGuestProfile(testDb.prisma, legal, await guestId("consent@history.test")))!;
    expect(profile.consentHistory).toHaveLength(6);
    expect(profile.consentHistory.map((r) => r.recordedAt.toISOString())).toEqual([
      ...Array(3).fill("2026-03-08T10:00:00.000Z"),
      ...Array(3).fill("2026-03-01T10:00:00.000Z"),
    ]);

    const marketingRecords = profile.consentHistory.filter((r) => r.purpose.key === "marketing");
    expect(marketingRecords).toEqual([
      expect.objectContaining({
        decision: "declined",
        granted: false,
        ip: "192.0.2.44",
        wording: expect.objectContaining({ id: v3.id, body: "Offers by email and SMS, v3 wording.", version: 3, sha256: v3.sha256, status: "PUBLISHED" }),
      }),
      expect.objectContaining({
        decision: "granted",
        granted: true,
        method: "PORTAL",
        ip: "10.0.0.5",
        userAgent: iphone,
        wording: expect.objectContaining({ id: v2.id, body: "News and offers by email, v2 wording.", locale: "en", version: 2, status: "RETIRED" }),
      }),
    ]);
    const sponsor = profile.consentHistory.find((r) => r.purpose.kind === "SPONSOR")!;
    expect(sponsor.purpose).toMatchObject({ key: "sponsor:acme", sponsorName: "Acme Coffee" });
    expect(sponsor.venue).toEqual({ name: venue.name, timezone: "UTC" });

    // Where each purpose stands now: the latest decision only.
    expect(Object.fromEntries(currentConsents(profile.consentHistory).map((r) => [r.purpose.key, r.decision]))).toEqual({
      terms: "granted",
      marketing: "declined",
      "sponsor:acme": "declined",
    });
  });

  it("reads a withdrawal as withdrawn, not as a declined box", async () => {
    const { venue, purposes } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    await connectGuest(testDb.prisma, venue.slug, "withdraws@history.test", { grant: ["marketing"] });
    const id = await guestId("withdraws@history.test");
    const marketing = purposes.find((p) => p.key === "marketing")!;
    const text = await testDb.prisma.consentText.findFirstOrThrow({ where: { purposeId: marketing.id, status: "PUBLISHED" } });
    await testDb.prisma.consentRecord.create({
      data: { guestId: id, purposeId: marketing.id, consentTextId: text.id, granted: false, method: "WITHDRAWAL", recordedAt: new Date(Date.now() + 60_000) },
    });
    const profile = (await getGuestProfile(testDb.prisma, legal, id))!;
    expect(profile.consentHistory[0]).toMatchObject({ decision: "withdrawn", method: "WITHDRAWAL", purpose: { key: "marketing" } });
    expect(currentConsents(profile.consentHistory).find((r) => r.purpose.key === "marketing")!.decision).toBe("withdrawn");
  });

  it("assembles identity, visitor data and devices", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    await connectGuest(testDb.prisma, venue.slug, "  Devices@Profile.TEST", { at: new Date("2026-04-01T08:00:00Z") });
    await connectGuest(testDb.prisma, venue.slug, "devices@profile.test", { at: new Date("2026-04-02T08:00:00Z"), clientMac: "00-1B-63-84-45-E6" });

    const profile = (await getGuestProfile(testDb.prisma, legal, await guestId("devices@profile.test")))!;
    expect(profile).toMatchObject({
      email: "devices@profile.test",
      emailNormalized: "devices@profile.test",
      locale: "en",
      visitCount: 2,
      firstSeenAt: new Date("2026-04-01T08:00:00Z"),
      lastSeenAt: new Date("2026-04-02T08:00:00Z"),
      visitorData: { portal: { lastVenue: venue.slug, lastLoginMethod: "EMAIL" } },
    });
    expect(profile.devices.map((d) => [d.macAddress, d.macRandomized])).toEqual([
      ["00:1b:63:84:45:e6", false],
      ["da:a1:19:00:00:01", true],
    ]);
    expect(profile.devices[0]).toMatchObject({ deviceType: "MOBILE", osFamily: "iOS", browser: "Safari", language: "en-GB" });
  });

  it("is null for an unknown or malformed id", async () => {
    expect(await getGuestProfile(testDb.prisma, legal, "0190f3c4-0000-7000-8000-000000000000")).toBeNull();
    expect(await getGuestProfile(testDb.prisma, legal, "not-a-uuid")).toBeNull();
    expect(await getGuestProfile(testDb.prisma, legal, "'; DROP TABLE guest; --")).toBeNull();
  });
});

describe("a guest's visits and events", () => {
  it("pages through visits newest first with venue, zone and device", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    const days = [1, 2, 3, 4, 5];
    for (const day of days) await connectGuest(testDb.prisma, venue.slug, "visits@activity.test", { at: new Date(`2026-02-0${day}T09:00:00Z`) });
    const id = await guestId("visits@activity.test");

    const page1 = await listGuestVisits(testDb.prisma, legal, id, readPageRequest({}, { size: 2, idKind: "uuid" }));
    const page2 = await listGuestVisits(testDb.prisma, legal, id, readPageRequest({ older: page1.older! }, { size: 2, idKind: "uuid" }));
    const page3 = await listGuestVisits(testDb.prisma, legal, id, readPageRequest({ older: page2.older! }, { size: 2, idKind: "uuid" }));
    const seen = [page1, page2, page3].flatMap((p) => p.items.map((v) => v.connectedAt.toISOString().slice(0, 10)));
    expect(seen).toEqual(["2026-02-05", "2026-02-04", "2026-02-03", "2026-02-02", "2026-02-01"]);
    expect(page3.older).toBeUndefined();
    expect(page1.items[0]).toMatchObject({
      venue: { name: venue.name, timezone: "UTC" },
      zoneName: "Lobby",
      accessPointMac: "00:11:22:33:44:55",
      loginMethod: "EMAIL",
      device: { deviceType: "MOBILE", osFamily: "iOS" },
      dwellSeconds: null,
    });
  });

  it("includes the events of the guest's journeys from before they were identified, paged without gaps", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    await connectGuest(testDb.prisma, venue.slug, "events@activity.test", { at: new Date("2026-02-10T09:00:00Z") });
    await connectGuest(testDb.prisma, venue.slug, "events@activity.test", { at: new Date("2026-02-11T09:00:00Z") });
    const id = await guestId("events@activity.test");

    const types: string[] = [];
    let request = readPageRequest({}, { size: 3, idKind: "serial" });
    for (let pages = 0; pages < 10; pages++) {
      const page = await listGuestEvents(testDb.prisma, legal, id, request);
      types.push(...page.items.map((e) => e.type));
      if (!page.older) break;
      request = readPageRequest({ older: page.older }, { size: 3, idKind: "serial" });
    }
    // Each journey: identified at login, then guest.created|returned, visit.started, consent.recorded
    // (written in that order at the same instant, so the id orders them), newest first.
    const journey = (guestEvent: string) => ["consent.recorded", "visit.started", guestEvent, "journey.identified"];
    expect(types).toEqual([...journey("guest.returned"), ...journey("guest.created")]);

    const first = await listGuestEvents(testDb.prisma, legal, id, readPageRequest({}, { size: 1, idKind: "serial" }));
    expect(first.items[0]).toMatchObject({ venue: { name: venue.name }, zoneName: "Lobby", payload: { decisions: expect.any(Array) } });
  });
});
