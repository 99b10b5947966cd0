// Welcome back on PostgreSQL: who is recognised (a gateway-verified MAC, or a claimed MAC with
// its device cookie; never a claimed MAC alone, an erased guest, or a visit outside the window),
// and the one tap: a visit recorded as a completed journey records it, earlier consent kept
// while its wording is unchanged, only purposes with new wording asked again.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { secretKey } from "@/lib/crypto";
import { readGatewayParams } from "@/lib/journeys/gateway-params";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { connectReturningGuest, consentToAskAgain, type ConnectInput } from "@/lib/welcome-back/connect";
import { signDeviceBinding } from "@/lib/welcome-back/device-binding";
import { recogniseDevice, type Recognition } from "@/lib/welcome-back/recognise";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { consentThroughGateway } from "../support/journey-fixture";
import { createVenueFixture, publishWording } from "../support/venue-fixture";

let testDb: TestDatabase;
const options = { secrets: gatewaySecretStore({ current: secretKey(randomBytes(32)) }) };
const keys = { current: Buffer.alloc(32, 7) };
const oneTap = { mode: "ONE_TAP" as const, zeroTapDays: 7 };

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

async function firstVisit(mac: string, email = `wb-${randomBytes(4).toString("hex")}@example.com`) {
  const fixture = await createVenueFixture(testDb.prisma, { locales: ["en"] });
  const done = await consentThroughGateway(testDb.prisma, fixture.venue, { query: `client_mac=${mac}&client_ip=10.0.0.5`, email }, options);
  if (!("token" in done)) throw new Error(done.refused);
  const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token: done.token } });
  return { ...fixture, guestId: journey.guestId!, email };
}

function connectInput(venue: ConnectInput["venue"], recognition: Recognition, submission: ConnectInput["submission"]): ConnectInput {
  const gateway = readGatewayParams(new URLSearchParams(`client_mac=${recognition.mac}&client_ip=10.0.0.5`));
  return {
    venue,
    recognition,
    gateway,
    network: { gatewayId: null, clientMac: recognition.mac, clientIp: "10.0.0.5", apMac: null, originalUrl: null },
    submission,
    locale: "en",
    ip: "10.0.0.5",
    userAgent: "test",
    acceptLanguage: "en",
    ttlMinutes: 30,
    via: "one-tap",
  };
}

describe("who gets one tap", () => {
  it("a claimed MAC alone: no; with the device cookie for that guest, venue and MAC: yes", async () => {
    const mac = "a2:00:00:00:00:01";
    const { venue, guestId, email } = await firstVisit(mac);
    const device = { venueId: venue.id, mac, macVerified: false, cookie: null };
    expect(await recogniseDevice(testDb.prisma, oneTap, device, keys)).toBeNull();

    const cookie = signDeviceBinding(keys, { venueId: venue.id, guestId, mac }, 30);
    expect(await recogniseDevice(testDb.prisma, oneTap, { ...device, cookie }, keys)).toMatchObject({ guestId, email, loginMethod: "EMAIL", recognisedBy: "device-cookie" });
    // The same cookie with another MAC typed in, at another venue, or with the venue's setting off.
    expect(await recogniseDevice(testDb.prisma, oneTap, { ...device, mac: "a2:00:00:00:00:02", cookie }, keys)).toBeNull();
    const other = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    expect(await recogniseDevice(testDb.prisma, oneTap, { ...device, venueId: other.venue.id, cookie }, keys)).toBeNull();
    expect(await recogniseDevice(testDb.prisma, { mode: "OFF", zeroTapDays: 7 }, { ...device, cookie }, keys)).toBeNull();
    // A cookie signed with another key is nobody's.
    expect(await recogniseDevice(testDb.prisma, oneTap, { ...device, cookie: signDeviceBinding({ current: Buffer.alloc(32, 8) }, { venueId: venue.id, guestId, mac }, 30) }, keys)).toBeNull();
  });

  it("a MAC the gateway verified is enough; outside the recognition window it is not", async () => {
    const mac = "a2:00:00:00:00:03";
    const { venue, guestId } = await firstVisit(mac);
    const device = { venueId: venue.id, mac, macVerified: true, cookie: null };
    expect(await recogniseDevice(testDb.prisma, oneTap, device, keys)).toMatchObject({ guestId, recognisedBy: "gateway-mac" });
    expect(await recogniseDevice(testDb.prisma, oneTap, device, keys, new Date(Date.now() + 200 * 86_400_000))).toBeNull();
  });

  it("an erased guest is never recognised, cookie or not", async () => {
    const mac = "a2:00:00:00:00:04";
    const { venue, guestId } = await firstVisit(mac);
    const cookie = signDeviceBinding(keys, { venueId: venue.id, guestId, mac }, 30);
    await testDb.prisma.guest.update({ where: { id: guestId }, data: { erasedAt: new Date(), emailNormalized: null, email: null } });
    expect(await recogniseDevice(testDb.prisma, oneTap, { venueId: venue.id, mac, macVerified: true, cookie }, keys)).toBeNull();
  });
});

