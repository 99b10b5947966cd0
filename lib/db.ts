import "server-only";

import type { Pool } from "pg";

import { createPrismaClient, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";

export type { Db, DbTx } from "@/lib/db/client";

// One client per process, kept across hot reloads in development. `porticoPool` is the
// connection pool the runtime (lib/runtime/start.ts) opened for the whole process, shared with
// the job queue; without it (a bare `next start`) the client opens its own.
const globalForPrisma = globalThis as unknown as { porticoPrisma?: Db; porticoPool?: Pool };

function instance(): Db {
  if (!globalForPrisma.porticoPrisma) {
    if (globalForPrisma.porticoPool) {
      globalForPrisma.porticoPrisma = createPrismaClient(globalForPrisma.porticoPool);
    } else {
      if (!env.DATABASE_URL) {
        throw new Error("DATABASE_URL is not set: start Portico with `npm start`, which provides the embedded database.");
      }
      globalForPrisma.porticoPrisma = createPrismaClient(env.DATABASE_URL, env.DATABASE_POOL_MAX);
    }
  }
  return globalForPrisma.porticoPrisma;
}

/**
 * The shared client, created on first use rather than at import: `next build` imports
 * route modules without a database, and the embedded runtime sets DATABASE_URL at start.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = instance();
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
