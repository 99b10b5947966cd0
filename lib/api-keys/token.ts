// API key tokens: `ptk_<key id, 32 hex>_<secret, 32 random bytes base64url>`. The id makes
// lookup one primary-key read; only the SHA-256 of the whole token is stored. A fast hash is
// right here (unlike passwords): the secret is 256 random bits, so there is nothing to guess.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const tokenPattern = /^ptk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new token for the key with this id, and what is stored of it. */
export function issueApiToken(keyId: string): { token: string; secretHash: string; prefix: string } {
  const hex = keyId.replaceAll("-", "").toLowerCase();
  const token = `ptk_${hex}_${randomBytes(32).toString("base64url")}`;
  return { token, secretHash: hashApiToken(token), prefix: displayPrefix(keyId) };
}

/** What staff see to tell keys apart: the key id's random tail (uuid v7's first bits are a clock). */
export function displayPrefix(keyId: string): string {
  return `ptk_${keyId.replaceAll("-", "").slice(-12)}`;
}

/** The key id a token names, or null when it is not a Portico token at all. */
export function keyIdOfToken(token: string): string | null {
  const match = tokenPattern.exec(token);
  if (!match) return null;
  const hex = match[1]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Constant-time comparison of a presented token with the stored hash. */
export function tokenMatches(token: string, secretHash: string): boolean {
  const presented = Buffer.from(hashApiToken(token), "hex");
  const stored = Buffer.from(secretHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
