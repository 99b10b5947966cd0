import { describe, expect, it } from "vitest";

import { gatewaySplashUrl } from "./splash-url";

describe("gatewaySplashUrl", () => {
  it("points at the venue's portal and names the gateway", () => {
    expect(gatewaySplashUrl("https://wifi.example.com", "harbour", "lobby")).toBe("https://wifi.example.com/p/harbour?gw=lobby");
  });

  it("keeps a base path and does not double its slash", () => {
    expect(gatewaySplashUrl("https://example.com/portico/", "harbour", "lobby-2")).toBe("https://example.com/portico/p/harbour?gw=lobby-2");
    expect(gatewaySplashUrl("http://127.0.0.1:3000", "a-b", "c")).toBe("http://127.0.0.1:3000/p/a-b?gw=c");
  });
});
