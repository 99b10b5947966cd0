// Erasure of a guest against real PostgreSQL and the vendors' contract servers: the personal
// data is gone from every table that held it, the counts and the ledger are whole, and every
// system that received the guest is asked (once) to delete them, retried while it fails.
import { randomBytes } from "node:crypto";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { z } from "zod";

import { secretKey } from "@/lib/crypto";
import type { Connector } from "@/lib/delivery/connector";
import { hubspotSettingsSchema } from "@/lib/delivery/connectors/hubspot";
import { generateWebhookSecret } from "@/lib/delivery/connectors/webhook";
import { erasureSubjectBox } from "@/lib/delivery/erasure-subject";
import { drainConnector, type DrainOptions } from "@/lib/delivery/worker";
import { maxAttempts } from "@/lib/delivery/backoff";
import { replayDeadLetters } from "@/lib/delivery/staff/manage-connectors";
import { eraseGuest } from "@/lib/rights/erase-guest";

import { hubspotContractToken, hubspotGdprDeletePath, startHubspotContract, type HubspotContract } from "../support/contracts/hubspot";
import { startWebhookReceiver, type WebhookReceiver } from "../support/contracts/webhook-receiver";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { consentedGuest, createConnector, plainSecretStore } from "../support/delivery-fixture";
import { inStaffWords } from "../support/staff-refusal";
import { openTestJourney } from "../support/journey-fixture";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
const subjects = erasureSubjectBox({ current: secretKey(randomBytes(32)) });
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
afterAll(async () => {
  await testDb?.drop();
});

const tag = () => randomBytes(3).toString("hex");
const personalTables = ["guest", "device", "journey", "access_session", "consent_record", "event", "delivery"] as const;

/** Every row of these tables whose text or JSON columns mention `needle` (case-insensitive). */
async function rowsMentioning(needle: string): Promise<string[]> {
  const columns = await testDb.prisma.$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name AS table, column_name AS column FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ANY (${[...personalTables]}::text[])
      AND data_type IN ('character varying', 'text', 'character', 'jsonb', 'json', 'ARRAY')`;
  expect(columns.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const { table, column } of columns) {
    const [row] = await testDb.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE $1`, `%${needle}%`);
    if (row!.n > 0) found.push(`${table}.${column}`);
  }
  return found;
}

async function staff(role: "LEGAL" | "ADMIN" | "MARKETER") {
  const user = await testDb.prisma.staffUser.create({ data: { email: `${role.toLowerCase()}-${tag()}@portico.invalid`, role } });
  return { id: user.id, role, ip: "192.0.2.10" };
}

