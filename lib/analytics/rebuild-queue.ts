// The pg-boss queue that rebuilds one venue's rollups after its time zone changes (its local
// hours, days and months move). The venue update queues the job in its own transaction, so the
// rebuild is asked for exactly when the new zone is saved; the job runner's worker
// (lib/jobs/analytics-rebuild-work.ts) runs rebuildVenueRollups. Not server-only: the job
// runner imports it outside Next.
import { fromPrisma, PgBoss, type Queue } from "pg-boss";

import type { Db, DbTx } from "@/lib/db/client";

export const venueRebuildQueue = "analytics-venue-rebuild";

/** One rebuild per venue waiting at a time (singletonKey): two zone changes in a row need one pass. */
export const venueRebuildQueueOptions: Omit<Queue, "name"> = {
  policy: "stately",
  retryLimit: 5,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 900,
};

export interface VenueRebuildJob {
  venueId: string;
}

const senders = new WeakMap<object, PgBoss>();

/** Queues the venue's rebuild inside `tx`. */
export async function queueVenueRebuild(db: Db, tx: DbTx, venueId: string): Promise<void> {
  let boss = senders.get(db);
  if (!boss) {
    boss = new PgBoss({ db: fromPrisma(db), schema: "pgboss" });
    senders.set(db, boss);
  }
  await boss.send(venueRebuildQueue, { venueId } satisfies VenueRebuildJob, { db: fromPrisma(tx), singletonKey: venueId });
}
