// Network access around the journey, on real PostgreSQL: the gateway a login names and its
// adapter's verdict on the redirect (refused: nothing written), the grant after consent (the
// session recorded, the adapter asked once, a replay answered the same), and what the
// Captive Portal API (RFC 8908) then tells the device.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { secretKey } from "@/lib/crypto";
import { checkGatewayRedirect, grantAccess, type AccessOptions } from "@/lib/network/access";
import { captivePortalState } from "@/lib/network/captive-portal-api";
import { endAccessSession } from "@/lib/network/end-access";
import { endExpiredSessions } from "@/lib/network/end-expired-sessions";
import type { GatewayAdapter, GrantRequest } from "@/lib/network/gateway-adapter";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { consentThroughGateway } from "../support/journey-fixture";
import { createVenueFixture } from "../support/venue-fixture";
import { staffActor } from "../venues/staff-actors";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const grants: GrantRequest[] = [];
/** A gateway that signs its redirects with `sig=<key>` and lets devices on by redirect. */
const testAdapter: GatewayAdapter<{ host: string }, { key: string }> = {
  kind: "opennds",
  label: "Test gateway",
  settingsSchema: z.object({ host: z.string() }),
  secretsSchema: z.object({ key: z.string() }),
  walledGarden: () => ({ where: "", text: "", notes: [] }),
  readRedirect: (context, params) =>
    params.sig === context.secrets.key
      ? { ok: true, redirect: { clientMac: params.mac ?? null, clientIp: params.ip ?? null, apMac: null, originalUrl: null, grantParams: { tok: params.tok ?? "" }, verified: true } }
      : { ok: false, reason: "bad signature" },
  grant: async (context, request) => {
    grants.push(request);
    if (request.redirect.grantParams.tok === "explode") throw new Error("controller on fire");
    return { kind: "redirect", url: `http://${context.settings.host}/auth?tok=${request.redirect.grantParams.tok}&minutes=${request.tier.minutes}` };
  },
};

const revoked: string[] = [];
/** The same gateway, able to take a device off (as UniFi's controller is). */
const revokingAdapter: GatewayAdapter<{ host: string }, { key: string }> = {
  ...testAdapter,
  revoke: async (_context, session) => {
    revoked.push(session.redirect.grantParams.tok!);
    return session.redirect.grantParams.tok === "stuck" ? { ok: false, error: "controller said no" } : { ok: true };
  },
};

const store = gatewaySecretStore({ current: secretKey(randomBytes(32)) });
const options: AccessOptions = { secrets: store, registry: { opennds: testAdapter as unknown as GatewayAdapter } };

async function addGateway(venueId: string, slug: string, key = "k3y") {
  const gateway = await database.prisma.gateway.create({ data: { venueId, slug, kind: "opennds", name: `Gateway ${slug}`, settings: { host: `${slug}.gw.test` } } });
  await database.prisma.gateway.update({ where: { id: gateway.id }, data: { secrets: store.seal({ key }, gateway.id) } });
  return gateway;
}

/** Login and consent as the routes run them, with the gateway check in between. */
async function journey(venue: { id: string; slug: string; countryCode: string }, query: string, email: string): Promise<{ token: string } | { refused: string }> {
  return consentThroughGateway(database.prisma, venue, { query, email }, options);
}

const tokenOf = (result: { token: string } | { refused: string }) => {
  if (!("token" in result)) throw new Error(`refused: ${result.refused}`);
  return result.token;
};

