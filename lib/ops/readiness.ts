// /readyz: whether this process should be sent guests. Ready when the database answers within
// a short timeout, every migration this release ships is applied (a process started before an
// upgrade's migrations ran, or a database restored from an older backup, is not), and the job
// queue is alive: some process that works it (this one's runner or an `npm run worker`) has
// stamped its heartbeat recently (lib/ops/heartbeat.ts). One round trip to the database.
import { readdir } from "node:fs/promises";
import path from "node:path";

import type { Pool } from "pg";

import { heartbeatStaleAfterSeconds } from "./heartbeat";

export interface ReadinessOptions {
  pool: Pool;
  /** Defaults to prisma/migrations under the working directory, as lib/db/migrate.ts. */
  migrationsDir?: string;
  timeoutMs?: number;
  staleAfterSeconds?: number;
}

export interface Readiness {
  ready: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    migrations: { ok: boolean; missing?: string[] };
    jobQueue: { ok: boolean; workersAlive?: number; lastBeatSecondsAgo?: number | null };
  };
}

const shipped = new Map<string, Promise<string[]>>();

/** The migration folders of this release; read once per process (they do not change under it). */
function shippedMigrations(dir: string): Promise<string[]> {
  let names = shipped.get(dir);
  if (!names) {
    names = readdir(dir, { withFileTypes: true }).then((entries) => entries.filter((e) => e.isDirectory()).map((e) => e.name));
    names.catch(() => shipped.delete(dir));
    shipped.set(dir, names);
  }
  return names;
}

interface Row {
  applied: string[];
  alive: number;
  ago: number | null;
}

export async function checkReadiness(options: ReadinessOptions): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const stale = options.staleAfterSeconds ?? heartbeatStaleAfterSeconds;
  const expected = await shippedMigrations(options.migrationsDir ?? path.resolve("prisma/migrations"));
  let timer: NodeJS.Timeout | undefined;
  try {
    const query = options.pool.query<Row>(
      `SELECT (SELECT coalesce(array_agg(migration_name::text), '{}') FROM _prisma_migrations
                WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL) AS applied,
              (SELECT count(*)::int FROM worker_heartbeat WHERE beat_at > now() - make_interval(secs => $1)) AS alive,
              (SELECT extract(epoch FROM now() - max(beat_at))::float8 FROM worker_heartbeat) AS ago`,
      [stale],
    );
    const row = await Promise.race([
      query.then((result) => result.rows[0]!),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    const missing = expected.filter((name) => !row.applied.includes(name)).sort();
    const lastBeat = row.ago === null ? null : Math.round(row.ago);
    const checks: Readiness["checks"] = {
      database: { ok: true },
      migrations: missing.length === 0 ? { ok: true } : { ok: false, missing },
      jobQueue: { ok: row.alive > 0, workersAlive: row.alive, lastBeatSecondsAgo: lastBeat },
    };
    return { ready: checks.migrations.ok && checks.jobQueue.ok, checks };
  } catch (error) {
    // Before the migrations table exists, or the database is away: either way, not ready.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ready: false,
      checks: { database: { ok: false, error: message.slice(0, 200) }, migrations: { ok: false }, jobQueue: { ok: false } },
    };
  } finally {
    clearTimeout(timer);
  }
}
