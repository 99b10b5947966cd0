// How often links may be asked for, per client address and per email (lib/rate-limits, shared
// by every web process through PostgreSQL). The email's key is an HMAC of the normalised
// address, so the table never holds an email (known to Portico or not).
import { createHmac } from "node:crypto";

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
