import { foldEvents } from "@/lib/analytics/fold-events";

import type { ScheduledJob } from "./scheduled-job";

/** Analytics (docs/ANALYTICS.md): folds the events written since the last run into the rollups. */
export const analyticsRollupJob: ScheduledJob = {
  name: "analytics-rollup",
  cron: "* * * * *",
  run: async (db) => {
    const { events, batches } = await foldEvents(db);
    return { events, batches };
  },
};
