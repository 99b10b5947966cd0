import { purgeExpiredJourneysJob } from "./purge-expired-journeys-job";
import type { ScheduledJob } from "./scheduled-job";

/** Every scheduled job. Adding one is one module and one line here. */
export const scheduledJobs: readonly ScheduledJob[] = [purgeExpiredJourneysJob];
