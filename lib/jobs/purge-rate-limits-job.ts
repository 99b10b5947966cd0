import { purgeSpentRates } from "@/lib/rate-limits";

import type { ScheduledJob } from "./scheduled-job";

/** Rate rows whose allowance is whole again, hourly (lib/rate-limits). */
export const purgeRateLimitsJob: ScheduledJob = {
  name: "purge-rate-limits",
  cron: "23 * * * *",
  run: async (db) => ({ purged: await purgeSpentRates(db) }),
};
