import type { Db } from "@/lib/db/client";

import { wakeDelivery } from "./wake";

/**
 * Wakes every active connector with items due now. Wake-ups from the consent step and the
 * drains' own follow-ups do the work; this finds what they could not: a lost wake-up, the items
 * of a worker that crashed (their leases ran out), a throttle or backoff that has passed.
 */
export async function sweepDueDeliveries(db: Db, now = new Date()): Promise<number> {
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT k.id FROM connector k
    WHERE k.status = 'ACTIVE' AND (k.send_after IS NULL OR k.send_after <= ${now})
      AND EXISTS (SELECT 1 FROM delivery d
                  WHERE d.connector_id = k.id AND d.status = 'PENDING' AND d.next_attempt_at <= ${now}
                    AND (d.leased_until IS NULL OR d.leased_until < ${now}))`;
  await wakeDelivery(db, due.map((row) => row.id));
  return due.length;
}
