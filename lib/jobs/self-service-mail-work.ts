// Works the "Manage my data" email queue (lib/rights/self-service/mail-queue.ts). Every runner
// creates the queue, so the web pages can always queue; only a runner whose process has the
// SMTP settings takes its jobs (the others leave them to it).
import type { PgBoss } from "pg-boss";

import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { mailUnsetReason, smtpMailer, type Mailer, type MailSettings } from "@/lib/mail";
import { selfServiceMailQueue, selfServiceMailQueueOptions, type SelfServiceMailJob } from "@/lib/rights/self-service/mail-queue";
import { selfServiceKeys, type SelfServiceKeys } from "@/lib/rights/self-service/keys";
import { sendSelfServiceLinkMail } from "@/lib/rights/self-service/send-link-mail";

export interface SelfServiceMailOptions {
  settings: MailSettings | null;
  /** Tests may pass their own; by default nodemailer over the settings' SMTP URL. */
  mailer?: Mailer;
  /** Default: derived from PORTICO_SECRET_KEY. */
  keys?: SelfServiceKeys;
}

export async function workSelfServiceMail(boss: PgBoss, db: Db, options: SelfServiceMailOptions): Promise<void> {
  await boss.createQueue(selfServiceMailQueue, selfServiceMailQueueOptions);
  const { settings } = options;
  if (!settings) {
    logger.warn({ queue: selfServiceMailQueue }, mailUnsetReason);
    return;
  }
  const mail = { settings, mailer: options.mailer ?? smtpMailer(settings) };
  const keys = options.keys ?? selfServiceKeys();
  // A burst of requests (a crowd at the venue) is taken ten at a time, not one per poll; a
  // batch that fails is retried whole, and a link already sent is not sent again.
  await boss.work<SelfServiceMailJob>(selfServiceMailQueue, { pollingIntervalSeconds: 1, batchSize: 10 }, async (jobs) => {
    for (const job of jobs) {
      const outcome = await sendSelfServiceLinkMail(db, keys, mail, job.data);
      logger.info({ job: selfServiceMailQueue, linkId: job.data.linkId, outcome }, "self-service link request handled");
    }
  });
}