describe("network access", () => {
  it("a venue without a gateway: the grant is recorded and the Captive Portal API says the device is online", async () => {
    const { venue } = await createVenueFixture(database.prisma, { locales: ["en"] });
    const token = tokenOf(await journey(venue, "client_mac=aa:bb:cc:00:00:01&client_ip=10.1.0.1", "open@example.com"));
    const result = await grantAccess(database.prisma, { venueSlug: venue.slug, token, continueUrl: "https://portico.test/p/x/success" }, options);
    expect(result?.outcome.kind).toBe("granted");
    const session = await database.prisma.accessSession.findUniqueOrThrow({ where: { id: result!.sessionId } });
    expect(session).toMatchObject({ status: "GRANTED", clientMac: "aa:bb:cc:00:00:01", clientIp: "10.1.0.1", minutes: 60, gatewayId: null });
    expect(await database.prisma.event.count({ where: { type: "access.granted", venueId: venue.id } })).toBe(1);

    const ask = (clientIp: string, now?: Date) => captivePortalState(database.prisma, { venueSlug: venue.slug, clientIp, origin: "https://portico.test", now });
    const online = await ask("10.1.0.1");
    expect(online).toMatchObject({ captive: false, "user-portal-url": `https://portico.test/p/${venue.slug}`, "can-extend-session": false });
    expect(online!["seconds-remaining"]).toBeGreaterThan(3500);
    expect(await ask("10.1.0.2")).toEqual({ captive: true, "user-portal-url": `https://portico.test/p/${venue.slug}` });
    expect((await ask("10.1.0.1", new Date(Date.now() + 61 * 60_000)))!.captive).toBe(true);
    expect(await captivePortalState(database.prisma, { venueSlug: "no-such-venue", clientIp: "10.1.0.1", origin: "https://portico.test" })).toBeNull();
  });

  it("refuses a redirect its gateway's adapter does not accept, before anything is written", async () => {
    const { venue } = await createVenueFixture(database.prisma, { locales: ["en"] });
    await addGateway(venue.id, "lobby");
    const before = await database.prisma.journey.count({ where: { venueId: venue.id } });
    expect(await journey(venue, "sig=forged&tok=t1&mac=aa:bb:cc:00:00:02", "forged@example.com")).toEqual({ refused: "bad signature" });
    expect(await database.prisma.journey.count({ where: { venueId: venue.id } })).toBe(before);
  });

  it("picks the gateway the splash's gw names, refuses an unknown one, and needs gw when there are several", async () => {
    const { venue } = await createVenueFixture(database.prisma, { locales: ["en"] });
    await addGateway(venue.id, "north", "north-key");
    const south = await addGateway(venue.id, "south", "south-key");
    const check = (params: Record<string, string>) => checkGatewayRedirect(database.prisma, { id: venue.id }, params, options);
    expect(await check({ sig: "south-key" })).toMatchObject({ ok: false });
    expect(await check({ gw: "west", sig: "south-key" })).toEqual({ ok: false, reason: 'No gateway "west" at this venue.' });
    expect(await check({ gw: "south", sig: "north-key" })).toMatchObject({ ok: false });
    expect(await check({ gw: "south", sig: "south-key" })).toMatchObject({ ok: true, gatewayId: south.id });
  });

  it("grants through the journey's gateway once identity and consent are in, and answers a replay the same way", async () => {
    const { venue } = await createVenueFixture(database.prisma, { locales: ["en"] });
    const gateway = await addGateway(venue.id, "lobby");
    const token = tokenOf(await journey(venue, "sig=k3y&tok=abc&mac=aa:bb:cc:00:00:03&ip=10.2.0.3", "grant@example.com"));
    const journeyRow = await database.prisma.journey.findUniqueOrThrow({ where: { token } });
    expect(journeyRow).toMatchObject({ gatewayId: gateway.id, clientMac: "aa:bb:cc:00:00:03", clientIp: "10.2.0.3" });

    const before = grants.length;
    const first = await grantAccess(database.prisma, { venueSlug: venue.slug, token, continueUrl: "https://portico.test/s" }, options);
    expect(first?.outcome).toEqual({ kind: "redirect", url: "http://lobby.gw.test/auth?tok=abc&minutes=60" });
    expect(grants.slice(before)).toEqual([expect.objectContaining({ continueUrl: "https://portico.test/s", sessionId: first!.sessionId, tier: { minutes: 60 } })]);
    const again = await grantAccess(database.prisma, { venueSlug: venue.slug, token, continueUrl: "https://portico.test/s" }, options);
    expect(again).toEqual(first);
    expect(await database.prisma.accessSession.count({ where: { journeyId: journeyRow.id } })).toBe(1);
    expect(await database.prisma.event.count({ where: { type: "access.granted", journeyId: journeyRow.id } })).toBe(1);
    expect(await database.prisma.accessSession.findUniqueOrThrow({ where: { id: first!.sessionId } })).toMatchObject({ status: "GRANTED", grantKind: "redirect", gatewayId: gateway.id });
  });

  it("a gateway that fails: the guest keeps their consent, the session is DENIED with the reason, and an event says so", async () => {
    const { venue } = await createVenueFixture(database.prisma, { locales: ["en"] });
    await addGateway(venue.id, "lobby");
    const token = tokenOf(await journey(venue, "sig=k3y&tok=explode&mac=aa:bb:cc:00:00:04", "fail@example.com"));
    const result = await grantAccess(database.prisma, { venueSlug: venue.slug, token, continueUrl: "https://portico.test/s" }, options);
    expect(result?.outcome).toEqual({ kind: "failed", error: "The Test gateway adapter failed: controller on fire" });
    expect(await database.prisma.accessSession.findUniqueOrThrow({ where: { id: result!.sessionId } })).toMatchObject({ status: "DENIED", error: "The Test gateway adapter failed: controller on fire" });
    expect(await database.prisma.event.count({ where: { type: "access.denied", venueId: venue.id } })).toBe(1);
    expect(await database.prisma.consentRecord.count({ where: { guest: { emailNormalized: "fail@example.com" } } })).toBeGreaterThan(0);
  });

  it("knows no journey that is not completed", async () => {
    const { venue } = await createVenueFixture(database.prisma, { locales: ["en"] });
    expect(await grantAccess(database.prisma, { venueSlug: venue.slug, token: "x".repeat(32), continueUrl: "https://portico.test/s" }, options)).toBeNull();
  });
});

