// What every connector does the same way with a vendor's HTTP answers, so each connector module
// only speaks its vendor's payloads.
import type { BatchOutcome } from "./connector";

/** How long to wait when a vendor says "slow down" without saying for how long. */
export const defaultThrottleMs = 10_000;
/** A vendor call that takes longer than this counts as unavailable. */
export const vendorTimeoutMs = 15_000;

/** Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * The outcome of a vendor answer that is not a success: 401/403 mean the credentials are not
 * accepted, 410 that the endpoint is gone, 429 to wait (Retry-After, else a default), 408 and
 * 5xx that the vendor is unavailable for now. Any other status is the caller's to read (most
 * vendors put per-item errors in a 4xx body), so it is returned as null.
 */
export function failureOutcome(status: number, headers: Headers, now: Date, detail: string): Exclude<BatchOutcome, { kind: "answered" }> | null {
  const error = `HTTP ${status}${detail ? `: ${detail.slice(0, 300)}` : ""}`;
  if (status === 401 || status === 403) return { kind: "unauthorized", error };
  if (status === 410) return { kind: "gone", error };
  if (status === 429) return { kind: "throttled", retryAfterMs: retryAfterMs(headers.get("retry-after"), now) ?? defaultThrottleMs, error };
  if (status === 408 || status >= 500) {
    const wait = retryAfterMs(headers.get("retry-after"), now);
    return wait === null ? { kind: "unavailable", error } : { kind: "unavailable", error, retryAfterMs: wait };
  }
  return null;
}

/** A network failure or timeout, as an outcome. */
export function unreachable(error: unknown): { kind: "unavailable"; error: string } {
  const message = error instanceof Error ? (error.name === "TimeoutError" ? "the vendor did not answer in time" : error.message) : String(error);
  return { kind: "unavailable", error: `not reached: ${message}`.slice(0, 300) };
}

/** fetch with the vendor timeout; network failures become an `unreachable` outcome for the caller. */
export async function vendorFetch(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<Response | { kind: "unavailable"; error: string }> {
  try {
    return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(vendorTimeoutMs) });
  } catch (error) {
    return unreachable(error);
  }
}
