import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPool, createPrismaClient, type Db } from "@/lib/db/client";
import { startJobRunner, type JobRunner } from "@/lib/jobs/job-runner";
import { purgeExpiredJourneysJob } from "@/lib/jobs/purge-expired-journeys-job";

import { createFreshDatabase, dropDatabase } from "../support/database";
import { openTestJourney } from "../support/journey-fixture";
import { createVenueFixture } from "../support/venue-fixture";

let url: string;
let pool: pg.Pool;
let db: Db;
let runner: JobRunner;

beforeAll(async () => {
  url = await createFreshDatabase();
  // One connection, as on the embedded database: Prisma and the queue take turns on it.
  pool = createPool(url, 1);
  db = createPrismaClient(pool);
  runner = await startJobRunner({ db, pool, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await runner?.stop();
  await db?.$disconnect();
  await pool?.end();
  if (url) await dropDatabase(url);
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the job runner", () => {
  it("schedules the purge of abandoned journeys every five minutes", async () => {
    const schedules = await runner.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron])).toContainEqual([purgeExpiredJourneysJob.name, "*/5 * * * *"]);
  });

  it("runs the purge job on the queue, over the one shared connection, and the journey's personal data is gone", async () => {
    const { venue } = await createVenueFixture(db);
    const token = await openTestJourney(db, venue, { email: "abandoned@example.com" });
    await db.journey.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });

    await runner.boss.send(purgeExpiredJourneysJob.name);
    const journey = await until(
      () => db.journey.findUniqueOrThrow({ where: { token } }),
      (j) => j.purgedAt !== null,
    );
    expect(journey).toMatchObject({ identity: null, clientMac: null, clientIp: null, ip: null, userAgent: null, gatewayParams: {} });
  });
});
