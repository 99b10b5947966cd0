import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getPublishedConsentWording } from "@/lib/consent";
import { deviceSighting } from "@/lib/devices/upsert-device";
import { completeJourney, openJourney, purgeExpiredJourneys, readGatewayParams } from "@/lib/journeys";
import { recordCompletion } from "@/lib/journeys/record-completion";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture, publishWording } from "../support/venue-fixture";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const request = { ip: "10.0.0.5", userAgent: iphone, acceptLanguage: "en-GB,en;q=0.9" };

async function venueWithSponsors() {
  return createVenueFixture(testDb.prisma, {
    sponsors: [
      { slug: "acme", name: "Acme Coffee" },
      { slug: "northwind", name: "Northwind Air" },
    ],
  });
}

const gatewayQuery = "client_mac=DA-A1-19-00-00-01&client_ip=10.0.0.5&ap_mac=00:11:22:33:44:55&url=https://example.com/";

async function login(
  venueSlug: string,
  method: "EMAIL" | "LOYALTY",
  form: Record<string, string>,
  options: { query?: string; locale?: string; ttlMinutes?: number; now?: Date } = {},
) {
  const venue = await testDb.prisma.venue.findUniqueOrThrow({ where: { slug: venueSlug } });
  return openJourney(testDb.prisma, {
    venue,
    method,
    form,
    gateway: readGatewayParams(new URLSearchParams(options.query ?? gatewayQuery)),
    locale: options.locale ?? "en",
    ip: request.ip,
    userAgent: request.userAgent,
    ttlMinutes: options.ttlMinutes ?? 30,
    now: options.now,
  });
}

async function identified(venueSlug: string, email: string, query?: string) {
  const result = await login(venueSlug, "EMAIL", { email }, { query });
  if (result.status !== "identified") throw new Error(`login refused: ${JSON.stringify(result)}`);
  return result.token;
}

async function shownIds(venueId: string, locale = "en") {
  const venue = await testDb.prisma.venue.findUniqueOrThrow({ where: { id: venueId } });
  return getPublishedConsentWording(testDb.prisma, venue, locale);
}

async function countsFor(venueId: string) {
  const [guests, visits, records, devices] = await Promise.all([
    testDb.prisma.guest.count({ where: { visits: { some: { venueId } } } }),
    testDb.prisma.visit.count({ where: { venueId } }),
    testDb.prisma.consentRecord.count({ where: { purpose: { venueId } } }),
    testDb.prisma.device.count({ where: { visits: { some: { venueId } } } }),
  ]);
  return { guests, visits, records, devices };
}

