import { describe, expect, it } from "vitest";

import { normaliseEmail, normalisePhone } from "./normalise";

describe("normaliseEmail", () => {
  it("trims and lower-cases so one person is one guest", () => {
    expect(normaliseEmail("  Ana.Silva@Example.COM ")).toBe("ana.silva@example.com");
  });

  it("folds composed and decomposed accents to the same key (NFC)", () => {
    const decomposed = "jose\u0301@example.com";
    const composed = "jos\u00e9@example.com";
    expect(decomposed).not.toBe(composed);
    expect(normaliseEmail(decomposed)).toBe(normaliseEmail(composed));
  });
});

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