describe("a venue's gateways, remembered", () => {
  it("under the venue's content_version, which a gateway added, changed or removed bumps", async () => {
    const db = database.prisma;
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    const fresh = () => db.venue.findUniqueOrThrow({ where: { id: venue.id }, select: { id: true, contentVersion: true } });
    const before = await fresh();
    expect(await checkGatewayRedirect(db, before, { sig: "k3y" }, options)).toEqual({ ok: true, gatewayId: null, redirect: null });
    const gateway = await addGateway(venue.id, "new-one");
    const after = await fresh();
    expect(after.contentVersion).toBeGreaterThan(before.contentVersion);
    // The old version's answer is what was remembered for it; the live version sees the gateway.
    expect(await checkGatewayRedirect(db, before, { sig: "k3y" }, options)).toMatchObject({ gatewayId: null });
    expect(await checkGatewayRedirect(db, after, { sig: "k3y" }, options)).toMatchObject({ ok: true, gatewayId: gateway.id });
    await db.gateway.delete({ where: { id: gateway.id } });
    expect(await checkGatewayRedirect(db, await fresh(), { sig: "k3y" }, options)).toMatchObject({ gatewayId: null });
  });
});

describe("access tiers", () => {
  it("the gateway's own limits for the way of signing in go to the adapter and onto the session", async () => {
    const { venue } = await createVenueFixture(database.prisma, { locales: ["en"] });
    const gateway = await addGateway(venue.id, "tiered");
    await database.prisma.gateway.update({ where: { id: gateway.id }, data: { tierLimits: { EMAIL: { downKbps: 3000, quotaMb: 750 }, LOYALTY: { downKbps: 9000 } } } });
    const token = tokenOf(await journey(venue, "sig=k3y&tok=tier&mac=aa:bb:cc:00:0f:01", "tier@example.com"));
    const result = await grantAccess(database.prisma, { venueSlug: venue.slug, token, continueUrl: "https://portico.test/p/x/success" }, options);
    expect(grants.at(-1)!.tier).toEqual({ minutes: 60, downKbps: 3000, quotaMb: 750 });
    expect(await database.prisma.accessSession.findUniqueOrThrow({ where: { id: result!.sessionId } })).toMatchObject({ downKbps: 3000, upKbps: null, quotaMb: 750 });
  });
});

