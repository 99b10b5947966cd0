// `npm run worker`: a process that only works the job queue (deliveries to connectors and the
// scheduled jobs), beside the web process that runs a worker too. Several may run at once:
// pg-boss gives each connector's drain to one of them, and the outbox leases keep any two
// from sending the same record. It needs the database and PORTICO_SECRET_KEY of the web process.
import { EnvError, loadEnv, provideEnv, readWorkerEnv } from "@/lib/env";

import { assertSupportedNode } from "./node-version";
import { registerServerModules } from "./register-server-modules";

/** The web process's key: the variable, or the file `npm start` keeps on this machine. */
async function secretKey(fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const { readFile } = await import("node:fs/promises");
  const key = (await readFile(".portico/secret-key", "utf8").catch(() => "")).trim();
  if (!key) {
    throw new EnvError([
      "PORTICO_SECRET_KEY: set it to the web process's key (connector credentials are sealed with it); no .portico/secret-key was found here either.",
    ]);
  }
  return key;
}

async function main(): Promise<void> {
  assertSupportedNode();
  registerServerModules();
  const workerEnv = readWorkerEnv();
  provideEnv({ NODE_ENV: workerEnv.NODE_ENV ?? "production", PORTICO_SECRET_KEY: await secretKey(workerEnv.PORTICO_SECRET_KEY) });
  const env = loadEnv();
  const databaseUrl = env.DATABASE_URL!;

  const { applyMigrations } = await import("@/lib/db/migrate");
  await applyMigrations({ connectionString: env.DIRECT_DATABASE_URL ?? databaseUrl });
  const { createPool, createPrismaClient } = await import("@/lib/db/client");
  const pool = createPool(databaseUrl, env.DATABASE_POOL_MAX ?? 5);
  const db = createPrismaClient(pool);
  const { startJobRunner } = await import("@/lib/jobs/job-runner");
  const { connectorSecretStore } = await import("@/lib/delivery/secret-store");
  const { mailSettingsFromEnv } = await import("@/lib/mail");
  const runner = await startJobRunner({ db, pool, role: "worker", delivery: { secrets: connectorSecretStore() }, mail: { settings: mailSettingsFromEnv() } });
  const { logger } = await import("@/lib/log");
  logger.info({ pid: process.pid }, "Portico worker started: delivering to connectors and running scheduled jobs");

  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      logger.info({ signal }, "Portico worker stopping: finishing the drains under way");
      void runner
        .stop()
        .then(() => db.$disconnect())
        .then(() => pool.end())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
  }
}

main().catch((error: unknown) => {
  console.error(`Portico worker did not start: ${error instanceof Error && error.name === "EnvError" ? error.message : String(error instanceof Error ? (error.stack ?? error) : error)}`);
  process.exit(1);
});
