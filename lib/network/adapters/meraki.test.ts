import { describe, expect, it } from "vitest";

import { checkGrantUrl, merakiDefaultGrantHosts, merakiSettingsSchema } from "./meraki";

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