describe("sessions no gateway reported ended", () => {
  it("end after their expiry, with dwell from the last seen activity (Captive Portal API requests), or none when never seen", async () => {
    const db = database.prisma;
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    const grant = async (n: number) => {
      const token = tokenOf(await journey(venue, `client_mac=aa:bb:cc:00:0e:0${n}&client_ip=10.9.0.${n}`, `seen-${n}@example.com`));
      return (await grantAccess(db, { venueSlug: venue.slug, token, continueUrl: "https://portico.test/p/x/success" }, options))!.sessionId;
    };
    const seen = await grant(1);
    const unseen = await grant(2);
    const { grantedAt, expiresAt } = await db.accessSession.findUniqueOrThrow({ where: { id: seen } });
    // The device asks the Captive Portal API 25 minutes in, and twice within a minute (counted once).
    const at25 = new Date(grantedAt!.getTime() + 25 * 60_000);
    await captivePortalState(db, { venueSlug: venue.slug, clientIp: "10.9.0.1", origin: "https://portico.test", now: at25 });
    await captivePortalState(db, { venueSlug: venue.slug, clientIp: "10.9.0.1", origin: "https://portico.test", now: new Date(at25.getTime() + 30_000) });
    expect((await db.accessSession.findUniqueOrThrow({ where: { id: seen } })).lastSeenAt).toEqual(at25);

    // Within the grace after expiry a gateway's late report may still come: nothing ends yet.
    expect(await endExpiredSessions(db, new Date(expiresAt!.getTime() + 5 * 60_000))).toBe(0);
    const later = new Date(expiresAt!.getTime() + 20 * 60_000);
    expect(await endExpiredSessions(db, later)).toBeGreaterThanOrEqual(2);
    expect(await endExpiredSessions(db, later)).toBe(0);

    const ended = await db.accessSession.findUniqueOrThrow({ where: { id: seen }, include: { visit: true } });
    expect(ended).toMatchObject({ status: "ENDED", endReason: "expired", endedAt: expiresAt });
    expect(ended.visit).toMatchObject({ dwellSeconds: 25 * 60, endedAt: at25 });
    const neverSeen = await db.accessSession.findUniqueOrThrow({ where: { id: unseen }, include: { visit: true } });
    expect(neverSeen.status).toBe("ENDED");
    expect(neverSeen.visit).toMatchObject({ dwellSeconds: null, endedAt: null });
    const events = await db.event.findMany({ where: { type: "access.ended", venueId: venue.id } });
    expect(events).toHaveLength(2);
    expect(events.map((event) => event.payload)).toEqual(
      expect.arrayContaining([expect.objectContaining({ sessionId: seen, source: "expiry", dwellSeconds: 1500 }), expect.objectContaining({ sessionId: unseen, dwellSeconds: null })]),
    );
  });
});

describe("staff end a device's access", () => {
  const revokingOptions: AccessOptions = { secrets: store, registry: { opennds: revokingAdapter as unknown as GatewayAdapter } };

  it("tells a gateway that can be told, ends the session and its visit, once, audited; others may not", async () => {
    const db = database.prisma;
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    await addGateway(venue.id, "revoking");
    const token = tokenOf(await journey(venue, "sig=k3y&tok=bye&mac=aa:bb:cc:00:10:01", "bye@example.com"));
    const { sessionId } = (await grantAccess(db, { venueSlug: venue.slug, token, continueUrl: "https://portico.test/" }, revokingOptions))!;
    const admin = await staffActor(db, "ADMIN");

    for (const role of ["MARKETER", "LEGAL"] as const) {
      await expect(endAccessSession(db, await staffActor(db, role), { sessionId }, revokingOptions)).rejects.toMatchObject({ code: "notPermitted" });
    }
    expect(await endAccessSession(db, admin, { sessionId }, revokingOptions)).toEqual({ gateway: { kind: "revoked" } });
    expect(revoked).toContain("bye");
    const session = await db.accessSession.findUniqueOrThrow({ where: { id: sessionId }, include: { visit: true } });
    expect(session).toMatchObject({ status: "ENDED", endReason: "staff" });
    expect(session.visit!.endedAt).not.toBeNull();
    expect(session.visit!.dwellSeconds).toBeGreaterThanOrEqual(0);
    expect(await db.event.count({ where: { type: "access.ended", journeyId: session.journeyId } })).toBe(1);
    expect(await db.auditEntry.findFirstOrThrow({ where: { entityId: sessionId } })).toMatchObject({ action: "access.ended_by_staff", actorId: admin.id, after: { gateway: "revoked" } });
    await expect(endAccessSession(db, admin, { sessionId }, revokingOptions)).rejects.toMatchObject({ code: "accessSessionNotActive" });
  });

  it("ends it in Portico when the gateway cannot be told, and says so", async () => {
    const db = database.prisma;
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    await addGateway(venue.id, "plain");
    const token = tokenOf(await journey(venue, "sig=k3y&tok=plain&mac=aa:bb:cc:00:10:02", "plain@example.com"));
    const { sessionId } = (await grantAccess(db, { venueSlug: venue.slug, token, continueUrl: "https://portico.test/" }, options))!;
    expect(await endAccessSession(db, await staffActor(db, "ADMIN"), { sessionId }, options)).toEqual({ gateway: { kind: "unsupported" } });
    expect((await db.accessSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("ENDED");
  });
});
