// A delivery worker in a process of its own, for tests that kill it (SIGKILL) mid-batch: the
// real job runner and worker, with a short lease so a test need not wait a minute for the
// killed process's records to come due again.
//
//   tsx tests/support/delivery-worker-process.ts <database url> <lease ms>
import { register } from "node:module";

register("../../lib/runtime/server-only-hook.mjs", import.meta.url);

const [databaseUrl, leaseMs] = process.argv.slice(2);
if (!databaseUrl || !leaseMs) throw new Error("usage: delivery-worker-process.ts <database url> <lease ms>");

const { createPool, createPrismaClient } = await import("@/lib/db/client");
const { startJobRunner } = await import("@/lib/jobs/job-runner");
const { plainSecretStore } = await import("./delivery-fixture");

const pool = createPool(databaseUrl, 2);
const db = createPrismaClient(pool);
await startJobRunner({ db, pool, pollingIntervalSeconds: 0.5, delivery: { secrets: plainSecretStore, leaseMs: Number(leaseMs) } });
console.log("worker ready");
