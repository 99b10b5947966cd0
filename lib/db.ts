import "server-only";

import type { Pool } from "pg";

import { createPrismaClient, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";

export type { Db, DbTx } from "@/lib/db/client";

// `porticoPool` is the connection pool the runtime (lib/runtime/start.ts) opened for the
// whole process, shared with the job queue; without it (a bare `next start`) the client opens
// its own. One client per module graph: Next's bundle and the runtime's guest-page server each
// get theirs (Prisma's error classes are per copy, so a client must not cross graphs); in
// development it is kept on globalThis so hot reloads do not open new pools.
const shared = globalThis as unknown as { porticoPool?: Pool; porticoDevPrisma?: Db };
let client: Db | undefined;

function createClient(): Db {
  if (shared.porticoPool) return createPrismaClient(shared.porticoPool);
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start Portico with `npm start`, which provides the embedded database.");
  }
  return createPrismaClient(env.DATABASE_URL, env.DATABASE_POOL_MAX);
}

function instance(): Db {
  if (env.NODE_ENV === "development") return (shared.porticoDevPrisma ??= createClient());
  return (client ??= createClient());
}

/**
 * The shared client, created on first use rather than at import: `next build` imports
 * route modules without a database, and the embedded runtime sets DATABASE_URL at start.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const instanceNow = instance();
    const value: unknown = Reflect.get(instanceNow, property);
    return typeof value === "function" ? value.bind(instanceNow) : value;
  },
});
