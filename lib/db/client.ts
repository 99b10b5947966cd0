// The Prisma client factory, free of "server-only" so CLI scripts (migrate, seed, start)
// can use it too. Application code imports the shared instance from "@/lib/db".
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";

export type Db = PrismaClient;
/** A transaction client: what domain functions take when they must join a caller's transaction. */
export type DbTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** A connection pool to share between Prisma and the job queue (one process, one set of connections). */
export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server ends (a restart, a failover, an administrator) is an 'error'
  // on the pool; unhandled, it would end the process. The pool drops that connection and
  // opens a new one when next needed, so a log line is all it takes.
  pool.on("error", (error: Error & { code?: string }) =>
    logger.warn({ code: error.code, reason: error.message }, "a database connection was closed by the server; the pool replaces it"),
  );
  return pool;
}

/**
 * A Prisma client over a new pool, or over a pool the caller owns (and ends): the runtime
 * hands Next's client the same pool the job queue uses, so on the embedded database, which
 * takes one connection, both take turns on that one.
 */
export function createPrismaClient(connection: string | pg.Pool, poolMax = 10): PrismaClient {
  const adapter =
    typeof connection === "string" ? new PrismaPg(createPool(connection, poolMax), { disposeExternalPool: true }) : new PrismaPg(connection);
  return new PrismaClient({ adapter });
}
