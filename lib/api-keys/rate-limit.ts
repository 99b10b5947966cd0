import type { Db } from "@/lib/db/client";
import { takeGcra } from "@/lib/rate-limits/gcra";

import { rateDecision, type RateDecision } from "./rate-decision";

/**
 * Takes one request from a key's allowance, with the limiter every process shares
 * (lib/rate-limits/gcra.ts), so running several web processes does not multiply the limit.
 * `limitPerMinute` requests a minute on average, bursts of up to that many at once.
 */
export async function takeRateLimit(db: Db, apiKeyId: string, limitPerMinute: number): Promise<RateDecision> {
  const intervalSeconds = 60 / limitPerMinute;
  const windowSeconds = 60;
  const step = await takeGcra(db, { table: "api_key_rate", key: apiKeyId }, intervalSeconds, windowSeconds);
  return rateDecision({ ...step, intervalSeconds, windowSeconds, limitPerMinute });
}
