import { describe, expect, it } from "vitest";

import { normalisePhone } from "./normalise";

describe("normalisePhone", () => {
  it("reads a national number in the venue's region as E.164", () => {
    expect(normalisePhone("07911 123456", "GB")).toBe("+447911123456");
  });

  it("keeps an international number from another region", () => {
    expect(normalisePhone("+33 6 12 34 56 78", "GB")).toBe("+33612345678");
  });

  it("rejects numbers that cannot exist", () => {
    expect(normalisePhone("12345", "GB")).toBeNull();
    expect(normalisePhone("not a phone", "GB")).toBeNull();
  });
});
