// The pg-boss queue that rebuilds one venue's rollups after its time zone changes (its local
// hours, days and months move). The venue update queues the job in its own transaction, so the
// rebuild is asked for exactly when the new zone is saved; the job runner's worker
// (lib/jobs/analytics-rebuild-work.ts) runs rebuildVenueRollups (lib/analytics). It lives with
// the venues, which queue it, so lib/venues need not import lib/analytics. Not server-only:
// the job runner imports it outside Next.
import type { Queue } from "pg-boss";

import type { Db, DbTx } from "@/lib/db/client";
import { sendJobInTransaction } from "@/lib/db/send-in-transaction";

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

/** Queues the venue's rebuild inside `tx`. */
export function queueVenueRebuild(db: Db, tx: DbTx, venueId: string): Promise<void> {
  return sendJobInTransaction(db, tx, venueRebuildQueue, { venueId } satisfies VenueRebuildJob, { singletonKey: venueId });
}
