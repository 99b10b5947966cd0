// RADIUS end to end with the real FreeRADIUS (Debian's radiusd on docs/freeradius/raddb, driven
// by radclient as a NAS would): after consent, the session credentials a MikroTik login carries
// are accepted (PAP and CHAP) with the session's limits, a device's MAC is authorised while its
// session holds, accounting fills in the visit's dwell time and bytes, and a NAS with the wrong
// shared secret gets no answer at all.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { secretKey } from "@/lib/crypto";
import { grantAccess, type AccessOptions } from "@/lib/network/access";
import { sessionPassword } from "@/lib/network/adapters/session-credentials";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { radiusEndpoints } from "@/lib/network/radius/endpoint";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { radclient, startRadiusForPortico, type FreeRadius, type RadiusForPortico } from "../support/freeradius";
import { consentThroughGateway } from "../support/journey-fixture";
import { createVenueFixture } from "../support/venue-fixture";

const token = randomBytes(33).toString("base64url");
const credentialKey = "radius-test-credential-key-0123456789abcdef";
const store = gatewaySecretStore({ current: secretKey(randomBytes(32)) });
const options: AccessOptions = { secrets: store };

let database: TestDatabase;
let bridge: RadiusForPortico;
let radius: FreeRadius;
let auth: { port: number; secret: string };
let acct: { port: number; secret: string };

beforeAll(async () => {
  database = await createTestDatabase();
  bridge = await startRadiusForPortico(radiusEndpoints({ db: database.prisma, token, options }), token);
  ({ radius, auth, acct } = bridge);
}, 30_000);
afterAll(async () => {
  await bridge?.stop();
  await database?.drop();
});

let macCounter = 0x10;
/** A MikroTik hotspot (PAP) at a fresh venue, and a guest who went through login and consent. */
async function grantedGuest(input: { tier?: { downKbps?: number; upKbps?: number; quotaMb?: number } } = {}) {
  const db = database.prisma;
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const gateway = await db.gateway.create({
    data: { venueId: venue.id, slug: "hotspot", kind: "mikrotik", name: "Lobby hotspot", settings: { routerAddresses: ["10.5.50.1"], authentication: "pap" } },
  });
  await db.gateway.update({ where: { id: gateway.id }, data: { secrets: store.seal({ credentialKey }, gateway.id) } });
  const mac = `aa:bb:cc:00:00:${(macCounter++).toString(16).padStart(2, "0")}`;
  const query = new URLSearchParams({ mac, ip: "10.5.50.23", "link-login-only": "http://10.5.50.1/login", "link-orig": "http://example.com/" });
  const journey = await consentThroughGateway(db, venue, { query: query.toString(), email: `radius-${mac.replaceAll(":", "")}@example.com`, ip: "10.5.50.23" }, options);
  if (!("token" in journey)) throw new Error(journey.refused);
  const tierLimits = input.tier ? { EMAIL: input.tier } : undefined;
  const grant = await grantAccess(db, { venueSlug: venue.slug, token: journey.token, continueUrl: "https://portico.test/p/x/success", tierLimits }, options);
  if (grant?.outcome.kind !== "form") throw new Error(`grant: ${JSON.stringify(grant?.outcome)}`);
  return { venue, gateway, mac, sessionId: grant.sessionId, fields: grant.outcome.fields };
}

const mikrotikNas = (sessionId: string, mac: string) => ({
  "User-Name": sessionId,
  "Calling-Station-Id": mac.toUpperCase(),
  "NAS-Identifier": "hotspot",
  "NAS-IP-Address": "10.5.50.1",
  "Service-Type": "Login-User",
});

