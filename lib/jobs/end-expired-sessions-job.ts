import { endExpiredSessions } from "@/lib/network/end-expired-sessions";

import type { ScheduledJob } from "./scheduled-job";

/** Access sessions past their time that no gateway reported ended: ended, dwell from the last seen activity. */
export const endExpiredSessionsJob: ScheduledJob = {
  name: "end-expired-access-sessions",
  cron: "*/5 * * * *",
  run: async (db) => {
    let ended = 0;
    for (let round = 0; round < 20; round += 1) {
      const batch = await endExpiredSessions(db);
      ended += batch;
      if (batch < 1000) break;
    }
    return { ended };
  },
};
