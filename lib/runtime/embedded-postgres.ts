// PostgreSQL without installing PostgreSQL: PGlite (Postgres compiled to WASM) keeps its files
// in a directory and pglite-socket speaks the wire protocol, so Prisma's pg adapter connects
// to it like any server.
//
// PGlite is a single backend in single-user mode, so it serves ONE client session at a time:
// two live connections would share one session and interleave their messages. Portico keeps
// it to one: the connection gate in front admits one client and queues the rest, and the
// app's Prisma pool is capped at one connection (DATABASE_POOL_MAX=1, set by start.ts).
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

import { startConnectionGate } from "./connection-gate";
import { lockDataDir } from "./data-dir-lock";

export interface EmbeddedPostgresOptions {
  /** Created if missing; the database persists there across restarts. */
  dataDir: string;
  /** Default 127.0.0.1: the database has no password, so it stays on the loopback interface. */
  host?: string;
  /** Default 0: the OS picks a free port (the connection string carries it). */
  port?: number;
}

export interface EmbeddedPostgres {
  /** postgres:// URL for pg, Prisma's adapter or psql. */
  connectionString: string;
  /** Absolute path of the data directory. */
  dataDir: string;
  /** Closes the listener and PGlite; PGlite's clean shutdown writes everything to disk. */
  stop(): Promise<void>;
}

/**
 * PGlite accepts any user and database name and runs every session as `postgres` on
 * database `postgres`, with no password. It answers SSLRequest with "N", and pg treats
 * sslmode=prefer/require as verify-full and fails, so the URL turns TLS off explicitly
 * (otherwise a PGSSLMODE in the environment would break the connection).
 */
function connectionStringFor(host: string, port: number): string {
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return `postgres://postgres@${hostPart}:${port}/postgres?sslmode=disable`;
}

/** pglite-socket listens where only this process can reach it; the gate is the public door. */
async function privateSocketPath(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const name = `portico-pglite-${process.pid}-${Date.now().toString(36)}`;
  if (process.platform === "win32") {
    return { path: `\\\\.\\pipe\\${name}`, cleanup: async () => undefined };
  }
  // A short base keeps the path under the ~104-byte Unix socket limit.
  const dir = await mkdtemp(path.join(process.platform === "darwin" ? "/tmp" : tmpdir(), "portico-"));
  return { path: path.join(dir, ".s.PGSQL"), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);

  const cleanups: Array<() => Promise<unknown>> = [unlock];
  // Newest first, and every step even if one fails: the lock must not outlive the process.
  const runCleanups = async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  };

  try {
    const db = await PGlite.create({ dataDir });
    cleanups.push(() => db.close());

    const socket = await privateSocketPath();
    cleanups.push(socket.cleanup);
    // maxConnections 2, not 1: the gate lets one session through at a time, but the socket of
    // the session that just ended may not be retired yet when the next one connects.
    const server = new PGLiteSocketServer({ db, path: socket.path, maxConnections: 2 });
    await server.start();
    cleanups.push(() => server.stop());

    const host = options.host ?? "127.0.0.1";
    const gate = await startConnectionGate({ host, port: options.port ?? 0, upstreamPath: socket.path });
    cleanups.push(() => gate.close());

    let stopping: Promise<void> | undefined;
    return {
      connectionString: connectionStringFor(host, gate.port),
      dataDir,
      stop: () => (stopping ??= runCleanups()),
    };
  } catch (error) {
    await runCleanups();
    throw error;
  }
}
