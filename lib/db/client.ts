// The Prisma client factory, free of "server-only" so CLI scripts (migrate, seed, start)
// can use it too. Application code imports the shared instance from "@/lib/db".
import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
/** A transaction client: what domain functions take when they must join a caller's transaction. */
export type DbTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createPrismaClient(connectionString: string, poolMax = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolMax });
  return new PrismaClient({ adapter });
}
