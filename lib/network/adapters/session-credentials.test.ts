import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { gatewayUrl } from "./gateway-urls";
import { isSessionPassword, sessionPassword, sessionPasswordLength } from "./session-credentials";

const key = "k".repeat(32);

describe("sessionPassword", () => {
  it("is the first 32 base64url characters of HMAC-SHA256(key, sessionId), so RADIUS can recompute it", () => {
    const full = createHmac("sha256", key).update("sess-1").digest("base64url");
    expect(sessionPassword(key, "sess-1")).toBe(full.slice(0, sessionPasswordLength));
    expect(sessionPassword(key, "sess-1")).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("differs per session and per key", () => {
    expect(sessionPassword(key, "sess-1")).not.toBe(sessionPassword(key, "sess-2"));
    expect(sessionPassword(key, "sess-1")).not.toBe(sessionPassword("j".repeat(32), "sess-1"));
  });

  it("refuses to derive a password without a key", () => {
    expect(() => sessionPassword("", "sess-1")).toThrow();
  });
});

describe("gatewayUrl", () => {
  const allowed = ["10.5.50.1", "hotspot.example.net:8443"];
  it("accepts http(s) on an allowed host", () => {
    expect(gatewayUrl("http://10.5.50.1/login", allowed)?.toString()).toBe("http://10.5.50.1/login");
    expect(gatewayUrl("https://HOTSPOT.example.net:8443/login", allowed)?.host).toBe("hotspot.example.net:8443");
  });
  it.each([
    ["a foreign host", "http://evil.example/login"],
    ["a look-alike host", "http://10.5.50.1.evil.example/login"],
    ["a javascript: URL", "javascript:alert(1)//10.5.50.1"],
    ["credentials in the URL", "http://user:pw@10.5.50.1/login"],
    ["a relative URL", "/login"],
    ["the allowed name on another port", "https://hotspot.example.net:9999/login"],
  ])("refuses %s", (_name, value) => {
    expect(gatewayUrl(value, allowed)).toBeNull();
  });
});

describe("isSessionPassword", () => {
  it("accepts exactly the password issued for that session and key", () => {
    const key = "k".repeat(32);
    const password = sessionPassword(key, "s-1");
    expect(isSessionPassword(key, "s-1", password)).toBe(true);
    expect(isSessionPassword(key, "s-2", password)).toBe(false);
    expect(isSessionPassword("j".repeat(32), "s-1", password)).toBe(false);
    expect(isSessionPassword(key, "s-1", password.slice(0, -1))).toBe(false);
    expect(isSessionPassword(key, "s-1", "")).toBe(false);
  });
});
