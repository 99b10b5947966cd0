// The delivery worker's bookkeeping against real PostgreSQL, with a scripted vendor: what goes
// out, in which batches, and what each vendor answer does to the outbox and the connector.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { BatchOutcome, Connector, DeliveryItem } from "@/lib/delivery/connector";
import { drainConnector, type DrainOptions } from "@/lib/delivery/worker";
import { maxAttempts } from "@/lib/delivery/backoff";
import { z } from "zod";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { consentedGuest, createConnector, plainSecretStore, withdraw } from "../support/delivery-fixture";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

/** A vendor whose answers the test scripts; it keeps every batch it was given. */
function scriptedVendor(answer: (items: DeliveryItem[], call: number) => BatchOutcome | Promise<BatchOutcome>, maxBatchSize = 100) {
  const batches: DeliveryItem[][] = [];
  const connector: Connector = {
    kind: "webhook",
    label: "Scripted vendor",
    settingsSchema: z.unknown(),
    secretsSchema: z.unknown(),
    maxBatchSize,
    async deliver(_context, items) {
      batches.push(items);
      return answer(items, batches.length);
    },
    erase: async () => ({ kind: "erased" }),
    withdraw: async () => ({ kind: "withdrawn" }),
    testConnection: async () => ({ ok: true, detail: "scripted" }),
  };
  return { connector, batches, emails: () => batches.flat().map((item) => item.record.email) };
}

const delivered = (items: DeliveryItem[]): BatchOutcome => ({ kind: "answered", items: items.map((i) => ({ deliveryId: i.deliveryId, result: "delivered", externalId: `x-${i.deliveryId}` })) });

function options(connector: Connector, extra: Partial<DrainOptions> = {}): DrainOptions {
  return { db: testDb.prisma, secrets: plainSecretStore, registry: { webhook: connector }, random: () => 0.5, ...extra };
}

