// How often links may be asked for, per client address and per email, in PostgreSQL so every
// web process shares the count: a generic cell rate algorithm (as lib/api-keys/rate-limit.ts),
// one row per key moved by one statement under its row lock. The email's key is an HMAC of the
// normalised address, so the table never holds an address (known to Portico or not).
import { createHmac } from "node:crypto";

import type { Db } from "@/lib/db/client";
import type { DerivedKeys } from "@/lib/crypto/derived-keys";

export const rateKeyPurpose = "self-service rate keys v1";

/** Links per email per hour (bursts of this many), and requests per address per hour. */
export const linksPerEmailPerHour = 3;
export const requestsPerIpPerHour = 20;

export function emailRateKey(keys: DerivedKeys, emailNormalized: string): string {
  return `email:${createHmac("sha256", keys.current).update(emailNormalized).digest("hex")}`;
}

export function ipRateKey(ip: string): string {
  return `ip:${ip}`.slice(0, 100);
}

/** Takes one request from `key`'s allowance of `perHour`; false when it is spent. */
export async function takeSelfServiceRate(db: Db, key: string, perHour: number): Promise<boolean> {
  const intervalSeconds = 3600 / perHour;
  const windowSeconds = 3600;
  const [row] = await db.$queryRaw<{ allowed: boolean }[]>`
    INSERT INTO self_service_rate AS r (key, tat, allowed)
    VALUES (${key}, now() + make_interval(secs => ${intervalSeconds}), true)
    ON CONFLICT (key) DO UPDATE SET
      allowed = greatest(r.tat, now()) + make_interval(secs => ${intervalSeconds}) <= now() + make_interval(secs => ${windowSeconds}),
      tat = CASE
        WHEN greatest(r.tat, now()) + make_interval(secs => ${intervalSeconds}) <= now() + make_interval(secs => ${windowSeconds})
        THEN greatest(r.tat, now()) + make_interval(secs => ${intervalSeconds})
        ELSE r.tat
      END
    RETURNING allowed`;
  return row!.allowed;
}