describe("a guest's journey", () => {
  it("opens the journey at login, keeping the gateway's validated parameters and the answers until consent", async () => {
    const { venue } = await venueWithSponsors();
    const before = await testDb.prisma.journey.count({ where: { venueId: venue.id } });
    const token = await identified(venue.slug, "  Ana@Example.com ", `${gatewayQuery}&client_ip=<script>&ssid=Harbour Guest`);
    const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token } });
    expect(await testDb.prisma.journey.count({ where: { venueId: venue.id } })).toBe(before + 1);
    expect(journey).toMatchObject({
      status: "IDENTIFIED",
      loginMethod: "EMAIL",
      locale: "en",
      identity: { email: "Ana@Example.com" },
      clientMac: "da:a1:19:00:00:01",
      clientIp: "10.0.0.5",
      apMac: "00:11:22:33:44:55",
      originalUrl: "https://example.com/",
      ip: "10.0.0.5",
    });
    // Only values that passed validation are kept; a refused one is named in the event, never stored.
    expect(journey.gatewayParams).toEqual({
      client_mac: "da:a1:19:00:00:01",
      client_ip: "10.0.0.5",
      ap_mac: "00:11:22:33:44:55",
      url: "https://example.com/",
      ssid: "Harbour Guest",
    });
    expect(JSON.stringify(journey.gatewayParams)).not.toContain("script");
    expect(journey.expiresAt.getTime() - journey.createdAt.getTime()).toBe(30 * 60_000);
    const events = await testDb.prisma.event.findMany({ where: { journeyId: journey.id } });
    expect(events.map((e) => [e.type, e.payload])).toEqual([["journey.identified", { method: "EMAIL" }]]);
  });

  it("names rejected gateway parameters in the journey event, values never", async () => {
    const { venue } = await venueWithSponsors();
    const token = await identified(venue.slug, "rejected@example.com", "client_mac=<b>nope</b>&url=javascript:alert(1)&ap_mac=00:11:22:33:44:55");
    const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token } });
    expect(journey.clientMac).toBeNull();
    expect(journey.gatewayParams).toEqual({ ap_mac: "00:11:22:33:44:55" });
    const event = await testDb.prisma.event.findFirstOrThrow({ where: { journeyId: journey.id } });
    expect(event.payload).toEqual({ method: "EMAIL", rejectedGatewayParams: ["client_mac", "url"] });
  });

  it("writes guest, device, visit, a record per box shown and events in one go", async () => {
    const { venue, lobby } = await venueWithSponsors();
    const token = await identified(venue.slug, "  Ana.Silva@Example.COM ");
    const wording = await shownIds(venue.id);
    const acme = wording.find((w) => w.key === "sponsor:acme")!;

    const result = await completeJourney(testDb.prisma, {
      venueSlug: venue.slug,
      token,
      submission: { termsAccepted: true, granted: [acme.purposeId], shown: wording.map((w) => w.consentTextId) },
      ...request,
    });
    expect(result).toMatchObject({ status: "completed", replayed: false, journey: { token, locale: "en", loginMethod: "EMAIL", originalUrl: "https://example.com/" } });

    const guest = await testDb.prisma.guest.findUniqueOrThrow({
      where: { emailNormalized: "ana.silva@example.com" },
      include: { devices: true, visits: true, consentRecords: { include: { consentText: true, purpose: true } } },
    });
    expect(guest).toMatchObject({ email: "Ana.Silva@Example.COM", visitCount: 1, locale: "en" });
    expect(guest.devices).toHaveLength(1);
    expect(guest.devices[0]).toMatchObject({ macAddress: "da:a1:19:00:00:01", macRandomized: true, deviceType: "MOBILE", osFamily: "iOS", language: "en-GB" });
    expect(guest.visits).toHaveLength(1);
    expect(guest.visits[0]).toMatchObject({ zoneId: lobby.id, accessPointMac: "00:11:22:33:44:55", loginMethod: "EMAIL" });

    const decisions = Object.fromEntries(guest.consentRecords.map((r) => [r.purpose.key, r.granted]));
    expect(decisions).toEqual({ terms: true, marketing: false, "sponsor:acme": true, "sponsor:northwind": false });
    for (const record of guest.consentRecords) {
      expect(record).toMatchObject({ method: "PORTAL", ip: "10.0.0.5", userAgent: iphone });
      expect(wording.map((w) => w.consentTextId)).toContain(record.consentTextId);
    }
    expect(guest.visitorData).toEqual({ portal: { lastVenue: venue.slug, lastLoginMethod: "EMAIL" } });

    const events = await testDb.prisma.event.findMany({ where: { guestId: guest.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["guest.created", "visit.started", "consent.recorded"]);
    const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token } });
    expect(journey).toMatchObject({ status: "COMPLETED", guestId: guest.id });
    // The answers moved to the identity store; no second copy stays on the journey.
    expect(journey.identity).toBeNull();
  });

  it("counts a replayed submit once", async () => {
    const { venue } = await venueWithSponsors();
    const token = await identified(venue.slug, "replay@example.com");
    const wording = await shownIds(venue.id);
    const submit = () =>
      completeJourney(testDb.prisma, {
        venueSlug: venue.slug,
        token,
        submission: { termsAccepted: true, granted: [], shown: wording.map((w) => w.consentTextId) },
        ...request,
      });
    const [first, second] = await Promise.all([submit(), submit()]);
    expect([first, second].map((r) => r.status === "completed" && r.replayed).sort()).toEqual([false, true]);
    expect(await submit()).toMatchObject({ status: "completed", replayed: true, journey: { token, loginMethod: "EMAIL" } });

    expect(await countsFor(venue.id)).toEqual({ guests: 1, visits: 1, records: 4, devices: 1 });
    expect((await testDb.prisma.guest.findUniqueOrThrow({ where: { emailNormalized: "replay@example.com" } })).visitCount).toBe(1);
  });

  it("recognises a returning guest however they type their email", async () => {
    const { venue } = await venueWithSponsors();
    for (const email of ["return@example.com", "  RETURN@Example.com"]) {
      const token = await identified(venue.slug, email);
      const wording = await shownIds(venue.id);
      await completeJourney(testDb.prisma, {
        venueSlug: venue.slug,
        token,
        submission: { termsAccepted: true, granted: [], shown: wording.map((w) => w.consentTextId) },
        ...request,
      });
    }
    const guests = await testDb.prisma.guest.findMany({ where: { emailNormalized: "return@example.com" }, include: { devices: true } });
    expect(guests).toHaveLength(1);
    expect(guests[0]).toMatchObject({ visitCount: 2 });
    expect(guests[0]!.devices).toHaveLength(1);
    expect(await testDb.prisma.visit.count({ where: { guestId: guests[0]!.id } })).toBe(2);
    expect(await testDb.prisma.event.count({ where: { guestId: guests[0]!.id, type: "guest.returned" } })).toBe(1);
  });

  it("keeps a loyalty member's profile when they later use quick access", async () => {
    const { venue } = await venueWithSponsors();
    const wording = await shownIds(venue.id);
    const submission = { termsAccepted: true, granted: [], shown: wording.map((w) => w.consentTextId) };

    const loyal = await login(venue.slug, "LOYALTY", { email: "member@example.com", name: "Ana Silva", phone: "07911 123456", birthday: "1990-04-01" });
    if (loyal.status !== "identified") throw new Error("loyalty login refused");
    await completeJourney(testDb.prisma, { venueSlug: venue.slug, token: loyal.token, submission, ...request });

    const quick = await identified(venue.slug, "member@example.com");
    await completeJourney(testDb.prisma, { venueSlug: venue.slug, token: quick, submission, ...request });

    const guest = await testDb.prisma.guest.findUniqueOrThrow({ where: { emailNormalized: "member@example.com" } });
    expect(guest).toMatchObject({ name: "Ana Silva", phone: "+447911123456", visitCount: 2 });
    expect(guest.birthday?.toISOString().slice(0, 10)).toBe("1990-04-01");
    expect(guest.visitorData).toMatchObject({ portal: { loyaltyMember: true, lastLoginMethod: "EMAIL" } });
  });
});

