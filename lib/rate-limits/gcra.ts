// The one limiter statement: a generic cell rate algorithm (GCRA) whose state is one row per key
// (its theoretical arrival time, `tat`), moved by a single upsert under the row's lock, so every
// process on the database shares the count. One request costs `intervalSeconds`; the row may run
// up to `windowSeconds` ahead of now (a burst of window / interval requests at once).
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/** Where a limiter's rows live: `rate_limit` by text key, `api_key_rate` by key id. */
export type RateTable = { table: "rate_limit"; key: string } | { table: "api_key_rate"; key: string };

export interface GcraStep {
  allowed: boolean;
  /** The row's theoretical arrival time after this request. */
  tat: Date;
  /** The database's now, which `tat` is measured against. */
  at: Date;
}

export async function takeGcra(db: Db, target: RateTable, intervalSeconds: number, windowSeconds: number): Promise<GcraStep> {
  const [table, column, key] =
    target.table === "rate_limit"
      ? [Prisma.raw("rate_limit"), Prisma.raw("key"), Prisma.sql`${target.key}`]
      : [Prisma.raw("api_key_rate"), Prisma.raw("api_key_id"), Prisma.sql`${target.key}::uuid`];
  const next = Prisma.sql`greatest(r.tat, now()) + make_interval(secs => ${intervalSeconds})`;
  const fits = Prisma.sql`${next} <= now() + make_interval(secs => ${windowSeconds})`;
  const [row] = await db.$queryRaw<GcraStep[]>`
    INSERT INTO ${table} AS r (${column}, tat, allowed)
    VALUES (${key}, now() + make_interval(secs => ${intervalSeconds}), true)
    ON CONFLICT (${column}) DO UPDATE SET allowed = ${fits}, tat = CASE WHEN ${fits} THEN ${next} ELSE r.tat END
    RETURNING allowed, tat, now() AS at`;
  return row!;
}
