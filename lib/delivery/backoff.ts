/** After this many failed attempts an item goes to the dead letters instead of being tried again. */
export const maxAttempts = 10;

const baseMs = 2_000;
const capMs = 60 * 60_000;

/**
 * How long to wait before attempt number `attempts + 1`: "full jitter" exponential backoff
 * (AWS Architecture Blog, "Exponential Backoff and Jitter"): a random wait between zero and
 * min(cap, base · 2^attempts), so the retries of many items that failed together spread out
 * instead of arriving at the vendor together. A vendor's own Retry-After, when it gave one,
 * is the least it gets.
 */
export function backoffMs(attempts: number, random: () => number = Math.random, retryAfterMs = 0): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts));
  return Math.max(retryAfterMs, Math.floor(random() * ceiling));
}