describe("bad input changes nothing", () => {
  it("a bad email is reported per field and nothing is stored at all", async () => {
    const { venue } = await venueWithSponsors();
    const result = await login(venue.slug, "EMAIL", { email: "not-an-email" });
    expect(result).toEqual({ status: "invalid", fieldErrors: { email: ["emailInvalid"] } });
    expect(await testDb.prisma.journey.count({ where: { venueId: venue.id } })).toBe(0);
    expect(await testDb.prisma.event.count({ where: { venueId: venue.id } })).toBe(0);
  });

  it("missing terms acknowledgement writes nothing", async () => {
    const { venue } = await venueWithSponsors();
    const token = await identified(venue.slug, "noterms@example.com");
    const wording = await shownIds(venue.id);
    const result = await completeJourney(testDb.prisma, {
      venueSlug: venue.slug,
      token,
      submission: { termsAccepted: false, granted: [], shown: wording.map((w) => w.consentTextId) },
      ...request,
    });
    expect(result).toEqual({ status: "invalid", fieldErrors: { termsAccepted: ["termsRequired"] } });
    expect(await countsFor(venue.id)).toEqual({ guests: 0, visits: 0, records: 0, devices: 0 });
  });

  it("a forged sponsor id is refused and nothing is written", async () => {
    const { venue } = await venueWithSponsors();
    const other = await venueWithSponsors();
    const token = await identified(venue.slug, "forger@example.com");
    const wording = await shownIds(venue.id);
    const foreignSponsor = (await shownIds(other.venue.id)).find((w) => w.kind === "SPONSOR")!;
    await expect(
      completeJourney(testDb.prisma, {
        venueSlug: venue.slug,
        token,
        submission: { termsAccepted: true, granted: [foreignSponsor.purposeId], shown: wording.map((w) => w.consentTextId) },
        ...request,
      }),
    ).rejects.toMatchObject({ code: "consentSubmissionInvalid" });
    expect(await countsFor(venue.id)).toEqual({ guests: 0, visits: 0, records: 0, devices: 0 });
    expect((await testDb.prisma.journey.findUniqueOrThrow({ where: { token } })).status).toBe("IDENTIFIED");
  });

  it("wording published while the guest was reading is caught, not silently recorded", async () => {
    const { venue, purposes } = await venueWithSponsors();
    const token = await identified(venue.slug, "slow-reader@example.com");
    const seen = await shownIds(venue.id);
    await publishWording(testDb.prisma, purposes.find((p) => p.key === "marketing")!.id, "en", "marketing wording (en) v2");
    await expect(
      completeJourney(testDb.prisma, {
        venueSlug: venue.slug,
        token,
        submission: { termsAccepted: true, granted: [], shown: seen.map((w) => w.consentTextId) },
        ...request,
      }),
    ).rejects.toMatchObject({ code: "consentWordingChanged" });
    expect(await countsFor(venue.id)).toEqual({ guests: 0, visits: 0, records: 0, devices: 0 });
  });

  it("an unrelated change published while the guest reads (new copy) does not get in the way", async () => {
    const { venue } = await venueWithSponsors();
    const token = await identified(venue.slug, "copy-changed@example.com");
    const seen = await shownIds(venue.id);
    await testDb.prisma.portalCopy.create({ data: { venueId: venue.id, locale: "en", version: 1, status: "PUBLISHED", fields: { headline: "New look" } } });
    const result = await completeJourney(testDb.prisma, {
      venueSlug: venue.slug,
      token,
      submission: { termsAccepted: true, granted: [], shown: seen.map((w) => w.consentTextId) },
      ...request,
    });
    expect(result).toMatchObject({ status: "completed", replayed: false });
    expect(await countsFor(venue.id)).toEqual({ guests: 1, visits: 1, records: 4, devices: 1 });
  });

  it("the completion statement claims nothing once the venue's content version has moved on, and writes nothing", async () => {
    const { venue } = await venueWithSponsors();
    const token = await identified(venue.slug, "version-moved@example.com");
    const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token }, include: { venue: true } });
    const wording = await shownIds(venue.id);
    const completion = {
      journeyId: journey.id,
      contentVersion: journey.venue.contentVersion,
      locale: "en",
      fallbackEmailNormalized: "version-moved@example.com",
      device: deviceSighting({ mac: null, userAgent: iphone, acceptLanguage: null, seenAt: new Date() }),
      decisions: wording.map((w) => ({ purposeId: w.purposeId, consentTextId: w.consentTextId, granted: w.kind === "TERMS" })),
      decisionEvidence: [],
      portalData: {},
      recipients: [],
      ip: null,
      userAgent: iphone,
      at: new Date(),
    };
    await testDb.prisma.venue.update({ where: { id: venue.id }, data: { name: "Renamed while reading" } });
    expect(await recordCompletion(testDb.prisma, completion)).toBeNull();
    expect(await countsFor(venue.id)).toEqual({ guests: 0, visits: 0, records: 0, devices: 0 });
    expect(await testDb.prisma.journey.findUniqueOrThrow({ where: { token } })).toMatchObject({ status: "IDENTIFIED", identity: { email: "version-moved@example.com" } });
    // At the version now live, the same completion goes through.
    expect(await recordCompletion(testDb.prisma, { ...completion, contentVersion: journey.venue.contentVersion + 1 })).toMatchObject({ created: true, visitCount: 1 });
  });

  it("an expired journey is refused and records nothing", async () => {
    const { venue } = await venueWithSponsors();
    const token = await identified(venue.slug, "late@example.com");
    await testDb.prisma.journey.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const wording = await shownIds(venue.id);
    await expect(
      completeJourney(testDb.prisma, {
        venueSlug: venue.slug,
        token,
        submission: { termsAccepted: true, granted: [], shown: wording.map((w) => w.consentTextId) },
        ...request,
      }),
    ).rejects.toMatchObject({ code: "journeyExpired" });
    expect(await countsFor(venue.id)).toEqual({ guests: 0, visits: 0, records: 0, devices: 0 });
  });

  it("a token from another venue, or a made-up one, is refused", async () => {
    const { venue } = await venueWithSponsors();
    const other = await venueWithSponsors();
    const token = await identified(venue.slug, "a@example.com");
    const wording = await shownIds(venue.id);
    for (const [slug, t] of [
      [other.venue.slug, token],
      [venue.slug, "x".repeat(32)],
      [venue.slug, "' OR 1=1 --"],
    ] as const) {
      await expect(
        completeJourney(testDb.prisma, {
          venueSlug: slug,
          token: t,
          submission: { termsAccepted: true, granted: [], shown: wording.map((w) => w.consentTextId) },
          ...request,
        }),
      ).rejects.toMatchObject({ code: "journeyNotFound" });
    }
    expect(await countsFor(venue.id)).toEqual({ guests: 0, visits: 0, records: 0, devices: 0 });
  });
});

