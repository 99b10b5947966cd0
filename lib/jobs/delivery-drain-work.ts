// Works the drain queue: each job drains one connector (lib/delivery/worker.ts) and, when items
// remain that are not due yet, queues the connector's next drain for when they are.
import type { PgBoss } from "pg-boss";

import { sweepDueDeliveries } from "@/lib/delivery/sweep";
import { drainQueue, drainQueueOptions, sendWakeUpsThrough } from "@/lib/delivery/wake";
import { drainConnector, type DrainOptions } from "@/lib/delivery/worker";
import { logger } from "@/lib/log";

/** Drains running at once in one process (each holds no connection while it waits on a vendor). */
export const drainConcurrency = 4;

/**
 * A connector's next drain is queued at most this far ahead, so a wake-up that finds the queued
 * slot taken (pg-boss keeps one queued drain per connector) waits no longer than this.
 */
const followUpHorizonMs = 15_000;

export async function workDrainQueue(boss: PgBoss, options: DrainOptions): Promise<void> {
  await boss.createQueue(drainQueue, drainQueueOptions);
  sendWakeUpsThrough(options.db, boss);
  await boss.work<{ connectorId: string }>(drainQueue, { localConcurrency: drainConcurrency, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const report = await drainConnector(options, job.data.connectorId);
    if (report.calls > 0 || report.skipped > 0) logger.info(report, "delivery drain");
    if (report.nextRunAt) {
      const now = Date.now();
      const at = Math.min(report.nextRunAt.getTime(), now + followUpHorizonMs);
      await boss.send(drainQueue, { connectorId: report.connectorId }, { singletonKey: report.connectorId, ...(at > now ? { startAfter: new Date(at) } : {}) });
    }
  });
  // What waited while no worker ran (a restart, a crash, wake-ups sent before the queue existed)
  // goes now, not at the next minute's sweep.
  await sweepDueDeliveries(options.db);
}
