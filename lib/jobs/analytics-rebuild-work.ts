// Works the venue rebuild queue (lib/venues/analytics-rebuild-queue.ts): a venue whose time zone
// changed is folded again from the log on its new clock. Every runner creates the queue, so a
// venue update can always queue; a failed rebuild is retried whole (it is one transaction).
import type { PgBoss } from "pg-boss";

import { rebuildVenueRollups } from "@/lib/analytics/fold-events";
import { venueRebuildQueue, venueRebuildQueueOptions, type VenueRebuildJob } from "@/lib/venues/analytics-rebuild-queue";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

export async function workVenueRebuilds(boss: PgBoss, db: Db, pollingIntervalSeconds = 5): Promise<void> {
  await boss.createQueue(venueRebuildQueue, venueRebuildQueueOptions);
  await boss.work<VenueRebuildJob>(venueRebuildQueue, { pollingIntervalSeconds }, async ([job]) => {
    if (!job) return;
    const started = Date.now();
    const { events } = await rebuildVenueRollups(db, job.data.venueId);
    logger.info({ job: venueRebuildQueue, venueId: job.data.venueId, events, ms: Date.now() - started }, "venue rollups rebuilt");
  });
}
