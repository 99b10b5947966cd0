// Hourly allowances kept in PostgreSQL, so every web process shares the count: the limiter of
// gcra.ts (as API keys use it), one row per key in `rate_limit`. The guest-facing doors use it
// under keys of their own: "Manage my data" links (ip:, email:), access codes (voucher:),
// website sign-in (saml-sp:).
import { createHmac } from "node:crypto";

import type { DerivedKeys } from "@/lib/crypto/derived-keys";
import type { Db } from "@/lib/db/client";

import { takeGcra } from "./gcra";

const windowSeconds = 3600;

/** Takes one from `key`'s allowance of `perHour` (bursts of that many); false when it is spent. */
export async function takeHourlyRate(db: Db, key: string, perHour: number): Promise<boolean> {
  return (await takeGcra(db, { table: "rate_limit", key }, windowSeconds / perHour, windowSeconds)).allowed;
}

/** Whether `key` has one left, without taking it. */
export async function hasHourlyRateLeft(db: Db, key: string, perHour: number): Promise<boolean> {
  const intervalSeconds = windowSeconds / perHour;
  const [row] = await db.$queryRaw<{ hasLeft: boolean }[]>`
    SELECT greatest(tat, now()) + make_interval(secs => ${intervalSeconds}) <= now() + make_interval(secs => ${windowSeconds}) AS "hasLeft"
    FROM rate_limit WHERE key = ${key}`;
  return row?.hasLeft ?? true;
}

/** Rows whose allowance is whole again: deleting one is the same as never having written it. */
export async function purgeSpentRates(db: Db, now = new Date()): Promise<number> {
  return (await db.rateLimit.deleteMany({ where: { tat: { lt: now } } })).count;
}

/**
 * A device as a key (for rate limits, or to count devices): its MAC where the gateway sent one (behind a venue's NAT every guest
 * shares one address), else its address; keyed-hashed, so the table never holds either.
 */
export function clientKey(keys: DerivedKeys, kind: "mac" | "ip", value: string): string {
  return `${kind}:${createHmac("sha256", keys.current).update(`${kind}:${value}`).digest("base64url").slice(0, 32)}`;
}