async function setup(opts: { batchWaitSeconds?: number } = {}) {
  const { venue } = await createVenueFixture(testDb.prisma, { sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
  const marketing = await createConnector(testDb.prisma, { venueId: venue.id, purposeKey: "marketing", kind: "webhook", batchWaitSeconds: opts.batchWaitSeconds ?? 0 });
  const sponsor = await createConnector(testDb.prisma, { venueId: venue.id, purposeKey: "sponsor:acme", kind: "webhook", batchWaitSeconds: opts.batchWaitSeconds ?? 0 });
  return { venue, marketing, sponsor };
}

const rows = (connectorId: string) => testDb.prisma.delivery.findMany({ where: { connectorId }, orderBy: { id: "asc" } });
const tag = () => Math.random().toString(36).slice(2, 8);

describe("the outbox the consent step writes", () => {
  it("holds one row per connector whose purpose the guest ticked, and none for a guest who ticked nothing", async () => {
    const { venue, marketing, sponsor } = await setup();
    const t = tag();
    await consentedGuest(testDb.prisma, venue, { email: `both-${t}@example.com`, granted: ["marketing", "sponsor:acme"] });
    await consentedGuest(testDb.prisma, venue, { email: `marketing-${t}@example.com`, granted: ["marketing"] });
    const nothing = await consentedGuest(testDb.prisma, venue, { email: `nothing-${t}@example.com`, granted: [] });

    expect((await rows(marketing.id)).map((r) => r.status)).toEqual(["PENDING", "PENDING"]);
    expect(await rows(sponsor.id)).toHaveLength(1);
    expect(await testDb.prisma.delivery.count({ where: { guestId: nothing.id } })).toBe(0);
  });
});

describe("draining a connector", () => {
  it("sends each consented guest once, with only the fields its purpose covers, and records what went", async () => {
    const { venue, marketing, sponsor } = await setup();
    const t = tag();
    await consentedGuest(testDb.prisma, venue, { email: `ana-${t}@example.com`, granted: ["marketing", "sponsor:acme"] });
    await consentedGuest(testDb.prisma, venue, { email: `ben-${t}@example.com`, granted: ["marketing"] });
    const venueTools = scriptedVendor(delivered);
    const acme = scriptedVendor(delivered);

    const report = await drainConnector(options(venueTools.connector), marketing.id);
    expect(report).toMatchObject({ calls: 1, sent: 2, stop: "empty" });
    await drainConnector(options(acme.connector), sponsor.id);
    expect(await drainConnector(options(venueTools.connector), marketing.id)).toMatchObject({ calls: 0, stop: "empty" });

    expect(venueTools.emails().sort()).toEqual([`ana-${t}@example.com`, `ben-${t}@example.com`]);
    const toVenue = venueTools.batches[0]!.find((item) => item.record.email.startsWith("ana"))!.record;
    expect(toVenue).toMatchObject({ visitCount: 1, deviceType: "MOBILE", os: "iOS", venue: { slug: venue.slug }, zone: { slug: "lobby" } });
    // The venue's own tools see its optional decisions, never the terms of use.
    expect(toVenue.consents.map((c) => [c.purpose, c.granted]).sort()).toEqual([["marketing", true], ["sponsor:acme", true]]);

    expect(acme.emails()).toEqual([`ana-${t}@example.com`]);
    const toSponsor = acme.batches[0]![0]!.record;
    expect(toSponsor).not.toHaveProperty("visitCount");
    expect(toSponsor).not.toHaveProperty("deviceType");
    expect(toSponsor.consents.map((c) => [c.purpose, c.granted])).toEqual([["sponsor:acme", true]]);
    expect(acme.batches[0]![0]!.firstDelivery).toBe(true);

    const sent = await rows(marketing.id);
    expect(sent.every((r) => r.status === "SENT" && r.attempts === 1 && r.deliveredAt && r.settledAt && r.externalId === `x-${r.id}`)).toBe(true);
    expect(sent[0]!.fields).toContain("email");
    expect(await testDb.prisma.deliveryCall.findMany({ where: { connectorId: marketing.id } })).toMatchObject([{ items: 2, outcome: "answered", delivered: 2 }]);
  });

  it("tells the vendor a returning guest is not new, so vendor-owned fields are left alone", async () => {
    const { venue, marketing } = await setup();
    const email = `again-${tag()}@example.com`;
    const vendor = scriptedVendor(delivered);
    await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing"] });
    await drainConnector(options(vendor.connector), marketing.id);
    await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing"] });
    await drainConnector(options(vendor.connector), marketing.id);
    expect(vendor.batches.map((b) => [b[0]!.record.visitCount, b[0]!.firstDelivery])).toEqual([[1, true], [2, false]]);
  });

  it("sends nothing for a guest who withdrew or was erased after the row was written", async () => {
    const { venue, marketing } = await setup();
    const t = tag();
    const stays = await consentedGuest(testDb.prisma, venue, { email: `stays-${t}@example.com`, granted: ["marketing"] });
    const leaves = await consentedGuest(testDb.prisma, venue, { email: `leaves-${t}@example.com`, granted: ["marketing"] });
    const erased = await consentedGuest(testDb.prisma, venue, { email: `erased-${t}@example.com`, granted: ["marketing"] });
    await withdraw(testDb.prisma, leaves.id, venue.id, "marketing");
    await testDb.prisma.guest.update({ where: { id: erased.id }, data: { erasedAt: new Date() } });
    const vendor = scriptedVendor(delivered);

    expect(await drainConnector(options(vendor.connector), marketing.id)).toMatchObject({ sent: 1, skipped: 2 });
    expect(vendor.emails()).toEqual([`stays-${t}@example.com`]);
    const byGuest = new Map((await rows(marketing.id)).map((r) => [r.guestId, r]));
    expect(byGuest.get(stays.id)!.status).toBe("SENT");
    expect(byGuest.get(leaves.id)).toMatchObject({ status: "SKIPPED", lastError: expect.stringContaining("withdrew") });
    expect(byGuest.get(erased.id)).toMatchObject({ status: "SKIPPED", lastError: expect.stringContaining("erased") });
  });

  it("waits for a batch to fill until its oldest record has waited the connector's window", async () => {
    const { venue, marketing } = await setup({ batchWaitSeconds: 60 });
    const t = tag();
    for (const n of [1, 2, 3]) await consentedGuest(testDb.prisma, venue, { email: `wait-${n}-${t}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor(delivered);
    const oldest = (await rows(marketing.id))[0]!.createdAt;

    const early = await drainConnector(options(vendor.connector), marketing.id);
    expect(early).toMatchObject({ calls: 0, stop: "waiting", nextRunAt: new Date(oldest.getTime() + 60_000) });
    const later = await drainConnector(options(vendor.connector, { now: () => new Date(oldest.getTime() + 61_000) }), marketing.id);
    expect(later).toMatchObject({ calls: 1, sent: 3 });
  });

  it("sends a full batch without waiting, in batches no larger than the vendor allows", async () => {
    const { venue, marketing } = await setup({ batchWaitSeconds: 600 });
    const t = tag();
    for (const n of [1, 2, 3, 4, 5]) await consentedGuest(testDb.prisma, venue, { email: `full-${n}-${t}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor(delivered, 2);
    const report = await drainConnector(options(vendor.connector), marketing.id);
    expect(vendor.batches.map((b) => b.length)).toEqual([2, 2]);
    expect(report).toMatchObject({ sent: 4, stop: "waiting" });
  });
});

describe("what the vendor's answer does", () => {
  it("on 429 waits as long as the vendor asked, costs the records no attempt, and then sends them", async () => {
    const { venue, marketing } = await setup();
    await consentedGuest(testDb.prisma, venue, { email: `throttled-${tag()}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor((items, call) => (call === 1 ? { kind: "throttled", retryAfterMs: 30_000, error: "HTTP 429" } : delivered(items)));
    const start = new Date();

    const first = await drainConnector(options(vendor.connector, { now: () => start }), marketing.id);
    expect(first.stop).toBe("throttled");
    expect(first.nextRunAt!.getTime()).toBe(start.getTime() + 30_000);
    expect((await rows(marketing.id))[0]).toMatchObject({ status: "PENDING", attempts: 0, leasedUntil: null });
    expect(await drainConnector(options(vendor.connector, { now: () => new Date(start.getTime() + 10_000) }), marketing.id)).toMatchObject({ calls: 0, stop: "throttled" });

    const after = await drainConnector(options(vendor.connector, { now: () => new Date(start.getTime() + 31_000) }), marketing.id);
    expect(after).toMatchObject({ calls: 1, sent: 1 });
    expect((await rows(marketing.id))[0]).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("pauses for the vendor's rate-limit window when its headers say no calls are left", async () => {
    const { venue, marketing } = await setup();
    const t = tag();
    for (const n of [1, 2, 3]) await consentedGuest(testDb.prisma, venue, { email: `limit-${n}-${t}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor((items) => ({ ...delivered(items), rateLimit: { remaining: 0, resetAfterMs: 8_000 } }), 1);
    const report = await drainConnector(options(vendor.connector), marketing.id);
    expect(report).toMatchObject({ calls: 1, sent: 1, stop: "throttled" });
    const connector = await testDb.prisma.connector.findUniqueOrThrow({ where: { id: marketing.id } });
    expect(connector.sendAfter!.getTime()).toBeGreaterThan(Date.now() + 6_000);
  });

  it("keeps what a vendor's limit held back pending until the reset, costing it no attempt however often it happens", async () => {
    const { venue, marketing } = await setup();
    const t = tag();
    for (const n of [1, 2]) await consentedGuest(testDb.prisma, venue, { email: `held-${n}-${t}@example.com`, granted: ["marketing"] });
    // Each call takes the first record and holds the rest back: the window ran out after one contact.
    const vendor = scriptedVendor((items) => ({
      kind: "answered",
      items: items.map((i, index) => (index === 0 ? { deliveryId: i.deliveryId, result: "delivered" } : { deliveryId: i.deliveryId, result: "notSent", error: "Not sent yet: window used up" })),
      rateLimit: { remaining: 0, resetAfterMs: 1_000 },
    }));
    const vendorRejectsFirst = scriptedVendor((items) => ({
      kind: "answered",
      items: items.map((i) => ({ deliveryId: i.deliveryId, result: "notSent", error: "Not sent yet: window used up" })),
      rateLimit: { remaining: 0, resetAfterMs: 1_000 },
    }));
    let clock = Date.now();
    expect(await drainConnector(options(vendor.connector, { now: () => new Date(clock) }), marketing.id)).toMatchObject({ calls: 1, sent: 1, stop: "throttled" });
    // More bursts than the attempts allow, each holding the record back again.
    for (let round = 0; round < maxAttempts + 2; round++) {
      clock += 2_000;
      await drainConnector(options(vendorRejectsFirst.connector, { now: () => new Date(clock) }), marketing.id);
    }
    const held = (await rows(marketing.id)).find((row) => row.status !== "SENT")!;
    expect(held).toMatchObject({ status: "PENDING", attempts: 0, lastError: "Not sent yet: window used up" });
    expect(held.nextAttemptAt.getTime()).toBe(clock + 1_000);
    clock += 2_000;
    expect(await drainConnector(options(vendor.connector, { now: () => new Date(clock) }), marketing.id)).toMatchObject({ sent: 1 });
    expect((await rows(marketing.id)).map((row) => row.status)).toEqual(["SENT", "SENT"]);
  });

  it("backs off when the vendor is down, and after the last attempt keeps the record as a dead letter", async () => {
    const { venue, marketing } = await setup();
    await consentedGuest(testDb.prisma, venue, { email: `down-${tag()}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor(() => ({ kind: "unavailable", error: "HTTP 503: maintenance" }));
    let clock = Date.now();
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const report = await drainConnector(options(vendor.connector, { now: () => new Date(clock) }), marketing.id);
      expect(report.stop).toBe("unavailable");
      const [row] = await rows(marketing.id);
      if (attempt < maxAttempts) {
        expect(row).toMatchObject({ status: "PENDING", attempts: attempt, lastError: "HTTP 503: maintenance" });
        expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(clock);
      } else {
        expect(row).toMatchObject({ status: "FAILED", attempts: maxAttempts, lastError: expect.stringContaining("Gave up") });
      }
      clock += 3 * 60 * 60_000;
    }
    expect((await testDb.prisma.connector.findUniqueOrThrow({ where: { id: marketing.id } })).failureStreak).toBe(maxAttempts);
  });

  it("reads per-item results: a refused record is a dead letter, a transient one is retried, the rest are sent", async () => {
    const { venue, marketing } = await setup();
    const t = tag();
    for (const who of ["ok", "bad", "later"]) await consentedGuest(testDb.prisma, venue, { email: `${who}-${t}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor((items) => ({
      kind: "answered",
      items: items.map((i) =>
        i.record.email.startsWith("bad") ? { deliveryId: i.deliveryId, result: "rejected", error: "Invalid email address" }
        : i.record.email.startsWith("later") ? { deliveryId: i.deliveryId, result: "retry", error: "Contact is locked" }
        : { deliveryId: i.deliveryId, result: "delivered" },
      ),
    }));
    await drainConnector(options(vendor.connector), marketing.id);
    const byEmail = new Map<string, string>();
    for (const row of await rows(marketing.id)) {
      const guest = await testDb.prisma.guest.findUniqueOrThrow({ where: { id: row.guestId } });
      byEmail.set(guest.email!.split("-")[0]!, `${row.status}:${row.attempts}:${row.lastError ?? ""}`);
    }
    expect(Object.fromEntries(byEmail)).toEqual({ ok: "SENT:1:", bad: "FAILED:1:Invalid email address", later: "PENDING:1:Contact is locked" });
  });

  it("pauses the connector when the vendor refuses its credentials, leaving the records untouched", async () => {
    const { venue, marketing } = await setup();
    await consentedGuest(testDb.prisma, venue, { email: `auth-${tag()}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor(() => ({ kind: "unauthorized", error: "HTTP 401: token expired" }));
    expect(await drainConnector(options(vendor.connector), marketing.id)).toMatchObject({ calls: 1, stop: "stopped", nextRunAt: null });
    expect(await testDb.prisma.connector.findUniqueOrThrow({ where: { id: marketing.id } })).toMatchObject({ status: "PAUSED", statusReason: expect.stringContaining("token expired") });
    expect((await rows(marketing.id))[0]).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(await drainConnector(options(vendor.connector), marketing.id)).toMatchObject({ calls: 0, stop: "stopped" });
  });

  it("disables an endpoint that answers it is gone", async () => {
    const { venue, sponsor } = await setup();
    await consentedGuest(testDb.prisma, venue, { email: `gone-${tag()}@example.com`, granted: ["sponsor:acme"] });
    const vendor = scriptedVendor(() => ({ kind: "gone", error: "HTTP 410" }));
    await drainConnector(options(vendor.connector), sponsor.id);
    expect(await testDb.prisma.connector.findUniqueOrThrow({ where: { id: sponsor.id } })).toMatchObject({ status: "DISABLED" });
  });

  it("pauses a connection whose stored settings its connector no longer accepts, leaving the records untouched", async () => {
    const { venue, marketing } = await setup();
    await consentedGuest(testDb.prisma, venue, { email: `stale-${tag()}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor(delivered);
    vendor.connector.settingsSchema = z.object({ endpointUrl: z.url() });
    expect(await drainConnector(options(vendor.connector), marketing.id)).toMatchObject({ calls: 0, stop: "stopped" });
    expect(vendor.batches).toHaveLength(0);
    expect(await testDb.prisma.connector.findUniqueOrThrow({ where: { id: marketing.id } })).toMatchObject({ status: "PAUSED", statusReason: expect.stringContaining("endpointUrl") });
    expect((await rows(marketing.id))[0]).toMatchObject({ status: "PENDING", attempts: 0, leasedUntil: null });
  });

  it("treats a connector that throws as an unavailable vendor: the records wait, nothing is lost", async () => {
    const { venue, marketing } = await setup();
    await consentedGuest(testDb.prisma, venue, { email: `bug-${tag()}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor(() => {
      throw new TypeError("Cannot read properties of undefined");
    });
    expect(await drainConnector(options(vendor.connector), marketing.id)).toMatchObject({ stop: "unavailable" });
    expect((await rows(marketing.id))[0]).toMatchObject({ status: "PENDING", attempts: 1, lastError: expect.stringContaining("Cannot read properties") });
  });
});

describe("several drains at once", () => {
  it("never give the same record to the vendor twice", async () => {
    const { venue, marketing } = await setup();
    const t = tag();
    for (let n = 0; n < 12; n++) await consentedGuest(testDb.prisma, venue, { email: `many-${n}-${t}@example.com`, granted: ["marketing"] });
    const vendor = scriptedVendor(async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return delivered(items);
    }, 3);
    await Promise.all([1, 2, 3].map(() => drainConnector(options(vendor.connector), marketing.id)));
    const emails = vendor.emails();
    expect(emails).toHaveLength(12);
    expect(new Set(emails).size).toBe(12);
  });
});
