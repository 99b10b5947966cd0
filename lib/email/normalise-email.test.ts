import { describe, expect, it } from "vitest";

import { normaliseEmail } from "./normalise-email";

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
