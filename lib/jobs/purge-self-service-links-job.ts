import { purgeSelfServiceLinks } from "@/lib/rights/self-service";

import type { ScheduledJob } from "./scheduled-job";

/** Expired "Manage my data" links, hourly. */
export const purgeSelfServiceLinksJob: ScheduledJob = {
  name: "purge-self-service-links",
  cron: "17 * * * *",
  run: async (db) => ({ links: await purgeSelfServiceLinks(db) }),
};
