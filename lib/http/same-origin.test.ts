import { describe, expect, it } from "vitest";

import { checkFormOrigin } from "./same-origin";

const from = (values: Record<string, string>) => checkFormOrigin(new Headers(values));

describe("checkFormOrigin", () => {
  it("accepts a post from the page's own origin", () => {
    expect(from({ host: "wifi.example.com", origin: "http://wifi.example.com" })).toEqual({ sameOrigin: true });
    expect(from({ host: "127.0.0.1:3000", "x-forwarded-host": "wifi.example.com", "x-forwarded-proto": "https", origin: "https://wifi.example.com" })).toEqual({
      sameOrigin: true,
    });
  });

  it("refuses another site, a null origin and another host name for the same server", () => {
    for (const origin of ["https://evil.example", "null", "http://localhost:3000"]) {
      expect(from({ host: "127.0.0.1:3000", origin })).toMatchObject({ sameOrigin: false, origin, expected: "http://127.0.0.1:3000" });
    }
  });

  it("refuses a scheme downgrade", () => {
    expect(from({ host: "wifi.example.com", "x-forwarded-proto": "https", origin: "http://wifi.example.com" }).sameOrigin).toBe(false);
  });

  it("falls back to Referer when a browser sends no Origin, and lets a post with neither through", () => {
    expect(from({ host: "wifi.example.com", referer: "http://wifi.example.com/p/demo" }).sameOrigin).toBe(true);
    expect(from({ host: "wifi.example.com", referer: "http://elsewhere.example/p/demo" }).sameOrigin).toBe(false);
    expect(from({ host: "wifi.example.com" }).sameOrigin).toBe(true);
  });
});
