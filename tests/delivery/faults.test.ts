// Delivery under faults, each asserting that every consented record arrives exactly once in
// effect (at least once, with the vendor's upsert or the webhook-id making a repeat harmless):
// a vendor that answers 429 and 5xx for a while, a worker process killed mid-batch, and
// PostgreSQL restarted mid-drain. (A withdrawal between enqueue and send: worker.test.ts and
// consent-property.test.ts.)
import { spawn, type ChildProcess } from "node:child_process";

import type pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";

import { createPool, createPrismaClient, type Db } from "@/lib/db/client";
import { startJobRunner, type JobRunner } from "@/lib/jobs/job-runner";

import { createFreshDatabase, dropDatabase } from "../support/database";
import { hubspotContractToken, hubspotUpsertPath, startHubspotContract } from "../support/contracts/hubspot";
import { startWebhookReceiver } from "../support/contracts/webhook-receiver";
import { consentedGuest, createConnector, plainSecretStore } from "../support/delivery-fixture";
import { startPrivatePostgres, type PrivatePostgres } from "../support/private-postgres";
import { createVenueFixture } from "../support/venue-fixture";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function database(url?: string): Promise<{ url: string; pool: pg.Pool; db: Db }> {
  const databaseUrl = url ?? (await createFreshDatabase());
  if (!url) cleanups.push(() => dropDatabase(databaseUrl));
  const pool = createPool(databaseUrl, 3);
  const db = createPrismaClient(pool);
  cleanups.push(() => pool.end());
  return { url: databaseUrl, pool, db };
}

async function runner(db: Db, pool: pg.Pool, leaseMs = 60_000): Promise<JobRunner> {
  const started = await startJobRunner({ db, pool, pollingIntervalSeconds: 0.5, delivery: { secrets: plainSecretStore, leaseMs, random: () => 0.2 } });
  cleanups.push(() => started.stop());
  return started;
}

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function guests(db: Db, venue: { id: string; slug: string; countryCode: string }, label: string, count: number): Promise<string[]> {
  const emails: string[] = [];
  for (let n = 0; n < count; n++) {
    const email = `${label}-${n}@example.com`;
    await consentedGuest(db, venue, { email, granted: ["marketing"] });
    emails.push(email);
  }
  return emails;
}

