import { describe, expect, it } from "vitest";

import { checkGrantUrl, isMerakiSignOnPassword, merakiDefaultGrantHosts, merakiSettingsSchema, merakiSignOnPassword } from "./meraki";

describe("merakiSignOnPassword", () => {
  const secret = "k".repeat(32);

  it("is the same for the same session and secret, and differs across sessions and secrets", () => {
    expect(merakiSignOnPassword(secret, "s-1")).toBe(merakiSignOnPassword(secret, "s-1"));
    expect(merakiSignOnPassword(secret, "s-1")).not.toBe(merakiSignOnPassword(secret, "s-2"));
    expect(merakiSignOnPassword(secret, "s-1")).not.toBe(merakiSignOnPassword("j".repeat(32), "s-1"));
  });

  it("is form- and RADIUS-safe text (base64url, within PAP's 128 octets)", () => {
    expect(merakiSignOnPassword(secret, "0192f0c2-7d3e-7a11-9c4e-3b5a2f6d8e01")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("is checked by isMerakiSignOnPassword, which refuses any other value", () => {
    const password = merakiSignOnPassword(secret, "s-1");
    expect(isMerakiSignOnPassword(secret, "s-1", password)).toBe(true);
    expect(isMerakiSignOnPassword(secret, "s-2", password)).toBe(false);
    expect(isMerakiSignOnPassword(secret, "s-1", password.slice(0, -1))).toBe(false);
    expect(isMerakiSignOnPassword(secret, "s-1", "")).toBe(false);
  });
});

describe("checkGrantUrl", () => {
  const hosts = merakiDefaultGrantHosts;

  it("allows Meraki's documented grant and login hosts", () => {
    expect(checkGrantUrl("https://n143.network-auth.com/splash/grant", hosts).ok).toBe(true);
    expect(checkGrantUrl("https://n143.network-auth.com/splash/login?mauth=abc&continue_url=http%3A%2F%2Fexample.com", hosts).ok).toBe(true);
  });

  it("refuses look-alike hosts, the bare suffix, other schemes and credentials", () => {
    for (const url of [
      "https://network-auth.com/splash/grant",
      "https://evilnetwork-auth.com/splash/grant",
      "https://n143.network-auth.com.evil.example/splash/grant",
      "javascript:alert(1)",
      "ftp://n143.network-auth.com/",
      "https://a:b@n143.network-auth.com/splash/grant",
      "/splash/grant",
      undefined,
    ]) {
      expect(checkGrantUrl(url, hosts).ok, String(url)).toBe(false);
    }
  });

  it("matches exact host names exactly", () => {
    expect(checkGrantUrl("http://grant.example.net/x", ["grant.example.net"]).ok).toBe(true);
    expect(checkGrantUrl("http://sub.grant.example.net/x", ["grant.example.net"]).ok).toBe(false);
  });
});

describe("merakiSettingsSchema", () => {
  it("defaults to click-through on Meraki's hosts and refuses host patterns that are not host names", () => {
    expect(merakiSettingsSchema.parse({})).toEqual({ mode: "clickThrough", grantHosts: ["*.network-auth.com"] });
    expect(merakiSettingsSchema.safeParse({ grantHosts: ["https://n143.network-auth.com"] }).success).toBe(false);
    expect(merakiSettingsSchema.safeParse({ grantHosts: ["*"] }).success).toBe(false);
    expect(merakiSettingsSchema.safeParse({ grantHosts: [] }).success).toBe(false);
  });
});
