import { runRetention } from "@/lib/rights/retention/run-retention";

import type { ScheduledJob } from "./scheduled-job";

/** Each venue's retention policy applied once a day, at a quiet hour (docs/RIGHTS.md). */
export const retentionJob: ScheduledJob = {
  name: "retention",
  cron: "20 3 * * *",
  run: async (db) => ({ ...(await runRetention(db)) }),
};
