import { describe, expect, it } from "vitest";

import { displayPrefix, issueApiToken, keyIdOfToken, tokenMatches } from "./token";

const keyId = "0190f3c4-1a2b-7c3d-8e4f-0123456789ab";

describe("API key tokens", () => {
  it("name their key and match only their own hash", () => {
    const { token, secretHash, prefix } = issueApiToken(keyId);
    expect(keyIdOfToken(token)).toBe(keyId);
    expect(tokenMatches(token, secretHash)).toBe(true);
    expect(tokenMatches(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, secretHash)).toBe(false);
    expect(prefix).toBe(displayPrefix(keyId));
    expect(prefix).toHaveLength(16);
    expect(token.startsWith("ptk_0190f3c41a2b7c3d8e4f0123456789ab_")).toBe(true);
  });

  it("are different every time, and anything else is not a token", () => {
    expect(issueApiToken(keyId).token).not.toBe(issueApiToken(keyId).token);
    for (const bad of ["", "Bearer x", "ptk_123", `ptk_${"g".repeat(32)}_${"a".repeat(43)}`, `ptk_${"a".repeat(32)}_${"a".repeat(42)}`]) {
      expect(keyIdOfToken(bad)).toBeNull();
    }
  });
});
