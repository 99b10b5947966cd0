import { lapseExpiredDpas } from "@/lib/venues/dpa-expiry";

import type { ScheduledJob } from "./scheduled-job";

/** Records sponsors' lapsed agreements within a minute of expiry (the portal stops offering them at the instant itself). */
export const dpaExpiryJob: ScheduledJob = {
  name: "dpa-expiry",
  cron: "* * * * *",
  run: async (db) => ({ lapsed: await lapseExpiredDpas(db) }),
};
