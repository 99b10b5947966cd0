import { purgeSelfServiceLinks } from "@/lib/rights/self-service";

import type { ScheduledJob } from "./scheduled-job";

/** Expired "Manage my data" links and spent rate rows, hourly. */
export const purgeSelfServiceLinksJob: ScheduledJob = {
  name: "purge-self-service-links",
  cron: "17 * * * *",
  run: (db) => purgeSelfServiceLinks(db),
};
