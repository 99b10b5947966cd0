import { describe, expect, it } from "vitest";

import { isDomainError } from "@/lib/errors";

import { assertPermission } from "./permissions";

describe("assertPermission", () => {
  it("lets a role with the permission through and refuses one without, with the role and permission for the message", () => {
    expect(() => assertPermission({ role: "LEGAL" }, "consent.review")).not.toThrow();
    let refusal: unknown;
    try {
      assertPermission({ role: "MARKETER" }, "consent.review");
    } catch (error) {
      refusal = error;
    }
    expect(isDomainError(refusal, "notPermitted")).toBe(true);
    expect(refusal).toMatchObject({ params: { permission: "consent.review", role: "MARKETER" } });
  });
});