describe("the consent page's language", () => {
  it("records the locale the guest switched to on the consent page, when the venue offers it", async () => {
    const { venue } = await venueWithSponsors();
    const token = await identified(venue.slug, "bilingual@example.com");
    const french = await shownIds(venue.id, "fr");
    await completeJourney(testDb.prisma, {
      venueSlug: venue.slug,
      token,
      locale: "fr",
      submission: { termsAccepted: true, granted: [], shown: french.map((w) => w.consentTextId) },
      ...request,
    });
    const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token }, include: { guest: true, consentRecords: { include: { consentText: true } } } });
    expect(journey.locale).toBe("fr");
    expect(journey.guest?.locale).toBe("fr");
    expect(journey.consentRecords.map((r) => r.consentText.locale)).toEqual(["fr", "fr", "fr", "fr"]);
  });

  it("ignores a locale the venue does not offer", async () => {
    const { venue } = await venueWithSponsors();
    const token = await identified(venue.slug, "klingon@example.com");
    const wording = await shownIds(venue.id);
    await completeJourney(testDb.prisma, { venueSlug: venue.slug, token, locale: "tlh", submission: { termsAccepted: true, granted: [], shown: wording.map((w) => w.consentTextId) }, ...request });
    expect((await testDb.prisma.journey.findUniqueOrThrow({ where: { token } })).locale).toBe("en");
  });
});

