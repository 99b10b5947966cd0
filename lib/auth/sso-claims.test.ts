import { describe, expect, it } from "vitest";

import { ssoClaims, verifiedSsoEmail } from "./sso-claims";

describe("verifiedSsoEmail", () => {
  it("is the normalised address when the provider says it verified it", () => {
    expect(verifiedSsoEmail({ sub: "1", email: " Ana@Example.COM", email_verified: true })).toBe("ana@example.com");
  });

  it("is nothing when email_verified is false, missing, or not the boolean true", () => {
    expect(verifiedSsoEmail({ sub: "1", email: "ana@example.com", email_verified: false })).toBeNull();
    expect(verifiedSsoEmail({ sub: "1", email: "ana@example.com" })).toBeNull();
    expect(verifiedSsoEmail({ sub: "1", email: "ana@example.com", email_verified: "yes" })).toBeNull();
  });

  it("is nothing without an address", () => {
    expect(verifiedSsoEmail({ sub: "1", email_verified: true })).toBeNull();
    expect(verifiedSsoEmail({ sub: "1", email: "  ", email_verified: true })).toBeNull();
    expect(verifiedSsoEmail(undefined)).toBeNull();
  });
});

describe("ssoClaims", () => {
  const noUserinfo = () => Promise.reject(new Error("userinfo should not be asked"));

  it("reads the ID token alone when it carries the address and its verification", async () => {
    const idToken = { sub: "1", email: "ana@example.com", email_verified: true };
    expect(await ssoClaims(idToken, noUserinfo)).toEqual(idToken);
  });

  it("takes the address and its verification from userinfo when the ID token lacks them", async () => {
    const claims = await ssoClaims({ sub: "1", name: "Ana" }, async () => ({ sub: "1", email: "ana@example.com", email_verified: true }));
    expect(claims).toEqual({ sub: "1", name: "Ana", email: "ana@example.com", email_verified: true });
    expect(verifiedSsoEmail(claims)).toBe("ana@example.com");
  });

  it("takes both from userinfo when the ID token has the address but not its verification", async () => {
    const claims = await ssoClaims({ sub: "1", email: "old@example.com" }, async () => ({ sub: "1", email: "ana@example.com" }));
    expect(claims).toMatchObject({ email: "ana@example.com", email_verified: undefined });
    expect(verifiedSsoEmail(claims)).toBeNull();
  });
});
