// The job queue's liveness signal: each process that works the queue stamps its own row in
// worker_heartbeat every few seconds, through the same pool its jobs use. A stamp that keeps
// coming means this process reaches the database and its runner has not stopped; /readyz
// (lib/ops/readiness.ts) reports the queue alive while any process's stamp is recent. One tiny
// UPDATE per process per interval: nothing against a database serving thousands of guests.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

import type { Pool } from "pg";

import { logger } from "@/lib/log";

/** How often a process stamps its row. */
export const heartbeatIntervalMs = 10_000;
/** A stamp older than this is a process that stopped (six missed beats). */
export const heartbeatStaleAfterSeconds = 60;

export type WorkerRole = "web" | "worker";

export interface Heartbeat {
  id: string;
  stop(): Promise<void>;
}

export async function startHeartbeat(pool: Pool, role: WorkerRole, intervalMs = heartbeatIntervalMs): Promise<Heartbeat> {
  const id = `${hostname().slice(0, 80)}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const beat = () =>
    pool.query(
      `WITH gone AS (DELETE FROM worker_heartbeat WHERE beat_at < now() - interval '1 day')
       INSERT INTO worker_heartbeat (id, role, started_at, beat_at) VALUES ($1, $2, now(), now())
       ON CONFLICT (id) DO UPDATE SET beat_at = now()`,
      [id, role],
    );
  await beat();
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = beat().catch((error: unknown) => logger.warn({ err: error }, "job queue heartbeat failed"));
  }, intervalMs);
  timer.unref();
  return {
    id,
    async stop() {
      clearInterval(timer);
      await running;
      // Gone at once rather than stale in a minute: /readyz of the others stays honest.
      await pool.query(`DELETE FROM worker_heartbeat WHERE id = $1`, [id]).catch(() => undefined);
    },
  };
}