describe("delivery under faults", () => {
  it("a vendor answering 503 and then 429 for a while: every record arrives once when it recovers", async () => {
    const { db, pool } = await database();
    const hubspot = await startHubspotContract({ rateLimit: { max: 2, intervalMs: 3_000 } });
    cleanups.push(() => hubspot.close());
    const { venue } = await createVenueFixture(db);
    await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "hubspot", settings: { baseUrl: hubspot.baseUrl }, secrets: { auth: "privateApp", accessToken: hubspotContractToken } });
    hubspot.failNext(3, { status: 503 });
    hubspot.failNext(2, { status: 429, retryAfterSeconds: 1 });
    await runner(db, pool);

    const first = await guests(db, venue, "wave-a", 10);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const second = await guests(db, venue, "wave-b", 10);
    const sent = await until(() => db.delivery.count({ where: { status: "SENT" } }), (n) => n === 20, 60_000);

    expect(sent).toBe(20);
    const contacts = hubspot.contacts();
    expect(contacts.map((c) => c.properties.email).sort()).toEqual([...first, ...second].sort());
    expect(contacts.every((c) => c.writes === 1)).toBe(true);
    const statuses = hubspot.callsTo(hubspotUpsertPath).map((call) => call.status);
    expect(statuses.filter((s) => s === 503)).toHaveLength(3);
    // The two forced 429s, and any the contract's own 2-per-3 s window adds when a loaded
    // machine shifts the timing: each one recorded as throttled.
    const throttled = statuses.filter((s) => s === 429).length;
    expect(throttled).toBeGreaterThanOrEqual(2);
    expect(await db.deliveryCall.count({ where: { outcome: "unavailable" } })).toBe(3);
    expect(await db.deliveryCall.count({ where: { outcome: "throttled" } })).toBe(throttled);
    // Throttling costs a record no attempt; each failed call cost its records one.
    expect(Math.max(...(await db.delivery.findMany({ select: { attempts: true } })).map((d) => d.attempts))).toBeLessThanOrEqual(4);
  }, 90_000);

  it("a worker killed (SIGKILL) mid-batch: another finishes its batch, and no record is lost", async () => {
    const { url, db, pool } = await database();
    const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    const receiver = await startWebhookReceiver({ secrets: [secret] });
    cleanups.push(() => receiver.close());
    const { venue } = await createVenueFixture(db);
    await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "webhook", settings: { endpointUrl: receiver.url, payload: "full" }, secrets: { signingSecrets: [secret] } });
    const emails = await guests(db, venue, "killed", 30);
    // The receiver is slow for the first requests, so the kill lands while a batch is in flight.
    receiver.answerNext(4, { delayMs: 4_000 });

    // Node itself with tsx's loader, not the tsx command: that is a wrapper around a second node
    // process, and a SIGKILL to the wrapper would leave the real worker running.
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "tests/support/delivery-worker-process.ts", url, "3000"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PGAPPNAME: "worker-to-kill" },
    });
    cleanups.push(async () => void child.kill("SIGKILL"));
    // Killed once it holds a batch and its first requests are in flight (answered only after 4 s).
    const leased = await until(() => db.delivery.count({ where: { leasedUntil: { not: null } } }), (n) => n > 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const connections = () => db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'worker-to-kill'`.then(([row]) => row.n);
    expect(await connections()).toBeGreaterThan(0);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    // Really dead: its connections are gone (the kernel closes them with the process).
    expect(await until(connections, (n) => n === 0, 5_000)).toBe(0);
    expect(leased).toBeGreaterThan(0);
    const sentBeforeKill = await db.delivery.count({ where: { status: "SENT" } });
    expect(sentBeforeKill).toBeLessThan(30);

    // A second worker takes over once the dead one's job and leases lapse.
    await runner(db, pool, 3000);
    const sent = await until(() => db.delivery.count({ where: { status: "SENT" } }), (n) => n === 30, 90_000);
    expect(sent).toBe(30);
    await receiver.waitForMessages(30, 10_000);
    expect(receiver.messages.map((m) => m.payload.data.email).sort()).toEqual([...emails].sort());
    // Anything the killed worker sent but could not record went again under the same webhook-id.
    expect(receiver.duplicates.every((id) => receiver.messages.some((m) => m.id === id))).toBe(true);
  }, 150_000);

  it("PostgreSQL restarted mid-drain: the worker carries on when it is back, and no record is lost", async () => {
    const server: PrivatePostgres = await startPrivatePostgres();
    cleanups.push(() => server.stop());
    const serverUrl = new URL(server.url);
    const url = await createFreshDatabaseOn(serverUrl);
    const { db, pool } = await database(url);
    const secret = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
    const receiver = await startWebhookReceiver({ secrets: [secret] });
    cleanups.push(() => receiver.close());
    const { venue } = await createVenueFixture(db);
    await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "webhook", settings: { endpointUrl: receiver.url, payload: "full" }, secrets: { signingSecrets: [secret] } });
    const emails = await guests(db, venue, "restart", 40);
    // Slow answers keep the drain going while the server goes down.
    receiver.answerNext(12, { delayMs: 700 });
    await runner(db, pool, 3000);

    await until(() => receiver.messages.length, (n) => n > 0, 30_000);
    expect(receiver.messages.length).toBeLessThan(40);
    await server.restart(1500);
    const sent = await until(() => db.delivery.count({ where: { status: "SENT" } }).catch(() => -1), (n) => n === 40, 120_000);
    expect(sent).toBe(40);
    expect(receiver.messages.map((m) => m.payload.data.email).sort()).toEqual([...emails].sort());
  }, 180_000);
});

/** A migrated database on the test's own server (the shared helpers refuse anything but TEST_DATABASE_URL's). */
async function createFreshDatabaseOn(server: URL): Promise<string> {
  const { applyMigrations } = await import("@/lib/db/migrate");
  const url = new URL(server);
  url.pathname = "/portico_faults";
  const admin = createPool(server.toString(), 1);
  await admin.query(`CREATE DATABASE portico_faults`);
  await admin.end();
  await applyMigrations({ connectionString: url.toString() });
  return url.toString();
}
