import { describe, expect, it } from "vitest";

import { rateDecision } from "./rate-decision";

const at = new Date("2026-03-01T10:00:00Z");
const after = (seconds: number) => new Date(at.getTime() + seconds * 1000);

describe("rate decisions", () => {
  it("count what is left of the minute's burst", () => {
    // 60 a minute: one per second; the first request moves the arrival time a second ahead.
    expect(rateDecision({ allowed: true, tat: after(1), at, intervalSeconds: 1, windowSeconds: 60, limitPerMinute: 60 })).toEqual({
      allowed: true,
      limit: 60,
      remaining: 59,
      retryAfterSeconds: 0,
    });
  });

  it("say how long until one more request fits, never zero when refused", () => {
    const full = rateDecision({ allowed: false, tat: after(60), at, intervalSeconds: 20, windowSeconds: 60, limitPerMinute: 3 });
    expect(full).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
    const almost = rateDecision({ allowed: false, tat: after(59.9), at, intervalSeconds: 0.1, windowSeconds: 60, limitPerMinute: 600 });
    expect(almost.retryAfterSeconds).toBe(1);
  });
});
