import { describe, expect, it } from "vitest";

import { defaultThrottleMs, failureOutcome, retryAfterMs, vendorFetch } from "./vendor-http";

const now = new Date("2026-12-02T10:00:00Z");

describe("retryAfterMs", () => {
  it("reads delay-seconds and HTTP dates", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Wed, 02 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Wed, 02 Dec 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("is null when there is nothing readable", () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
  });
});

describe("failureOutcome", () => {
  const headers = (values: Record<string, string> = {}) => new Headers(values);

  it("maps the statuses every vendor shares", () => {
    expect(failureOutcome(401, headers(), now, "bad token")).toMatchObject({ kind: "unauthorized" });
    expect(failureOutcome(403, headers(), now, "")).toMatchObject({ kind: "unauthorized" });
    expect(failureOutcome(410, headers(), now, "")).toMatchObject({ kind: "gone" });
    expect(failureOutcome(429, headers({ "retry-after": "7" }), now, "")).toEqual({ kind: "throttled", retryAfterMs: 7000, error: "HTTP 429" });
    expect(failureOutcome(429, headers(), now, "")).toMatchObject({ kind: "throttled", retryAfterMs: defaultThrottleMs });
    expect(failureOutcome(503, headers({ "retry-after": "2" }), now, "maintenance")).toEqual({ kind: "unavailable", error: "HTTP 503: maintenance", retryAfterMs: 2000 });
    expect(failureOutcome(500, headers(), now, "")).toEqual({ kind: "unavailable", error: "HTTP 500" });
  });

  it("leaves other statuses (per-item errors in a 4xx body) to the connector", () => {
    expect(failureOutcome(400, headers(), now, "")).toBeNull();
    expect(failureOutcome(207, headers(), now, "")).toBeNull();
  });
});

describe("vendorFetch", () => {
  it("turns a network failure into an unavailable outcome", async () => {
    const failing = (() => Promise.reject(new TypeError("connect ECONNREFUSED"))) as unknown as typeof fetch;
    expect(await vendorFetch(failing, "http://127.0.0.1:9/", {})).toEqual({ kind: "unavailable", error: "not reached: connect ECONNREFUSED" });
  });
});