async function world() {
  const hubspot: HubspotContract = await startHubspotContract();
  const secret = generateWebhookSecret();
  const receiver: WebhookReceiver = await startWebhookReceiver({ secrets: [secret] });
  closers.push(() => hubspot.close(), () => receiver.close());
  const { venue } = await createVenueFixture(testDb.prisma, { sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
  const crm = await createConnector(testDb.prisma, {
    venueId: venue.id,
    purposeKey: "marketing",
    kind: "hubspot",
    settings: hubspotSettingsSchema.parse({ baseUrl: hubspot.baseUrl }),
    secrets: { auth: "privateApp", accessToken: hubspotContractToken },
  });
  const sponsor = await createConnector(testDb.prisma, {
    venueId: venue.id,
    purposeKey: "sponsor:acme",
    kind: "webhook",
    settings: { endpointUrl: receiver.url, payload: "thin", pullApiBaseUrl: "https://wifi.example.com" },
    secrets: { signingSecrets: [secret] },
  });
  return { hubspot, receiver, venue, crm, sponsor };
}

const drainOptions = (extra: Partial<DrainOptions> = {}): DrainOptions => ({ db: testDb.prisma, secrets: plainSecretStore, subjects, random: () => 0.5, ...extra });

async function counts(guestId: string) {
  const db = testDb.prisma;
  return {
    visits: await db.visit.count({ where: { guestId } }),
    events: await db.event.count({ where: { guestId } }),
    consentRecords: await db.consentRecord.count({ where: { guestId } }),
    devices: await db.device.count({ where: { guestId } }),
    journeys: await db.journey.count({ where: { guestId } }),
    granted: await db.consentRecord.count({ where: { guestId, granted: true } }),
  };
}

describe("eraseGuest", () => {
  it("removes the email, name, phone and MAC from every table, keeps the counts and the ledger, and erases the guest at every system that received them", async () => {
    const { hubspot, receiver, venue, crm, sponsor } = await world();
    const t = tag();
    const email = `erase-me-${t}@example.com`;
    const mac = `02:${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}:9e:5d`;
    const guest = await consentedGuest(testDb.prisma, venue, { email, name: `Erasmus Vanish${t}`, mac, granted: ["marketing", "sponsor:acme"] });
    await testDb.prisma.guest.update({ where: { id: guest.id }, data: { phone: "+447700900461", visitorData: { crm: { tier: "gold", contact: email } } } });
    await drainConnector(drainOptions(), crm.id);
    await drainConnector(drainOptions(), sponsor.id);
    const firstSent = await testDb.prisma.delivery.findFirstOrThrow({ where: { guestId: guest.id, connectorId: crm.id, status: "SENT" } });
    // A refused grant whose gateway error quotes the MAC, and two abandoned logins (one from the
    // same device, one from another) that never reached the guest.
    const journey = await testDb.prisma.journey.findFirstOrThrow({ where: { guestId: guest.id } });
    await testDb.prisma.accessSession.create({
      data: { journeyId: journey.id, venueId: venue.id, clientMac: mac, clientIp: "10.0.0.5", status: "DENIED", grantKind: "failed", minutes: 60, error: `controller refused ${mac}` },
    });
    await testDb.prisma.event.create({ data: { type: "access.denied", venueId: venue.id, guestId: guest.id, journeyId: journey.id, payload: { sessionId: "s-1", grant: "failed", error: `controller refused ${mac}` } } });
    await openTestJourney(testDb.prisma, venue, { email: "someone-else@example.com", gateway: `client_mac=${mac}&client_ip=10.0.0.9` });
    await openTestJourney(testDb.prisma, venue, { email: email.toUpperCase(), gateway: "client_mac=aa:bb:cc:00:00:01&client_ip=10.0.0.8" });
    // A second visit, still waiting to be sent when the erasure comes.
    await consentedGuest(testDb.prisma, venue, { email, mac, granted: ["marketing", "sponsor:acme"] });
    expect(hubspot.contactByEmail(email)).toBeDefined();
    expect(receiver.messages.filter((m) => m.type === "guest.consented")).toHaveLength(1);
    expect(await rowsMentioning(email)).not.toEqual([]);
    expect(await rowsMentioning(mac)).not.toEqual([]);
    const before = await counts(guest.id);
    expect(before.visits).toBe(2);

    const legal = await staff("LEGAL");
    const result = await eraseGuest(testDb.prisma, legal, { guestId: guest.id, reason: "Request #41 received by letter" }, { subjects, wake: false });

    expect(result.erasures.map((e) => e.connectorId).sort()).toEqual([crm.id, sponsor.id].sort());
    for (const needle of [email, `Erasmus`, `Vanish${t}`, "+447700900461", "7700900461", mac, mac.replaceAll(":", "")]) {
      expect({ needle, found: await rowsMentioning(needle) }).toEqual({ needle, found: [] });
    }
    expect(await counts(guest.id)).toEqual(before);
    expect(await testDb.prisma.event.findFirstOrThrow({ where: { type: "access.denied", guestId: guest.id } })).toMatchObject({ payload: { sessionId: "s-1", grant: "failed" } });
    const [abandoned] = await testDb.prisma.$queryRaw<{ scrubbed: number }[]>`
      SELECT count(*)::int AS scrubbed FROM journey WHERE guest_id IS NULL AND venue_id = ${venue.id}::uuid AND identity IS NULL AND client_mac IS NULL`;
    expect(abandoned!.scrubbed).toBe(2);
    const erased = await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } });
    expect(erased).toMatchObject({ email: null, emailNormalized: null, name: null, phone: null, visitorData: {}, visitCount: 2 });
    expect(erased.erasedAt).toBeInstanceOf(Date);
    // The ledger: every decision and the wording hash it answered stay.
    const ledger = await testDb.prisma.consentRecord.findMany({ where: { guestId: guest.id }, include: { consentText: true } });
    expect(ledger.every((r) => r.ip === null && r.userAgent === null && r.consentText.sha256.length === 64)).toBe(true);
    // The waiting upserts are cancelled, never sent.
    const waiting = await testDb.prisma.delivery.findMany({ where: { guestId: guest.id, operation: "upsert", id: { gt: firstSent.id } } });
    expect(waiting.filter((d) => d.status !== "SENT").every((d) => d.status === "SKIPPED")).toBe(true);
    // The audit entry proves what was done without the erased data.
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { action: "guest.erase", entityId: guest.id } });
    expect(audit.after).toMatchObject({ rowsChanged: { guest: 1, devices: 1, consentRecords: before.consentRecords }, erasuresQueued: expect.arrayContaining([expect.objectContaining({ connectorId: crm.id })]) });
    expect(JSON.stringify([audit.before, audit.after, audit.entityId])).not.toContain(email);

    // The worker: one deletion at each system, then the sealed subject is gone.
    await drainConnector(drainOptions(), crm.id);
    await drainConnector(drainOptions(), sponsor.id);
    expect(hubspot.callsTo(hubspotGdprDeletePath)).toHaveLength(1);
    expect(hubspot.contactByEmail(email)).toBeUndefined();
    expect(receiver.messages.filter((m) => m.type === "guest.erased").map((m) => m.payload.data)).toEqual([{ guestId: guest.id }]);
    const erasures = await testDb.prisma.delivery.findMany({ where: { guestId: guest.id, operation: "erase" } });
    expect(erasures.map((d) => [d.status, d.subject])).toEqual([["SENT", null], ["SENT", null]]);
    // Draining again sends nothing more.
    await drainConnector(drainOptions(), crm.id);
    await drainConnector(drainOptions(), sponsor.id);
    expect(hubspot.callsTo(hubspotGdprDeletePath)).toHaveLength(1);
    expect(receiver.messages.filter((m) => m.type === "guest.erased")).toHaveLength(1);
  });

  it("keeps the erasure's subject sealed: the row holds no plaintext, and it opens only for its own guest and connector", async () => {
    const { venue, crm, sponsor } = await world();
    const email = `sealed-${tag()}@example.com`;
    const guest = await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing"] });
    await drainConnector(drainOptions(), crm.id);
    await eraseGuest(testDb.prisma, await staff("ADMIN"), { guestId: guest.id, reason: "Asked at the front desk" }, { subjects, wake: false });
    const row = await testDb.prisma.delivery.findFirstOrThrow({ where: { guestId: guest.id, operation: "erase" } });
    expect(Buffer.from(row.subject!).toString("latin1")).not.toContain(email);
    expect(subjects.open(row.subject!, guest.id, crm.id)).toMatchObject({ email });
    expect(() => subjects.open(row.subject!, guest.id, sponsor.id)).toThrow();
  });

  it("retries a failing vendor with backoff and marks the erasure done once it answers", async () => {
    const { hubspot, venue, crm } = await world();
    const email = `retry-${tag()}@example.com`;
    const guest = await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing"] });
    await drainConnector(drainOptions(), crm.id);
    await eraseGuest(testDb.prisma, await staff("LEGAL"), { guestId: guest.id, reason: "Email to the DPO" }, { subjects, wake: false });

    hubspot.failNext(2, { status: 503 });
    let clock = Date.now();
    const first = await drainConnector(drainOptions({ now: () => new Date(clock) }), crm.id);
    expect(first).toMatchObject({ stop: "unavailable", retried: 1, sent: 0 });
    let row = await testDb.prisma.delivery.findFirstOrThrow({ where: { guestId: guest.id, operation: "erase" } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(clock);
    expect(row.subject).not.toBeNull();

    for (let n = 0; n < 5 && row.status === "PENDING"; n++) {
      clock += 10 * 60_000;
      await drainConnector(drainOptions({ now: () => new Date(clock) }), crm.id);
      row = await testDb.prisma.delivery.findFirstOrThrow({ where: { guestId: guest.id, operation: "erase" } });
    }
    expect(row).toMatchObject({ status: "SENT", attempts: 3, subject: null });
    expect(hubspot.callsTo(hubspotGdprDeletePath).map((c) => c.status)).toEqual([503, 503, 204]);
    expect(hubspot.contactByEmail(email)).toBeUndefined();
  });

  it("waits out a 429 without spending an attempt, then erases", async () => {
    const { hubspot, venue, crm } = await world();
    const guest = await consentedGuest(testDb.prisma, venue, { email: `slow-${tag()}@example.com`, granted: ["marketing"] });
    await drainConnector(drainOptions(), crm.id);
    await eraseGuest(testDb.prisma, await staff("LEGAL"), { guestId: guest.id, reason: "Web form" }, { subjects, wake: false });
    hubspot.failNext(1, { status: 429, retryAfterSeconds: 10 });
    const start = Date.now();
    expect(await drainConnector(drainOptions({ now: () => new Date(start) }), crm.id)).toMatchObject({ stop: "throttled", sent: 0 });
    const waiting = await testDb.prisma.delivery.findFirstOrThrow({ where: { guestId: guest.id, operation: "erase" } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(start + 10_000);
    expect(await drainConnector(drainOptions({ now: () => new Date(start + 5_000) }), crm.id)).toMatchObject({ calls: 0 });
    expect(await drainConnector(drainOptions({ now: () => new Date(start + 11_000) }), crm.id)).toMatchObject({ sent: 1 });
    expect(hubspot.callsTo(hubspotGdprDeletePath).map((c) => c.status)).toEqual([429, 204]);
  });

  it("dead-letters an erasure after the maximum attempts, keeping its subject for a retry", async () => {
    const { hubspot, venue, crm } = await world();
    const guest = await consentedGuest(testDb.prisma, venue, { email: `dead-${tag()}@example.com`, granted: ["marketing"] });
    await drainConnector(drainOptions(), crm.id);
    await eraseGuest(testDb.prisma, await staff("LEGAL"), { guestId: guest.id, reason: "Phone call" }, { subjects, wake: false });
    hubspot.failNext(maxAttempts, { status: 500 });
    let clock = Date.now();
    for (let n = 0; n < maxAttempts + 2; n++) {
      clock += 24 * 3_600_000;
      await drainConnector(drainOptions({ now: () => new Date(clock) }), crm.id);
    }
    const row = await testDb.prisma.delivery.findFirstOrThrow({ where: { guestId: guest.id, operation: "erase" } });
    expect(row).toMatchObject({ status: "FAILED", attempts: maxAttempts });
    expect(row.subject).not.toBeNull();
    expect(hubspot.callsTo(hubspotGdprDeletePath)).toHaveLength(maxAttempts);

    // Sent again from the dead letters once the vendor is back: the kept subject still opens.
    expect(await replayDeadLetters(testDb.prisma, await staff("ADMIN"), { connectorId: crm.id, deliveryIds: [String(row.id)] })).toBe(1);
    await drainConnector(drainOptions({ now: () => new Date(clock + 2 * 3_600_000) }), crm.id);
    expect(await testDb.prisma.delivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "SENT", subject: null, externalId: "erased" });
  });

  it("queues the deletion itself when the guest is erased while their first record is on its way to the vendor", async () => {
    const { venue } = await world();
    const email = `inflight-${tag()}@example.com`;
    const slow = await createConnector(testDb.prisma, { venueId: venue.id, purposeKey: "marketing", kind: "webhook", name: "slow" });
    const guest = await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing"] });
    const legal = await staff("LEGAL");
    const erased: { email: string; externalIds: string[] }[] = [];
    // A vendor during whose answer the erasure commits: nothing was SENT yet when it looked.
    const vendor: Connector = {
      kind: "webhook",
      label: "Slow vendor",
      settingsSchema: z.unknown(),
      secretsSchema: z.unknown(),
      maxBatchSize: 10,
      async deliver(_context, items) {
        const result = await eraseGuest(testDb.prisma, legal, { guestId: guest.id, reason: "Request during a send" }, { subjects, wake: false });
        expect(result.erasures).toEqual([]);
        return { kind: "answered", items: items.map((i) => ({ deliveryId: i.deliveryId, result: "delivered", externalId: "contact-77" })) };
      },
      async erase(_context, subject) {
        erased.push(subject);
        return { kind: "erased" };
      },
      withdraw: async () => ({ kind: "withdrawn" }),
      testConnection: async () => ({ ok: true, detail: "scripted" }),
    };
    await drainConnector(drainOptions({ registry: { webhook: vendor } }), slow.id);

    expect(erased).toEqual([{ email, externalIds: ["contact-77"] }]);
    const rows = await testDb.prisma.delivery.findMany({ where: { guestId: guest.id, connectorId: slow.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.operation, r.status, r.externalId, r.subject])).toEqual([
      ["upsert", "SENT", null, null],
      ["erase", "SENT", "erased", null],
    ]);
    expect(await rowsMentioning(email)).toEqual([]);
  });

  it("lets the same email connect again later as a new guest, whom the vendors receive afresh", async () => {
    const { hubspot, venue, crm } = await world();
    const email = `again-${tag()}@example.com`;
    const guest = await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing"] });
    await drainConnector(drainOptions(), crm.id);
    await eraseGuest(testDb.prisma, await staff("LEGAL"), { guestId: guest.id, reason: "Request #7" }, { subjects, wake: false });
    await drainConnector(drainOptions(), crm.id);

    const again = await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing"] });
    expect(again.id).not.toBe(guest.id);
    expect(again).toMatchObject({ visitCount: 1, erasedAt: null });
    expect(await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ email: null, erasedAt: expect.any(Date) });
    await drainConnector(drainOptions(), crm.id);
    expect(hubspot.contactByEmail(email)).toBeDefined();
  });

  it("refuses a marketer, an erased guest, an unknown guest, and a reason that names the guest", async () => {
    const { venue } = await world();
    const email = `refuse-${tag()}@example.com`;
    const guest = await consentedGuest(testDb.prisma, venue, { email, granted: [] });
    const marketer = await staff("MARKETER");
    await expect(inStaffWords(eraseGuest(testDb.prisma, marketer, { guestId: guest.id, reason: "x" }, { subjects, wake: false }))).rejects.toThrow(/Only legal reviewers and admins can erase a guest/);
    const legal = await staff("LEGAL");
    await expect(inStaffWords(eraseGuest(testDb.prisma, legal, { guestId: guest.id, reason: `For ${email.toUpperCase()}` }, { subjects, wake: false }))).rejects.toMatchObject({ fieldErrors: { reason: [expect.stringMatching(/Do not write the guest's email/)] } });
    expect(await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ email, erasedAt: null });

    await eraseGuest(testDb.prisma, legal, { guestId: guest.id, reason: "Request #9" }, { subjects, wake: false });
    await expect(inStaffWords(eraseGuest(testDb.prisma, legal, { guestId: guest.id, reason: "again" }, { subjects, wake: false }))).rejects.toThrow(/already erased/);
    await expect(inStaffWords(eraseGuest(testDb.prisma, legal, { guestId: "0197a3c2-0000-7000-8000-000000000000", reason: "x" }, { subjects, wake: false }))).rejects.toThrow(/does not exist/);
    expect(await testDb.prisma.auditEntry.count({ where: { action: "guest.erase", entityId: guest.id } })).toBe(1);
  });
});
