// The pg-boss queue that sends "Manage my data" emails. The web request only writes the link
// row and this job, in one transaction; the job runner's worker talks to the mail server
// (lib/jobs/self-service-mail-work.ts), so a slow or down SMTP server never holds a guest's page.
import type { Queue } from "pg-boss";

import type { Db, DbTx } from "@/lib/db/client";
import { sendJobInTransaction } from "@/lib/db/send-in-transaction";

export const selfServiceMailQueue = "self-service-mail";

/** Retried with backoff for about an hour; the job (which carries the address) is deleted soon after. */
export const selfServiceMailQueueOptions: Omit<Queue, "name"> = {
  policy: "standard",
  retryLimit: 6,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 120,
  deleteAfterSeconds: 600,
  retentionSeconds: 3600,
};

export interface SelfServiceMailJob {
  linkId: string;
  /** As the guest typed it: where the link goes, when the address is a guest's. */
  email: string;
}

/** Queues the email inside `tx`, so the job exists exactly when the link row does. */
export function queueSelfServiceMail(db: Db, tx: DbTx, job: SelfServiceMailJob): Promise<void> {
  return sendJobInTransaction(db, tx, selfServiceMailQueue, { ...job });
}
