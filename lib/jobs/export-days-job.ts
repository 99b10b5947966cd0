import { env } from "@/lib/env";
import { exportStorageFrom } from "@/lib/exports";
import { exportYesterday } from "@/lib/exports/export-yesterday";

import type { ScheduledJob } from "./scheduled-job";

/** BI exports (docs/EXPORTS.md): every venue's previous day, in its own time zone, once. */
export const exportDaysJob: ScheduledJob = {
  name: "export-days",
  cron: "20 * * * *",
  run: (db) => exportYesterday(db, exportStorageFrom(env)),
};
