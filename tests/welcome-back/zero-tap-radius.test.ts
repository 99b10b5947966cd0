// Welcome back with zero taps through the real FreeRADIUS (tests/support/freeradius.ts, driven
// by radclient as a NAS doing MAC authorisation would): a device whose guest visited within
// the venue's zero-tap days is let on with no page at all, its visit recorded as a journey's
// and its consent left as it was; not when the venue has one tap only, the wording changed,
// the guest was erased, or the last visit is older than the days allow; and a device asking
// twice at once is let on once.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { secretKey } from "@/lib/crypto";
import { grantAccess, type AccessOptions } from "@/lib/network/access";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { radiusEndpoints } from "@/lib/network/radius/endpoint";
import { zeroTapGrant } from "@/lib/welcome-back/zero-tap";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { radclient, startRadiusForPortico, type RadiusForPortico } from "../support/freeradius";
import { consentThroughGateway } from "../support/journey-fixture";
import { createVenueFixture, publishWording } from "../support/venue-fixture";

const token = randomBytes(33).toString("base64url");
const store = gatewaySecretStore({ current: secretKey(randomBytes(32)) });
const options: AccessOptions = { secrets: store };

let database: TestDatabase;
let bridge: RadiusForPortico;
let auth: { port: number; secret: string };

beforeAll(async () => {
  database = await createTestDatabase();
  bridge = await startRadiusForPortico(radiusEndpoints({ db: database.prisma, token, options, zeroTap: zeroTapGrant }), token);
  auth = bridge.auth;
}, 30_000);
afterAll(async () => {
  await bridge?.stop();
  await database?.drop();
});

let macCounter = 0x10;
/** A MikroTik hotspot at a fresh venue with the given welcome back, and a guest's first visit through it, since ended. */
async function returningDevice(mode: "ONE_TAP" | "ZERO_TAP") {
  const db = database.prisma;
  const { venue, purposes } = await createVenueFixture(db, { locales: ["en"] });
  await db.venueWelcomeBack.create({ data: { venueId: venue.id, mode, zeroTapDays: 7 } });
  const gateway = await db.gateway.create({
    data: { venueId: venue.id, slug: "hotspot", kind: "mikrotik", name: "Lobby hotspot", settings: { routerAddresses: ["10.5.50.1"], authentication: "pap" } },
  });
  await db.gateway.update({ where: { id: gateway.id }, data: { secrets: store.seal({ credentialKey: "zero-tap-test-credential-key-0123456789" }, gateway.id) } });
  const mac = `a2:bb:cc:00:00:${(macCounter++).toString(16).padStart(2, "0")}`;
  const query = new URLSearchParams({ mac, ip: "10.5.50.23", "link-login-only": "http://10.5.50.1/login" });
  const journey = await consentThroughGateway(db, venue, { query: query.toString(), email: `zero-${mac.replaceAll(":", "")}@example.com`, ip: "10.5.50.23" }, options);
  if (!("token" in journey)) throw new Error(journey.refused);
  await grantAccess(db, { venueSlug: venue.slug, token: journey.token, continueUrl: "https://portico.test/" }, options);
  // The guest left: the first session is over, so only welcome back can let the device on again.
  await db.accessSession.updateMany({ where: { venueId: venue.id }, data: { status: "ENDED", endedAt: new Date() } });
  const guestId = (await db.journey.findUniqueOrThrow({ where: { token: journey.token } })).guestId!;
  return { venue, gateway, mac, guestId, purposes };
}

/** MAC authorisation as Cisco, Aruba and Meraki send it: the MAC as User-Name and password. */
const macAuth = (mac: string) => {
  const name = mac.replaceAll(":", "");
  return radclient(auth, "auth", { "User-Name": name, "User-Password": name, "Calling-Station-Id": mac.toUpperCase(), "NAS-Identifier": "hotspot" });
};

describe("zero taps over RADIUS MAC authorisation", () => {
  it("lets a device seen within the days on with no page: a visit like a journey's, consent untouched", async () => {
    const db = database.prisma;
    const { venue, mac, guestId } = await returningDevice("ZERO_TAP");
    const recordsBefore = await db.consentRecord.findMany({ where: { guestId } });

    const answer = await macAuth(mac);
    expect(answer.code, bridge.radius.output()).toBe("Access-Accept");
    expect(Number(answer.attributes["Session-Timeout"])).toBeGreaterThan(59 * 60);
    expect((await db.guest.findUniqueOrThrow({ where: { id: guestId } })).visitCount).toBe(2);
    expect(await db.consentRecord.findMany({ where: { guestId } })).toEqual(recordsBefore);
    const session = await db.accessSession.findFirstOrThrow({ where: { venueId: venue.id, status: "GRANTED" } });
    expect(session).toMatchObject({ grantKind: "radius-mac", clientMac: mac });
    const started = await db.event.findFirstOrThrow({ where: { guestId, type: "visit.started" }, orderBy: { id: "desc" } });
    expect(started.payload).toMatchObject({ loginMethod: "EMAIL", welcomeBack: "zero-tap", recognisedBy: "gateway-mac", askedAgain: 0 });

    // Asked again while that session holds: the same session answers, no second visit.
    expect((await macAuth(mac)).code).toBe("Access-Accept");
    expect((await db.guest.findUniqueOrThrow({ where: { id: guestId } })).visitCount).toBe(2);
  });

  it("lets a device asking twice at once (two access points) on once: one visit, one session, both answered", async () => {
    const db = database.prisma;
    const { venue, mac, guestId } = await returningDevice("ZERO_TAP");
    const answers = await Promise.all([macAuth(mac), macAuth(mac)]);
    expect(answers.map((a) => a.code), bridge.radius.output()).toEqual(["Access-Accept", "Access-Accept"]);
    expect((await db.guest.findUniqueOrThrow({ where: { id: guestId } })).visitCount).toBe(2);
    expect(await db.visit.count({ where: { venueId: venue.id } })).toBe(2);
    expect(await db.accessSession.count({ where: { venueId: venue.id, status: "GRANTED" } })).toBe(1);
  });

  it("does not when the venue has one tap only, the wording changed, the guest was erased, or the visit is too old", async () => {
    const db = database.prisma;
    const oneTap = await returningDevice("ONE_TAP");
    expect((await macAuth(oneTap.mac)).code).toBe("Access-Reject");

    const changed = await returningDevice("ZERO_TAP");
    await publishWording(db, changed.purposes.find((p) => p.key === "marketing")!.id, "en", "marketing wording (en) v2");
    expect((await macAuth(changed.mac)).code).toBe("Access-Reject");

    const erased = await returningDevice("ZERO_TAP");
    await db.guest.update({ where: { id: erased.guestId }, data: { erasedAt: new Date(), emailNormalized: null, email: null } });
    expect((await macAuth(erased.mac)).code).toBe("Access-Reject");

    const old = await returningDevice("ZERO_TAP");
    await db.visit.updateMany({ where: { guestId: old.guestId }, data: { connectedAt: new Date(Date.now() - 8 * 86_400_000) } });
    expect((await macAuth(old.mac)).code).toBe("Access-Reject");

    for (const device of [oneTap, changed, erased, old]) expect(await db.visit.count({ where: { venueId: device.venue.id } })).toBe(1);
  });
});
