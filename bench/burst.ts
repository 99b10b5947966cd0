// A keynote ends: 8,000 guests reach the splash within 60 seconds. Journeys are fired on an
// open-loop arrival schedule (each guest arrives at its own time whether or not the server has
// answered the ones before), over HTTP, against one Portico process or several on one
// PostgreSQL (optionally behind PgBouncer in transaction mode), while the job runners deliver
// every consented record to the vendors' contract servers, which throttle. Once the outbox has
// drained it checks in the database and at the vendors that nothing was lost or sent twice.
// Prints figures; exits 1 only when a check fails.
//
//   npm run bench:burst [-- --guests 8000 --seconds 60 --apps 1 --workers 0 --pgbouncer --pool 10]
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";

import pg from "pg";

import { createPrismaClient } from "@/lib/db/client";
import { seedDemoVenue } from "@/lib/demo";
import { registerServerModules } from "@/lib/runtime/register-server-modules";
import { createFreshDatabase, dropDatabase, testServerUrl } from "@/tests/support/database";
import { startPgBouncer, type PgBouncer } from "@/tests/support/pgbouncer";

import { cpuSeconds, startApp, startWorker, stopProcess, type ProcessEnv } from "./support/app-process";
import { printBurstReport } from "./support/burst-report";
import { benchApplicationName, connectionSample, openDrainJobs, unsettled } from "./support/burst-checks";
import { freePort } from "./support/free-port";
import { createGuestClient, latencyHistogram, type JourneyOutcome } from "./support/journey-driver";

// The connectors and the secret store are server-only modules, as in the app.
registerServerModules();
const { secretKey } = await import("@/lib/crypto");
const { connectorSecretStore } = await import("@/lib/delivery/secret-store");
const { startVendors } = await import("./support/burst-vendors");

const { values: args } = parseArgs({
  options: {
    guests: { type: "string", default: "8000" },
    seconds: { type: "string", default: "60" },
    apps: { type: "string", default: "1" },
    workers: { type: "string", default: "0" },
    pgbouncer: { type: "boolean", default: false },
    "pgbouncer-pool": { type: "string", default: "20" },
    pool: { type: "string", default: "10" },
    tick: { type: "string", default: "0.3" },
    "batch-wait": { type: "string", default: "5" },
    hubspot: { type: "string", default: "10" },
    mailchimp: { type: "string", default: "2" },
    brevo: { type: "string", default: "10" },
    connections: { type: "string", default: "256" },
    warmup: { type: "string", default: "100" },
    "timeout-seconds": { type: "string", default: "900" },
    keep: { type: "boolean", default: false },
  },
});
const guestCount = Number(args.guests);
const windowMs = Number(args.seconds) * 1000;
const run = randomBytes(4).toString("hex");

async function serverVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: testServerUrl().toString() });
  await client.connect();
  try {
    return (await client.query("SHOW server_version")).rows[0].server_version as string;
  } finally {
    await client.end();
  }
}

