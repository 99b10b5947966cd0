// The delivery worker on the job queue, over one shared connection as on the embedded database:
// a consent wakes the connector's drain, the drain's follow-up sends what was still filling,
// and the sweep finds deliveries no wake-up reached.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { createPool, createPrismaClient, type Db } from "@/lib/db/client";
import type { Connector, DeliveryItem } from "@/lib/delivery/connector";
import { deliverySweepJob } from "@/lib/jobs/delivery-sweep-job";
import { startJobRunner, type JobRunner } from "@/lib/jobs/job-runner";

import { createFreshDatabase, dropDatabase } from "../support/database";
import { consentedGuest, createConnector, plainSecretStore } from "../support/delivery-fixture";
import { createVenueFixture } from "../support/venue-fixture";

let url: string;
let pool: pg.Pool;
let db: Db;
let runner: JobRunner;
const batches: DeliveryItem[][] = [];

const recordingVendor: Connector = {
  kind: "webhook",
  label: "Recording vendor",
  settingsSchema: z.unknown(),
  secretsSchema: z.unknown(),
  maxBatchSize: 50,
  async deliver(_context, items) {
    batches.push(items);
    return { kind: "answered", items: items.map((i) => ({ deliveryId: i.deliveryId, result: "delivered" })) };
  },
  erase: async () => ({ kind: "erased" }),
  withdraw: async () => ({ kind: "withdrawn" }),
  testConnection: async () => ({ ok: true, detail: "recording" }),
};

beforeAll(async () => {
  url = await createFreshDatabase();
  pool = createPool(url, 1);
  db = createPrismaClient(pool);
  runner = await startJobRunner({ db, pool, pollingIntervalSeconds: 0.5, delivery: { secrets: plainSecretStore, registry: { webhook: recordingVendor } } });
});

afterAll(async () => {
  await runner?.stop();
  await db?.$disconnect();
  await pool?.end();
  if (url) await dropDatabase(url);
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const sentTo = (connectorId: string) => db.delivery.count({ where: { connectorId, status: "SENT" } });
const emailsSent = () => batches.flat().map((item) => item.record.email);

describe("the delivery worker on the queue", () => {
  it("delivers a consenting guest within seconds of their answer, without anyone asking", async () => {
    const { venue } = await createVenueFixture(db);
    const connector = await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "webhook" });
    await consentedGuest(db, venue, { email: "soon@example.com", granted: ["marketing"] });
    expect(await until(() => sentTo(connector.id), (n) => n === 1)).toBe(1);
    expect(emailsSent()).toContain("soon@example.com");
  });

  it("collects guests who arrive within the batch window into one call", async () => {
    const { venue } = await createVenueFixture(db);
    const connector = await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "webhook", batchWaitSeconds: 3 });
    const before = batches.length;
    for (const n of [1, 2, 3, 4]) await consentedGuest(db, venue, { email: `window-${n}@example.com`, granted: ["marketing"] });
    expect(await until(() => sentTo(connector.id), (n) => n === 4)).toBe(4);
    const calls = batches.slice(before).filter((b) => b.some((item) => item.record.email.startsWith("window-")));
    expect(calls.map((b) => b.length)).toEqual([4]);
  });

  it("wakes the worker from another database client too, as the web pages' own does", async () => {
    const pages = createPrismaClient(url, 1);
    try {
      const { venue } = await createVenueFixture(pages);
      const connector = await createConnector(pages, { venueId: venue.id, purposeKey: "marketing", kind: "webhook" });
      await consentedGuest(pages, venue, { email: "from-pages@example.com", granted: ["marketing"] });
      expect(await until(() => sentTo(connector.id), (n) => n === 1, 5_000)).toBe(1);
    } finally {
      await pages.$disconnect();
    }
  });

  it("the sweep delivers what no wake-up reached", async () => {
    const { venue } = await createVenueFixture(db);
    const connector = await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "webhook" });
    // Paused while the guest consents, so the wake-up finds nothing to do; resumed without a wake-up.
    await db.connector.update({ where: { id: connector.id }, data: { status: "PAUSED" } });
    await consentedGuest(db, venue, { email: "swept@example.com", granted: ["marketing"] });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await sentTo(connector.id)).toBe(0);
    await db.connector.update({ where: { id: connector.id }, data: { status: "ACTIVE" } });

    await runner.boss.send(deliverySweepJob.name);
    expect(await until(() => sentTo(connector.id), (n) => n === 1)).toBe(1);
  });
});