describe("abandoned journeys", () => {
  it("lose their personal data once expired; completed and unexpired journeys keep theirs", async () => {
    const { venue } = await venueWithSponsors();
    const now = new Date();
    const abandoned = await identified(venue.slug, "gone@example.com");
    const waiting = await identified(venue.slug, "still-reading@example.com");
    const done = await identified(venue.slug, "done@example.com");
    const wording = await shownIds(venue.id);
    await completeJourney(testDb.prisma, { venueSlug: venue.slug, token: done, submission: { termsAccepted: true, granted: [], shown: wording.map((w) => w.consentTextId) }, ...request });
    await testDb.prisma.journey.updateMany({ where: { token: { in: [abandoned, done] } }, data: { expiresAt: new Date(now.getTime() - 1000) } });

    expect(await purgeExpiredJourneys(testDb.prisma, now)).toBeGreaterThanOrEqual(1);
    const purged = await testDb.prisma.journey.findUniqueOrThrow({ where: { token: abandoned } });
    expect(purged).toMatchObject({ identity: null, clientMac: null, clientIp: null, originalUrl: null, gatewayParams: {}, ip: null, userAgent: null, purgedAt: now });
    expect(purged).toMatchObject({ status: "IDENTIFIED", venueId: venue.id, loginMethod: "EMAIL", apMac: "00:11:22:33:44:55" });

    const kept = await testDb.prisma.journey.findUniqueOrThrow({ where: { token: waiting } });
    expect(kept).toMatchObject({ identity: { email: "still-reading@example.com" }, clientMac: "da:a1:19:00:00:01", purgedAt: null });
    const completed = await testDb.prisma.journey.findUniqueOrThrow({ where: { token: done } });
    expect(completed).toMatchObject({ status: "COMPLETED", clientMac: "da:a1:19:00:00:01", purgedAt: null });

    // Nothing left to do: a second run purges nothing and changes nothing.
    expect(await purgeExpiredJourneys(testDb.prisma, new Date(now.getTime() + 1000))).toBe(0);
    expect((await testDb.prisma.journey.findUniqueOrThrow({ where: { token: abandoned } })).purgedAt).toEqual(now);
  });

  it("works through a backlog in batches", async () => {
    const { venue } = await venueWithSponsors();
    const past = new Date(Date.now() - 60 * 60_000);
    for (let i = 0; i < 5; i++) await identified(venue.slug, `backlog${i}@example.com`);
    await testDb.prisma.journey.updateMany({ where: { venueId: venue.id }, data: { expiresAt: past } });
    expect(await purgeExpiredJourneys(testDb.prisma, new Date(), 2)).toBe(5);
    expect(await testDb.prisma.journey.count({ where: { venueId: venue.id, purgedAt: null } })).toBe(0);
  });
});

describe("published wording", () => {
  it("never offers a sponsor without a data-processing agreement", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, {
      sponsors: [
        { slug: "signed", name: "Signed Ltd" },
        { slug: "unsigned", name: "Unsigned Ltd", withDpa: false },
      ],
    });
    const keys = (await shownIds(venue.id)).map((w) => w.key);
    expect(keys).toEqual(["terms", "marketing", "sponsor:signed"]);
  });

  it("falls back per purpose to the venue default locale", async () => {
    const { venue, purposes } = await createVenueFixture(testDb.prisma, { locales: ["en", "fr"], wordingLocales: ["en"] });
    await publishWording(testDb.prisma, purposes.find((p) => p.key === "terms")!.id, "fr", "Conditions (fr) v1");
    const shown = await shownIds(venue.id, "fr");
    expect(shown.map((w) => [w.key, w.locale])).toEqual([
      ["terms", "fr"],
      ["marketing", "en"],
    ]);
  });
});
