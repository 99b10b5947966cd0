// A pg-boss job written inside a Prisma transaction (pg-boss's fromPrisma), so it exists exactly
// when the rows it is about do. One sender per client, made on first use: only `send` is used,
// so it never needs starting. Not server-only: the job runner imports its callers outside Next.
import { fromPrisma, PgBoss, type SendOptions } from "pg-boss";

import type { Db, DbTx } from "./client";

const senders = new WeakMap<object, PgBoss>();

export async function sendJobInTransaction(db: Db, tx: DbTx, queue: string, data: object, options: SendOptions = {}): Promise<void> {
  let boss = senders.get(db);
  if (!boss) {
    boss = new PgBoss({ db: fromPrisma(db), schema: "pgboss" });
    senders.set(db, boss);
  }
  await boss.send(queue, data, { ...options, db: fromPrisma(tx) });
}
