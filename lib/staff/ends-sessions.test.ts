import { describe, expect, it } from "vitest";

import { endsSessions } from "./ends-sessions";

describe("endsSessions: which account changes sign the person out everywhere", () => {
  it("a password reset and disabling always do; enabling does not", () => {
    expect(endsSessions({ role: "LEGAL" }, { kind: "password", password: "a new passphrase" })).toBe(true);
    expect(endsSessions({ role: "LEGAL" }, { kind: "access", access: "disable" })).toBe(true);
    expect(endsSessions({ role: "LEGAL" }, { kind: "access", access: "enable" })).toBe(false);
  });

  it("a role change does when it takes rights away, not when it only adds some", () => {
    expect(endsSessions({ role: "ADMIN" }, { kind: "role", role: "MARKETER" })).toBe(true);
    expect(endsSessions({ role: "MARKETER" }, { kind: "role", role: "LEGAL" })).toBe(true);
    expect(endsSessions({ role: "MARKETER" }, { kind: "role", role: "ADMIN" })).toBe(false);
  });
});
