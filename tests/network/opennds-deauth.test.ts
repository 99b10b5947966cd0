// openNDS tells of disconnects without RADIUS: its BinAuth (binauth_log.sh) reports each
// deauthentication, and at security level 3 authmon forwards it to Portico as "deauthed". On
// real PostgreSQL: the report ends the guest's access session and fills the visit's dwell time
// and bytes, once; a report for another gateway's session or an unknown device changes nothing.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { secretKey } from "@/lib/crypto";
import { grantAccess, type AccessOptions } from "@/lib/network/access";
import { answerAuthmon, parseDeauthNotice } from "@/lib/network/adapters/opennds-authmon";
import { openndsAuthmonStore } from "@/lib/network/adapters/opennds-authmon-store";
import { grantCustom } from "@/lib/network/adapters/opennds-fas";
import type { GatewayAdapter } from "@/lib/network/gateway-adapter";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { consentThroughGateway } from "../support/journey-fixture";
import { createVenueFixture } from "../support/venue-fixture";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Stands in for the openNDS adapter's level-3 grant: pending, named by its rhid. */
const pendingAdapter: GatewayAdapter = {
  kind: "opennds",
  label: "openNDS (test)",
  settingsSchema: z.object({}),
  secretsSchema: z.object({}),
  walledGarden: () => ({ where: "", text: "", notes: [] }),
  readRedirect: (_context, params) => ({ ok: true, redirect: { clientMac: params.mac ?? null, clientIp: null, apMac: null, originalUrl: null, grantParams: { tok: params.tok ?? "" }, verified: true } }),
  grant: async (_context, request) => ({ kind: "pending", detail: "authmon", gatewaySessionId: request.redirect.grantParams.tok }),
};
const options: AccessOptions = { secrets: gatewaySecretStore({ current: secretKey(randomBytes(32)) }), registry: { opennds: pendingAdapter } };

async function collectedGuest(mac: string, rhid: string) {
  const db = database.prisma;
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const gateway = await db.gateway.create({ data: { venueId: venue.id, slug: "router", kind: "opennds", name: "Router", settings: {} } });
  const journey = await consentThroughGateway(db, venue, { query: new URLSearchParams({ mac, tok: rhid }).toString(), email: `deauth-${rhid}@example.com`, ip: "192.168.8.20" }, options);
  if (!("token" in journey)) throw new Error(journey.refused);
  const grant = await grantAccess(db, { venueSlug: venue.slug, token: journey.token, continueUrl: "https://portico.test/" }, options);
  const store = openndsAuthmonStore(db);
  await store.markCollected(gateway.id, [rhid]);
  return { venue, gateway, sessionId: grant!.sessionId, store };
}

/** What openNDS 9.10's binauth_log.sh sends through authmon. */
const notice = (input: { method: string; mac: string; start: number; end: number; custom: string }) =>
  `method=${input.method}, clientmac=${input.mac}, bytes_incoming=9000000, bytes_outgoing=700000, session_start=${input.start}, session_end=${input.end}, token=a1b2c3d4, custom=${input.custom}`;

const post = (gatewayId: string, store: ReturnType<typeof openndsAuthmonStore>, payload: string) =>
  answerAuthmon({ id: gatewayId }, new URLSearchParams({ auth_get: "deauthed", gatewayhash: "x", payload: Buffer.from(payload).toString("base64") }), store);

describe("openNDS deauthentication notices", () => {
  it("end the session the grant's custom string names, with dwell time and bytes, once", async () => {
    const guest = await collectedGuest("aa:bb:cc:00:0d:01", "rhid-one");
    // The pending grant was recorded with the rhid authmon collects it by, and its event.
    expect(await database.prisma.accessSession.findUniqueOrThrow({ where: { id: guest.sessionId } })).toMatchObject({ status: "GRANTED", gatewaySessionId: "rhid-one", grantKind: "pending" });
    expect(await database.prisma.event.count({ where: { type: "access.pending", venueId: guest.venue.id } })).toBe(1);
    const start = Math.floor(Date.now() / 1000) - 1800;
    const custom = grantCustom(guest.sessionId, { sessionLength: 60, uploadRate: 0, downloadRate: 0, uploadQuota: 0, downloadQuota: 0 });
    const payload = notice({ method: "idle_deauth", mac: "aa:bb:cc:00:0d:01", start, end: start + 3600, custom });
    expect(await post(guest.gateway.id, guest.store, payload)).toEqual({ status: 200, body: "ack" });
    await post(guest.gateway.id, guest.store, payload);

    const session = await database.prisma.accessSession.findUniqueOrThrow({ where: { id: guest.sessionId } });
    expect(session).toMatchObject({ status: "ENDED", endReason: "idle_deauth", bytesIn: 700000n, bytesOut: 9000000n });
    const visit = await database.prisma.visit.findUniqueOrThrow({ where: { id: session.visitId! } });
    expect(visit.dwellSeconds).toBeGreaterThanOrEqual(1799);
    expect(visit.dwellSeconds).toBeLessThanOrEqual(1805);
    const events = await database.prisma.event.findMany({ where: { type: "access.ended", venueId: guest.venue.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ source: "opennds", reason: "idle_deauth" });
  });

  it("find the device by MAC when the custom string names no session; other gateways' sessions are out of reach", async () => {
    const guest = await collectedGuest("aa:bb:cc:00:0d:02", "rhid-two");
    const other = await collectedGuest("aa:bb:cc:00:0d:03", "rhid-three");
    const start = Math.floor(Date.now() / 1000) - 600;
    // A session that ran to its scheduled end: the dwell is the session length, not the notice's lateness.
    await post(guest.gateway.id, guest.store, notice({ method: "timeout_deauth", mac: "aa:bb:cc:00:0d:02", start: start - 3000, end: start, custom: "" }));
    await post(guest.gateway.id, guest.store, notice({ method: "client_deauth", mac: "aa:bb:cc:00:0d:03", start, end: start + 3600, custom: "" }));
    const ended = await database.prisma.accessSession.findUniqueOrThrow({ where: { id: guest.sessionId }, include: { visit: true } });
    expect(ended).toMatchObject({ status: "ENDED", endReason: "timeout_deauth" });
    expect(ended.visit!.dwellSeconds).toBe(3000);
    expect(await database.prisma.accessSession.findUniqueOrThrow({ where: { id: other.sessionId } })).toMatchObject({ status: "GRANTED", endedAt: null });
  });

  it("reads openNDS 9.10's and later versions' notices, and nothing else", () => {
    expect(parseDeauthNotice('method="ndsctl_deauth", clientmac="aa:bb:cc:dd:ee:ff", timestamp=1764000000, bytes_incoming=5, bytes_outgoing=6, session_start=1, session_end=2, token=t, custom="x"')).toMatchObject({
      method: "ndsctl_deauth",
      clientMac: "aa:bb:cc:dd:ee:ff",
      timestamp: 1764000000,
      bytesIncoming: 5,
      bytesOutgoing: 6,
      sessionId: null,
    });
    expect(parseDeauthNotice("method=auth_client, clientmac=aa:bb:cc:dd:ee:ff")).toBeNull();
    expect(parseDeauthNotice("hello")).toBeNull();
  });
});