describe("the tap", () => {
  it("records a visit as a journey does, keeps consent while its wording stands, and asks only for new wording", async () => {
    const mac = "a2:00:00:00:00:05";
    const { venue, guestId, purposes } = await firstVisit(mac);
    const marketing = purposes.find((p) => p.key === "marketing")!;
    const terms = purposes.find((p) => p.key === "terms")!;
    const recognition = (await recogniseDevice(testDb.prisma, oneTap, { venueId: venue.id, mac, macVerified: true, cookie: null }, keys))!;
    const freshVenue = () => testDb.prisma.venue.findUniqueOrThrow({ where: { id: venue.id } });
    const records = () => testDb.prisma.consentRecord.findMany({ where: { guestId }, orderBy: { id: "asc" } });
    expect(await records()).toHaveLength(2);

    const first = await connectReturningGuest(testDb.prisma, connectInput(await freshVenue(), recognition, { termsAccepted: false, granted: [], shown: [] }));
    expect(first).toMatchObject({ status: "connected", visitCount: 2 });
    expect(await records()).toHaveLength(2);
    const guest = await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guestId } });
    expect(guest.visitCount).toBe(2);
    expect(await testDb.prisma.visit.count({ where: { guestId } })).toBe(2);
    expect(await testDb.prisma.device.count({ where: { guestId } })).toBe(1);
    const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token: first.status === "connected" ? first.token : "" } });
    const events = await testDb.prisma.event.findMany({ where: { journeyId: journey.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["journey.identified", "guest.returned", "visit.started"]);
    expect(events[2]!.payload).toMatchObject({ loginMethod: "EMAIL", welcomeBack: "one-tap", recognisedBy: "gateway-mac", askedAgain: 0 });

    // Legal publishes new marketing wording: only that purpose is asked again, from an unticked box.
    const v2 = await publishWording(testDb.prisma, marketing.id, "en", "marketing wording (en) v2");
    const { toAsk } = await consentToAskAgain(testDb.prisma, await freshVenue(), guestId, "en");
    expect(toAsk.map((s) => s.key)).toEqual(["marketing"]);
    // A page from before the change (no boxes) is refused, and writes nothing.
    await expect(connectReturningGuest(testDb.prisma, connectInput(await freshVenue(), recognition, { termsAccepted: false, granted: [], shown: [] }))).rejects.toMatchObject({ code: "consentWordingChanged" });
    expect(await testDb.prisma.visit.count({ where: { guestId } })).toBe(2);

    const second = await connectReturningGuest(testDb.prisma, connectInput(await freshVenue(), recognition, { termsAccepted: false, granted: [marketing.id], shown: [v2.id] }));
    expect(second).toMatchObject({ status: "connected", visitCount: 3 });
    const after = await records();
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({ purposeId: marketing.id, consentTextId: v2.id, granted: true, method: "PORTAL" });
    expect((await consentToAskAgain(testDb.prisma, await freshVenue(), guestId, "en")).toAsk).toEqual([]);

    // New terms: the tap needs them accepted; without, nothing is written.
    const terms2 = await publishWording(testDb.prisma, terms.id, "en", "terms wording (en) v2");
    const refused = await connectReturningGuest(testDb.prisma, connectInput(await freshVenue(), recognition, { termsAccepted: false, granted: [], shown: [terms2.id] }));
    expect(refused).toEqual({ status: "termsRequired" });
    expect(await testDb.prisma.visit.count({ where: { guestId } })).toBe(3);
    expect(await records()).toHaveLength(3);
  });
});
