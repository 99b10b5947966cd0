import { analyticsRollupJob } from "./analytics-rollup-job";
import { deliverySweepJob } from "./delivery-sweep-job";
import { dpaExpiryJob } from "./dpa-expiry-job";
import { endExpiredSessionsJob } from "./end-expired-sessions-job";
import { exportDaysJob } from "./export-days-job";
import { purgeExpiredJourneysJob } from "./purge-expired-journeys-job";
import { purgeRateLimitsJob } from "./purge-rate-limits-job";
import { purgeSelfServiceLinksJob } from "./purge-self-service-links-job";
import { resealSecretsJob } from "./reseal-secrets-job";
import { retentionJob } from "./retention-job";
import { samlSpJob } from "./saml-sp-job";
import type { ScheduledJob } from "./scheduled-job";

/** Every scheduled job. Adding one is one module and one line here. */
export const scheduledJobs: readonly ScheduledJob[] = [purgeExpiredJourneysJob, deliverySweepJob, resealSecretsJob, endExpiredSessionsJob, exportDaysJob, retentionJob, dpaExpiryJob, analyticsRollupJob, samlSpJob, purgeSelfServiceLinksJob, purgeRateLimitsJob];
