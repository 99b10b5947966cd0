import { purgeExpiredJourneys } from "@/lib/journeys/purge-expired-journeys";

import type { ScheduledJob } from "./scheduled-job";

/** Abandoned journeys' personal data goes within minutes of their expiry. */
export const purgeExpiredJourneysJob: ScheduledJob = {
  name: "purge-expired-journeys",
  cron: "*/5 * * * *",
  run: async (db) => ({ purged: await purgeExpiredJourneys(db) }),
};
