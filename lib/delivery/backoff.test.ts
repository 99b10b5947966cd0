import { describe, expect, it } from "vitest";

import { backoffMs } from "./backoff";

describe("backoffMs", () => {
  it("draws from zero up to a ceiling that doubles per attempt", () => {
    expect(backoffMs(0, () => 0.999)).toBe(1998);
    expect(backoffMs(3, () => 0.999)).toBe(15_984);
    expect(backoffMs(3, () => 0)).toBe(0);
  });

  it("stops growing at an hour", () => {
    expect(backoffMs(40, () => 0.999)).toBe(3_596_400);
  });

  it("never waits less than the vendor asked", () => {
    expect(backoffMs(0, () => 0, 30_000)).toBe(30_000);
  });
});