describe("RADIUS authorize through FreeRADIUS", () => {
  it("accepts the session credentials the login form carried (PAP), with the session's time and limits", async () => {
    const guest = await grantedGuest({ tier: { downKbps: 4000, upKbps: 1000, quotaMb: 5000 } });
    expect(guest.fields.username).toBe(guest.sessionId);
    const answer = await radclient(auth, "auth", { ...mikrotikNas(guest.sessionId, guest.mac), "User-Password": guest.fields.password! });
    expect(answer.code, radius.output()).toBe("Access-Accept");
    expect(Number(answer.attributes["Session-Timeout"])).toBeGreaterThan(59 * 60);
    expect(Number(answer.attributes["Session-Timeout"])).toBeLessThanOrEqual(60 * 60);
    expect(answer.attributes).toMatchObject({
      "Acct-Interim-Interval": "300",
      "WISPr-Bandwidth-Max-Down": "4000000",
      "WISPr-Bandwidth-Max-Up": "1000000",
      "Mikrotik-Rate-Limit": "1000k/4000k",
      "Mikrotik-Total-Limit": String((5000 * 1024 * 1024) % 2 ** 32),
      "Mikrotik-Total-Limit-Gigawords": "1",
    });
    // Portico's answer told FreeRADIUS the password to check; it never goes back to the NAS.
    expect(answer.attributes["Cleartext-Password"]).toBeUndefined();
  });

  it("accepts the same credentials by CHAP (MikroTik http-chap), checked by FreeRADIUS against Portico's answer", async () => {
    const guest = await grantedGuest();
    const password = sessionPassword(credentialKey, guest.sessionId);
    expect((await radclient(auth, "auth", { ...mikrotikNas(guest.sessionId, guest.mac), "CHAP-Password": password })).code).toBe("Access-Accept");
    expect((await radclient(auth, "auth", { ...mikrotikNas(guest.sessionId, guest.mac), "CHAP-Password": `${password.slice(1)}x` })).code).toBe("Access-Reject");
  });

  it("rejects a wrong password, another device, an unknown session and an expired one", async () => {
    const guest = await grantedGuest();
    const wrong = await radclient(auth, "auth", { ...mikrotikNas(guest.sessionId, guest.mac), "User-Password": "not-the-session-password" });
    expect(wrong.code).toBe("Access-Reject");
    expect(wrong.attributes["Reply-Message"]).toBe("Wrong password for this session.");
    const otherDevice = await radclient(auth, "auth", { ...mikrotikNas(guest.sessionId, "aa:bb:cc:99:99:99"), "User-Password": guest.fields.password! });
    expect(otherDevice.attributes["Reply-Message"]).toBe("These credentials belong to another device.");
    const unknown = "0190a0b0-0000-7000-8000-000000000000";
    expect((await radclient(auth, "auth", { ...mikrotikNas(unknown, guest.mac), "User-Password": sessionPassword(credentialKey, unknown) })).code).toBe("Access-Reject");

    await database.prisma.accessSession.update({ where: { id: guest.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await radclient(auth, "auth", { ...mikrotikNas(guest.sessionId, guest.mac), "User-Password": guest.fields.password! });
    expect(expired.code).toBe("Access-Reject");
    expect(expired.attributes["Reply-Message"]).toBe("This session has expired; sign in again.");
  });

  it("authorises a device by its MAC while its session holds (MAC authorisation), and not after", async () => {
    const guest = await grantedGuest();
    const macName = guest.mac.replaceAll(":", "");
    const byMac = await radclient(auth, "auth", { "User-Name": macName, "User-Password": macName, "Calling-Station-Id": guest.mac, "Service-Type": "Call-Check", "NAS-Identifier": "hotspot" });
    expect(byMac.code).toBe("Access-Accept");
    expect(Number(byMac.attributes["Session-Timeout"])).toBeGreaterThan(3000);
    expect((await radclient(auth, "auth", { "User-Name": "aabbccfefefe", "User-Password": "aabbccfefefe", "Service-Type": "Call-Check" })).code).toBe("Access-Reject");
    await database.prisma.accessSession.update({ where: { id: guest.sessionId }, data: { status: "ENDED", endedAt: new Date() } });
    expect((await radclient(auth, "auth", { "User-Name": macName, "User-Password": macName, "Service-Type": "Call-Check" })).code).toBe("Access-Reject");
  });

  it("gives a NAS with the wrong shared secret no answer, and Portico is never asked", async () => {
    const guest = await grantedGuest();
    const callsBefore = bridge.porticoCalls();
    const answer = await radclient({ port: auth.port, secret: "not-the-shared-secret" }, "auth", { ...mikrotikNas(guest.sessionId, guest.mac), "User-Password": guest.fields.password! });
    expect(answer.code).toBeNull();
    expect(answer.output).toMatch(/No reply/);
    expect(bridge.porticoCalls()).toBe(callsBefore);
    expect(radius.output()).toMatch(/invalid Message-Authenticator/);
  });
});

describe("RADIUS accounting through FreeRADIUS", () => {
  it("Start, Interim-Update and Stop fill the session and the visit's dwell time; a replayed Stop changes nothing", async () => {
    const guest = await grantedGuest();
    const db = database.prisma;
    const base = { ...mikrotikNas(guest.sessionId, guest.mac), "Acct-Session-Id": "81000007", "Framed-IP-Address": "10.5.50.23" };
    expect((await radclient(acct, "acct", { ...base, "Acct-Status-Type": "Start", "Acct-Session-Time": 0 })).code, radius.output()).toBe("Accounting-Response");
    expect(await db.accessSession.findUniqueOrThrow({ where: { id: guest.sessionId } })).toMatchObject({ status: "GRANTED", gatewaySessionId: "81000007" });

    await radclient(acct, "acct", { ...base, "Acct-Status-Type": "Interim-Update", "Acct-Session-Time": 300, "Acct-Input-Octets": 1_000_000, "Acct-Output-Octets": 8_000_000 });
    const session = await db.accessSession.findUniqueOrThrow({ where: { id: guest.sessionId } });
    expect(session).toMatchObject({ bytesIn: 1_000_000n, bytesOut: 8_000_000n, endedAt: null });
    expect((await db.visit.findFirstOrThrow({ where: { id: session.visitId! } })).dwellSeconds).toBe(300);

    const stop = { ...base, "Acct-Status-Type": "Stop", "Acct-Session-Time": 2710, "Acct-Input-Octets": 5, "Acct-Input-Gigawords": 1, "Acct-Output-Octets": 42_000_000, "Acct-Terminate-Cause": "User-Request" };
    expect((await radclient(acct, "acct", stop)).code).toBe("Accounting-Response");
    // A NAS that missed the answer sends it again; a late interim arrives after the Stop.
    await radclient(acct, "acct", stop);
    await radclient(acct, "acct", { ...base, "Acct-Status-Type": "Interim-Update", "Acct-Session-Time": 600, "Acct-Input-Octets": 2_000_000 });

    const ended = await db.accessSession.findUniqueOrThrow({ where: { id: guest.sessionId } });
    expect(ended).toMatchObject({ status: "ENDED", endReason: "User-Request", bytesIn: BigInt(2 ** 32 + 5), bytesOut: 42_000_000n });
    const visit = await db.visit.findFirstOrThrow({ where: { id: ended.visitId! } });
    expect(visit.dwellSeconds).toBe(2710);
    expect(visit.endedAt).not.toBeNull();
    const events = await db.event.findMany({ where: { type: "access.ended", venueId: guest.venue.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ sessionId: guest.sessionId, reason: "User-Request", source: "radius", dwellSeconds: 2710 });
    // An ended session's credentials no longer let anyone on.
    expect((await radclient(auth, "auth", { ...mikrotikNas(guest.sessionId, guest.mac), "User-Password": guest.fields.password! })).attributes["Reply-Message"]).toBe(
      "This session has ended; sign in again.",
    );
  });

  it("reports naming the device by MAC find its session; unknown devices are acknowledged and recorded nowhere", async () => {
    const guest = await grantedGuest();
    const macName = guest.mac.replaceAll(":", "-").toUpperCase();
    const base = { "User-Name": macName, "Calling-Station-Id": macName, "Acct-Session-Id": "cafe-0001" };
    await radclient(acct, "acct", { ...base, "Acct-Status-Type": "Start" });
    await radclient(acct, "acct", { ...base, "Acct-Status-Type": "Stop", "Acct-Session-Time": 125, "Acct-Terminate-Cause": "Idle-Timeout" });
    const session = await database.prisma.accessSession.findUniqueOrThrow({ where: { id: guest.sessionId } });
    expect(session).toMatchObject({ status: "ENDED", gatewaySessionId: "cafe-0001", endReason: "Idle-Timeout" });
    const before = await database.prisma.event.count();
    expect((await radclient(acct, "acct", { "User-Name": "AA-BB-CC-EE-EE-EE", "Acct-Session-Id": "x", "Acct-Status-Type": "Stop", "Acct-Session-Time": 5 })).code).toBe("Accounting-Response");
    expect(await database.prisma.event.count()).toBe(before);
  });
});

describe("Portico's RADIUS endpoints", () => {
  const endpoints = () => radiusEndpoints({ db: database.prisma, token, options });
  const post = (authorization: string | undefined, body: string) =>
    new Request("http://127.0.0.1/api/radius/authorize", { method: "POST", headers: authorization ? { authorization } : {}, body });
  const basic = (password: string) => `Basic ${Buffer.from(`freeradius:${password}`).toString("base64")}`;

  it("answer only FreeRADIUS (the token), refuse bodies that are not rlm_rest's, and are off without a token", async () => {
    const body = JSON.stringify({ "User-Name": { type: "string", value: ["aa:bb:cc:dd:ee:ff"] } });
    expect((await endpoints().authorize(post(undefined, body))).status).toBe(401);
    expect((await endpoints().authorize(post(basic("wrong-token-wrong-token-wrong-token"), body))).status).toBe(401);
    expect((await endpoints().authorize(post(basic(token), "not json"))).status).toBe(400);
    expect((await endpoints().authorize(post(basic(token), `{"User-Name":{"value":["${"x".repeat(70_000)}"]}}`))).status).toBe(413);
    expect((await endpoints().authorize(post(basic(token), JSON.stringify({ "User-Name": "flat" })))).status).toBe(400);
    expect((await endpoints().authorize(post(basic(token), body))).status).toBe(404);
    const off = radiusEndpoints({ db: database.prisma, token: undefined, options });
    expect((await off.authorize(post(basic(token), body))).status).toBe(503);
  });
});
