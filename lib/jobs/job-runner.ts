// The background work of a Portico process, on pg-boss: a job queue kept in PostgreSQL, so a
// job survives restarts and crashes, and several processes share the work without doing any
// of it twice (pg-boss claims jobs with SKIP LOCKED and sends each cron occurrence once).
import { PgBoss, type Db as QueueDatabase } from "pg-boss";
import type { Pool } from "pg";

import type { Db } from "@/lib/db/client";
import type { DrainOptions } from "@/lib/delivery/worker";
import { logger } from "@/lib/log";

import { workVenueRebuilds } from "./analytics-rebuild-work";
import { workDrainQueue } from "./delivery-drain-work";
import { workSelfServiceMail, type SelfServiceMailOptions } from "./self-service-mail-work";
import { startHeartbeat, type WorkerRole } from "@/lib/ops/heartbeat";
import { scheduledJobs } from "./registry";
import type { ScheduledJob } from "./scheduled-job";

export interface JobRunner {
  boss: PgBoss;
  /** Stops taking jobs and waits (up to the timeout) for running ones to finish. */
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  db: Db;
  /**
   * The pool Prisma uses. pg-boss runs its statements through it too, so a process holds one
   * set of connections (on the embedded database: exactly one).
   */
  pool: Pool;
  jobs?: readonly ScheduledJob[];
  /** How often an idle worker looks for work. Scheduled jobs are not urgent: 30 s by default. */
  pollingIntervalSeconds?: number;
  /** Delivery to connectors (lib/delivery/worker.ts); without it this runner sends nothing out. */
  delivery?: Omit<DrainOptions, "db">;
  /** Which kind of process this is, on its heartbeat row (lib/ops/heartbeat.ts); "web" by default. */
  role?: WorkerRole;
  /** How often the heartbeat is stamped (tests shorten it). */
  heartbeatIntervalMs?: number;
  /** "Manage my data" emails (lib/mail); without settings this runner sends none. */
  mail?: SelfServiceMailOptions;
}

/** pg-boss over an existing pool. Without LISTEN (it needs its own session), workers poll. */
function poolDatabase(pool: Pool): QueueDatabase {
  return { executeSql: (text, values) => pool.query(text, values) };
}

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const jobs = options.jobs ?? scheduledJobs;
  // Supervision every 10 s: a drain whose worker died stops holding its connector within
  // seconds (its heartbeat stops), not minutes.
  const boss = new PgBoss({ db: poolDatabase(options.pool), schema: "pgboss", superviseIntervalSeconds: 10, monitorIntervalSeconds: 10 });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();

  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron);
    await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
      const started = Date.now();
      const result = await job.run(options.db);
      logger.info({ job: job.name, ms: Date.now() - started, ...result }, "job done");
    });
  }
  if (options.delivery) await workDrainQueue(boss, { db: options.db, ...options.delivery });
  await workSelfServiceMail(boss, options.db, options.mail ?? { settings: null });
  await workVenueRebuilds(boss, options.db, options.pollingIntervalSeconds);
  // Last: the queue is announced alive once it is working.
  const heartbeat = await startHeartbeat(options.pool, options.role ?? "web", options.heartbeatIntervalMs);
  return {
    boss,
    stop: async () => {
      await heartbeat.stop();
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