/** Busy and total jiffies of the whole machine: what everyone, other sessions included, used. */
async function machineCpu(): Promise<{ busy: number; total: number }> {
  const { readFile } = await import("node:fs/promises");
  const fields = (await readFile("/proc/stat", "utf8")).split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

async function main(): Promise<number> {
  const apps = Number(args.apps);
  const workers = Number(args.workers);
  console.log(
    `bench:burst on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, PostgreSQL ${await serverVersion()}; ` +
      `load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} before the run.\n` +
      `${guestCount} guests arriving over ${windowMs / 1000} s (open loop: random arrival times, ${(guestCount / (windowMs / 1000)).toFixed(1)}/s on average); ` +
      `${apps} app process(es) + ${workers} worker(s)${args.pgbouncer ? `, all through PgBouncer (transaction mode, ${args["pgbouncer-pool"]} server connections)` : ""}; ` +
      `app pool ${args.pool}; each optional box ticked with p=${args.tick}; requests spread over the app processes in turn.`,
  );
  const databaseUrl = await createFreshDatabase(`portico_bench_burst_${run}`);
  const db = createPrismaClient(databaseUrl, 2);
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: benchApplicationName });
  const keyBytes = randomBytes(32);
  const children: ChildProcess[] = [];
  let pgbouncer: PgBouncer | undefined;
  let vendors: Awaited<ReturnType<typeof startVendors>> | undefined;
  try {
    await seedDemoVenue(db);
    const venue = await db.venue.findUniqueOrThrow({ where: { slug: "demo" } });
    vendors = await startVendors(db, venue.id, connectorSecretStore({ current: secretKey(keyBytes) }), {
      hubspotPer10s: Number(args.hubspot),
      mailchimpPer10s: Number(args.mailchimp),
      brevoPerSecond: Number(args.brevo),
    }, Number(args["batch-wait"]));

    const direct = new URL(databaseUrl);
    if (args.pgbouncer) {
      pgbouncer = await startPgBouncer({ host: direct.hostname, port: Number(direct.port || 5432), user: decodeURIComponent(direct.username) || "postgres" }, Number(args["pgbouncer-pool"]));
    }
    const env: ProcessEnv = {
      databaseUrl: pgbouncer ? pgbouncer.pooledUrl(databaseUrl) : databaseUrl,
      directDatabaseUrl: pgbouncer ? databaseUrl : undefined,
      poolMax: Number(args.pool),
      secretKey: keyBytes.toString("base64"),
      nextAuthSecret: randomBytes(32).toString("base64url"),
    };
    const ports = await Promise.all(Array.from({ length: apps }, () => freePort()));
    children.push(...(await Promise.all(ports.map((port) => startApp(env, port)))));
    for (let i = 0; i < workers; i++) children.push(startWorker({ ...env, poolMax: 5 }));
    const targets = ports.map((port) => `http://127.0.0.1:${port}`);
    const guests = createGuestClient({ targets, venueSlug: "demo", connections: Number(args.connections), returningShare: 0, tickProbability: Number(args.tick) });

    // Warm-up (JIT, pools, caches), ticking nothing so it owes the vendors nothing; counted in the checks.
    const warmups: JourneyOutcome[] = [];
    const warm = createGuestClient({ targets, venueSlug: "demo", connections: 4, returningShare: 0, tickProbability: 0 });
    let warmStarted = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (warmStarted++ < Number(args.warmup)) warmups.push(await warm.journey());
      }),
    );
    await warm.close();

    const groups = children.map((child) => child.pid!);
    const appGroups = groups.slice(0, apps);
    const workerGroups = groups.slice(apps);
    const backendCpu = new Map<number, { first: number; last: number }>();
    const samples: { active: number; lockWaits: number }[] = [];
    const sample = async () => {
      const now = await connectionSample(sql);
      samples.push(now);
      for (const pid of now.pids) {
        const cpu = cpuSeconds({ pids: [pid] });
        const seen = backendCpu.get(pid);
        backendCpu.set(pid, { first: seen?.first ?? cpu, last: cpu });
      }
    };
    await sample();
    samples.length = 0;
    const cpuBefore = { app: cpuSeconds({ groups: appGroups }), worker: cpuSeconds({ groups: workerGroups }), bench: process.cpuUsage(), machine: await machineCpu() };

    // The schedule: guestCount arrival times drawn uniformly over the window (a Poisson process
    // with that many arrivals), fired at their time whatever the server is doing.
    const schedule = Array.from({ length: guestCount }, () => Math.random() * windowMs).sort((a, b) => a - b);
    const journeyTimes = latencyHistogram();
    const lateness = latencyHistogram();
    const outcomes: JourneyOutcome[] = [];
    const errorSamples: string[] = [];
    let errors = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let lastFired = 0;
    const sampler = setInterval(() => void sample().catch(() => undefined), 500);
    const started = performance.now();
    const webhookThrottle = setTimeout(() => vendors!.throttleWebhook(5), windowMs / 3);
    const running: Promise<void>[] = [];
    for (const offset of schedule) {
      const due = started + offset;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const fired = performance.now();
      lateness.recordValue(Math.max(1, Math.round((fired - due) * 1000)));
      lastFired = fired;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      running.push(
        guests.journey().then(
          (outcome) => {
            outcomes.push(outcome);
            // From the guest's arrival, so time spent waiting behind a slow server counts.
            journeyTimes.recordValue(Math.max(1, Math.round((performance.now() - due) * 1000)));
          },
          (error: unknown) => {
            errors += 1;
            if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
          },
        ).finally(() => (inFlight -= 1)),
      );
    }
    await Promise.all(running);
    const journeysDone = performance.now();
    clearTimeout(webhookThrottle);
    clearInterval(sampler);
    const cpuAfter = { app: cpuSeconds({ groups: appGroups }), worker: cpuSeconds({ groups: workerGroups }), bench: process.cpuUsage(cpuBefore.bench), machine: await machineCpu() };
    await guests.close();

    // The drain: until every outbox row is settled.
    const deadline = Date.now() + Number(args["timeout-seconds"]) * 1000;
    while ((await unsettled(sql)) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    const drained = performance.now();
    // Then until the queue is idle: a wake or a throttled drain's own follow-up may have queued a
    // drain just as the last row settled; it must run (and find nothing), not be left behind.
    while ((await openDrainJobs(sql)) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    for (const child of children.splice(0).reverse()) await stopProcess(child);

    const burstSeconds = (journeysDone - started) / 1000;
    const machineShare = (cpuAfter.machine.busy - cpuBefore.machine.busy) / (cpuAfter.machine.total - cpuBefore.machine.total);
    return await printBurstReport(sql, vendors.accounts, {
      guestCount,
      windowSeconds: windowMs / 1000,
      outcomes,
      warmups,
      errors,
      errorSamples,
      journeyTimes,
      perStep: guests.perStep,
      lateness,
      firedSeconds: (lastFired - started) / 1000,
      burstSeconds,
      maxInFlight,
      drainSeconds: (drained - journeysDone) / 1000,
      startedAt: new Date(Date.now() - (performance.now() - started)),
      journeysDoneAt: new Date(Date.now() - (performance.now() - journeysDone)),
      cpu: {
        app: cpuAfter.app - cpuBefore.app,
        worker: cpuAfter.worker - cpuBefore.worker,
        postgres: [...backendCpu.values()].reduce((sum, { first, last }) => sum + last - first, 0),
        bench: (cpuAfter.bench.user + cpuAfter.bench.system) / 1e6,
        machineBusyShare: machineShare,
        cores: cpus().length,
      },
      connections: samples,
      poolSize: Number(args.pool) * apps,
    });
  } finally {
    for (const child of children.reverse()) await stopProcess(child);
    await pgbouncer?.stop();
    for (const account of vendors?.accounts ?? []) await account.close();
    await sql.end();
    await db.$disconnect();
    if (args.keep) console.log(`kept ${databaseUrl}`);
    else await dropDatabase(databaseUrl).catch((error: unknown) => console.error(`could not drop ${databaseUrl}:`, error));
  }
}

process.exitCode = await main();
