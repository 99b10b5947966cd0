import type { Db } from "@/lib/db/client";

export const purgeBatchSize = 1000;

/**
 * Clears the personal data of journeys that expired before consent: the login answers, the
 * device's MAC and IP, the guest's public address and browser, the gateway's parameters and
 * the page they were going to. What is left (venue, times, method, zone) says a journey was
 * abandoned, no more. Works in batches that skip rows another worker holds, so two workers
 * never fight and a large backlog never becomes one long transaction. Returns how many it purged.
 */
export async function purgeExpiredJourneys(db: Db, now = new Date(), batchSize = purgeBatchSize): Promise<number> {
  let purged = 0;
  for (;;) {
    const count = await db.$executeRaw`
      UPDATE journey
      SET identity = NULL, client_mac = NULL, client_ip = NULL, original_url = NULL,
          gateway_params = '{}'::jsonb, ip = NULL, user_agent = NULL, purged_at = ${now}
      WHERE id IN (
        SELECT id FROM journey
        WHERE purged_at IS NULL AND status <> 'COMPLETED' AND expires_at <= ${now}
        ORDER BY expires_at
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      )`;
    purged += count;
    if (count < batchSize) return purged;
  }
}
