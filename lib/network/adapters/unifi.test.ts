import { describe, expect, it } from "vitest";

import { unifiAdapter, unifiSecretsSchema, unifiSettingsSchema } from "./unifi";

const settings = unifiSettingsSchema.parse({ controllerUrl: "https://192.168.1.1/" });
const at = new Date("2026-12-02T10:00:00Z");
const context = { settings, secrets: { auth: "apiKey" as const, apiKey: "k" }, fetch, now: () => at };
const t = (date: Date) => String(Math.floor(date.getTime() / 1000));

describe("unifiSettingsSchema", () => {
  it("defaults to a UniFi OS console on site default, checking TLS, and trims the controller URL", () => {
    expect(settings).toEqual({ controllerUrl: "https://192.168.1.1", flavour: "unifiOs", site: "default", verifyTls: true, redirectMaxAgeHours: 24 });
  });

  it("refuses a site name that could change the API path, and a controller URL that is not http(s)", () => {
    expect(unifiSettingsSchema.safeParse({ controllerUrl: "https://192.168.1.1", site: "../../api" }).success).toBe(false);
    expect(unifiSettingsSchema.safeParse({ controllerUrl: "file:///etc/passwd" }).success).toBe(false);
  });

  it("takes a username and password or an API key", () => {
    expect(unifiSecretsSchema.safeParse({ auth: "password", username: "u", password: "p" }).success).toBe(true);
    expect(unifiSecretsSchema.safeParse({ auth: "apiKey", apiKey: "k" }).success).toBe(true);
    expect(unifiSecretsSchema.safeParse({ auth: "apiKey" }).success).toBe(false);
  });
});

describe("unifiAdapter.readRedirect", () => {
  it("normalises the MACs and keeps the SSID for the grant", () => {
    const reading = unifiAdapter.readRedirect(context, { id: "1C-71-25-63-E4-24", ap: "942a6fd03057", t: t(at), ssid: "Guest" });
    expect(reading).toEqual({
      ok: true,
      redirect: { clientMac: "1c:71:25:63:e4:24", clientIp: null, apMac: "94:2a:6f:d0:30:57", originalUrl: null, grantParams: { clientMac: "1c:71:25:63:e4:24", apMac: "94:2a:6f:d0:30:57", ssid: "Guest" }, verified: false },
    });
  });

  it("accepts a t within the allowed age and a few minutes of clock skew, and refuses beyond", () => {
    const read = (seconds: number) => unifiAdapter.readRedirect(context, { id: "1c:71:25:63:e4:24", t: t(new Date(at.getTime() + seconds * 1000)) }).ok;
    expect(read(-23 * 3600)).toBe(true);
    expect(read(4 * 60)).toBe(true);
    expect(read(-25 * 3600)).toBe(false);
    expect(read(6 * 60)).toBe(false);
  });
});
