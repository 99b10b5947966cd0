import { describe, expect, it } from "vitest";

import { isDomainError } from "@/lib/errors";

import { assertPermission, losesPermissions } from "./permissions";

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

describe("losesPermissions: which role changes take rights away", () => {
  it.each([
    ["ADMIN", "MARKETER", true],
    ["ADMIN", "LEGAL", true],
    ["MARKETER", "LEGAL", true],
    ["LEGAL", "MARKETER", true],
    ["MARKETER", "ADMIN", false],
    ["LEGAL", "ADMIN", false],
    ["LEGAL", "LEGAL", false],
  ] as const)("%s → %s: %s", (from, to, loses) => {
    expect(losesPermissions(from, to)).toBe(loses);
  });
});
