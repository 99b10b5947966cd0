import type { Db } from "@/lib/db/client";

import { rateDecision, type RateDecision } from "./rate-decision";

/**
 * Takes one request from a key's allowance: a generic cell rate algorithm (GCRA) whose state
 * is one row per key, moved by a single statement on the row's lock. Every process on the
 * database shares it, so running several web processes does not multiply the limit.
 * `limitPerMinute` requests a minute on average, bursts of up to that many at once.
 */
export async function takeRateLimit(db: Db, apiKeyId: string, limitPerMinute: number): Promise<RateDecision> {
  const intervalSeconds = 60 / limitPerMinute;
  const windowSeconds = 60;
  const [row] = await db.$queryRaw<{ allowed: boolean; tat: Date; at: Date }[]>`
    INSERT INTO api_key_rate AS r (api_key_id, tat, allowed)
    VALUES (${apiKeyId}::uuid, now() + make_interval(secs => ${intervalSeconds}), true)
    ON CONFLICT (api_key_id) DO UPDATE SET
      allowed = greatest(r.tat, now()) + make_interval(secs => ${intervalSeconds}) <= now() + make_interval(secs => ${windowSeconds}),
      tat = CASE
        WHEN greatest(r.tat, now()) + make_interval(secs => ${intervalSeconds}) <= now() + make_interval(secs => ${windowSeconds})
        THEN greatest(r.tat, now()) + make_interval(secs => ${intervalSeconds})
        ELSE r.tat
      END
    RETURNING allowed, tat, now() AS at`;
  return rateDecision({ allowed: row!.allowed, tat: row!.tat, at: row!.at, intervalSeconds, windowSeconds, limitPerMinute });
}
