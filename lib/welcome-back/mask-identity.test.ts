import { describe, expect, it } from "vitest";

import { maskEmail } from "./mask-identity";

describe("maskEmail", () => {
  it("keeps the first letters and the top-level domain only", () => {
    expect(maskEmail("Jane.Doe@example.com")).toBe("J••••@e••••.com");
    expect(maskEmail("j@x.co.uk")).toBe("j••••@x••••.uk");
  });

  it("shows the same mask whatever the length", () => {
    expect(maskEmail("ab@cd.org")).toBe("a••••@c••••.org");
    expect(maskEmail("averyveryverylongname@cdefghijkl.org")).toBe("a••••@c••••.org");
  });

  it("never shows a domain without a dot in full, nor anything of a malformed address", () => {
    expect(maskEmail("root@localhost")).toBe("r••••@l••••");
    expect(maskEmail("@example.com")).toBe("••••");
    expect(maskEmail("no-at-sign")).toBe("••••");
  });
});
