// The UniFi adapter against a local controller (tests/support/gateways/unifi.ts) in each of its
// flavours: the external portal's redirect read through Portico's gateway-parameter checks, the
// guest authorised server side with the tier's limits, wrong credentials and bad MACs failing
// with the controller's own words, and revocation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readGatewayParams } from "@/lib/journeys/gateway-params";
import { unifiAdapter, unifiSettingsSchema, type UnifiSecrets, type UnifiSettings } from "@/lib/network/adapters/unifi";
import type { AccessTier, GatewayContext, GatewayRedirect } from "@/lib/network/gateway-adapter";
import { gatewayRegistry } from "@/lib/network/registry";

import { startUnifiController, type UnifiController } from "../support/gateways/unifi";

const portal = "https://portico.example/p/harbour-cafe?gw=terrace";
const phone = "1c:71:25:63:e4:24";
const accessPoint = "94:2a:6f:d0:30:57";
const username = "portico";
const password = "correct horse battery staple";
const apiKey = "unifi-api-key-0123456789";
const passwordSecrets: UnifiSecrets = { auth: "password", username, password };
const keySecrets: UnifiSecrets = { auth: "apiKey", apiKey };
const tier: AccessTier = { minutes: 120, downKbps: 8000, upKbps: 2000, quotaMb: 500 };

let controller: UnifiController;
beforeAll(async () => {
  controller = await startUnifiController({ username, password, apiKey, connected: [phone] });
});
afterAll(() => controller.close());

function context(settings: Partial<UnifiSettings>, secrets: UnifiSecrets, url = controller.url): GatewayContext<UnifiSettings, UnifiSecrets> {
  return { settings: unifiSettingsSchema.parse({ controllerUrl: url, ...settings }), secrets, fetch, now: () => new Date() };
}

function arrive(ctx: GatewayContext<UnifiSettings, UnifiSecrets>, mac = phone): GatewayRedirect {
  const splash = controller.splashRedirect(portal, { mac, ap: accessPoint, url: "http://captive.apple.com/hotspot-detect.html" });
  const reading = unifiAdapter.readRedirect(ctx, readGatewayParams(new URL(splash).searchParams).params);
  if (!reading.ok) throw new Error(`refused: ${reading.reason}`);
  return reading.redirect;
}

const grant = (ctx: GatewayContext<UnifiSettings, UnifiSecrets>, redirect: GatewayRedirect, withTier: AccessTier = tier) =>
  unifiAdapter.grant(ctx, { redirect, tier: withTier, continueUrl: "https://portico.example/p/harbour-cafe/success", sessionId: "0192f0c2-7d3e-7a11-9c4e-3b5a2f6d8e01" });

describe("UniFi external portal", () => {
  it("is registered as unifi", () => {
    expect(gatewayRegistry.unifi).toBe(unifiAdapter);
  });

  it("reads id, ap and url from the controller's redirect as unverified claims", () => {
    const redirect = arrive(context({ flavour: "classic" }, passwordSecrets));
    expect(redirect).toMatchObject({ clientMac: phone, apMac: accessPoint, originalUrl: "http://captive.apple.com/hotspot-detect.html", verified: false });
    expect(redirect.grantParams).toEqual({ clientMac: phone, apMac: accessPoint, ssid: "Harbour Guest" });
  });

  it("refuses a missing or malformed MAC, a javascript: url and an expired or future t", () => {
    const ctx = context({ flavour: "classic" }, passwordSecrets);
    const params = readGatewayParams(new URL(controller.splashRedirect(portal, { mac: phone, ap: accessPoint, url: "http://example.com/" })).searchParams).params;
    const now = Math.floor(Date.now() / 1000);
    for (const tampered of [
      { ...params, id: "1c:71:25:63:e4" },
      { ...params, ap: "zz:zz:zz:zz:zz:zz" },
      { ...params, url: "javascript:alert(1)" },
      { ...params, t: "yesterday" },
      { ...params, t: String(now - 25 * 3600) },
      { ...params, t: String(now + 3600) },
    ]) {
      expect(unifiAdapter.readRedirect(ctx, tampered).ok, JSON.stringify(tampered)).toBe(false);
    }
    const withoutId = Object.fromEntries(Object.entries(params).filter(([name]) => name !== "id"));
    expect(unifiAdapter.readRedirect(ctx, withoutId).ok).toBe(false);
  });
});

describe.each([
  { flavour: "classic" as const, loginPath: "/api/login", stamgrPath: "/api/s/default/cmd/stamgr" },
  { flavour: "unifiOs" as const, loginPath: "/api/auth/login", stamgrPath: "/proxy/network/api/s/default/cmd/stamgr" },
])("UniFi $flavour controller", ({ flavour, loginPath, stamgrPath }) => {
  it("logs in and authorises the guest with stamgr authorize-guest, the tier's minutes, kbps and megabytes reaching the controller", async () => {
    const ctx = context({ flavour }, passwordSecrets);
    const outcome = await grant(ctx, arrive(ctx));
    expect(outcome).toEqual({ kind: "granted", detail: `UniFi authorised ${phone} for 120 minutes.` });
    expect(controller.guests.get(phone)).toEqual({ mac: phone, authorized: true, via: "stamgr", minutes: 120, up: 2000, down: 8000, megabytes: 500, apMac: accessPoint });
    const call = controller.requests.filter((r) => r.path === stamgrPath).at(-1)!;
    expect(call.status).toBe(200);
    expect(call.headers["x-csrf-token"]).toBeTruthy();
    expect(call.body).toEqual({ cmd: "authorize-guest", mac: phone, minutes: 120, up: 2000, down: 8000, bytes: 500, ap_mac: accessPoint });
    expect(controller.logins.at(-1)).toEqual({ path: loginPath, ok: true });
  });

  it("sends only the minutes when the tier sets no other limit", async () => {
    const ctx = context({ flavour }, passwordSecrets);
    await grant(ctx, arrive(ctx), { minutes: 30 });
    expect(controller.requests.filter((r) => r.path === stamgrPath).at(-1)!.body).toEqual({ cmd: "authorize-guest", mac: phone, minutes: 30, ap_mac: accessPoint });
  });

  it("fails with the controller's refusal on a wrong password, and authorises nobody", async () => {
    controller.guests.clear();
    const ctx = context({ flavour }, { auth: "password", username, password: "wrong" });
    const outcome = await grant(ctx, arrive(ctx));
    expect(outcome.kind).toBe("failed");
    expect((outcome as { error: string }).error).toMatch(flavour === "classic" ? /refused the login \(HTTP 400: api\.err\.Invalid\)/ : /refused the login \(HTTP 401: Invalid username or password\)/);
    expect(controller.guests.size).toBe(0);
  });

  it("never sends a stored MAC that is not one (the controller would answer 400 api.err.InvalidPayload)", async () => {
    const ctx = context({ flavour }, passwordSecrets);
    const redirect = arrive(ctx);
    const before = controller.requests.length;
    const outcome = await grant(ctx, { ...redirect, grantParams: { ...redirect.grantParams, clientMac: "not-a-mac" } });
    expect(outcome).toEqual({ kind: "failed", error: "No client MAC to authorise." });
    expect(controller.requests.length).toBe(before);

    const login = await fetch(`${controller.url}${loginPath}`, { method: "POST", body: JSON.stringify({ username, password }) });
    const cookie = login.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
    const csrf = login.headers.get("x-csrf-token") ?? /csrf_token=([^;]+)/.exec(cookie)?.[1] ?? "";
    const raw = await fetch(`${controller.url}${stamgrPath}`, { method: "POST", headers: { cookie, "x-csrf-token": csrf }, body: JSON.stringify({ cmd: "authorize-guest", mac: "not-a-mac", minutes: 5 }) });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ meta: { rc: "error", msg: "api.err.InvalidPayload" }, data: [] });
  });

  it("revokes with unauthorize-guest", async () => {
    const ctx = context({ flavour }, passwordSecrets);
    const redirect = arrive(ctx);
    await grant(ctx, redirect);
    expect(await unifiAdapter.revoke!(ctx, { redirect, sessionId: "s" })).toEqual({ ok: true });
    expect(controller.guests.get(phone)?.authorized).toBe(false);
    expect(controller.requests.filter((r) => r.path === stamgrPath).at(-1)!.body).toEqual({ cmd: "unauthorize-guest", mac: phone });
  });

  it("fails clearly on an unknown site", async () => {
    const ctx = context({ flavour, site: "lobby" }, passwordSecrets);
    expect(await grant(ctx, arrive(ctx))).toEqual({ kind: "failed", error: "UniFi controller refused authorize-guest (HTTP 400: api.err.NoSiteContext)" });
  });
});

describe("UniFi Network Integration API", () => {
  it("finds the site and client and authorises with AUTHORIZE_GUEST_ACCESS and the tier's limits", async () => {
    const ctx = context({ flavour: "integrationApi" }, keySecrets);
    const outcome = await grant(ctx, arrive(ctx));
    expect(outcome.kind).toBe("granted");
    expect(controller.guests.get(phone)).toEqual({ mac: phone, authorized: true, via: "integration", minutes: 120, megabytes: 500, down: 8000, up: 2000 });
    const action = controller.requests.filter((r) => r.path.endsWith("/actions")).at(-1)!;
    expect(action.path).toMatch(new RegExp(`^/proxy/network/integration/v1/sites/${controller.siteIds.get("default")}/clients/[0-9a-f-]{36}/actions$`));
    expect(action.headers["x-api-key"]).toBe(apiKey);
    expect(action.body).toEqual({ action: "AUTHORIZE_GUEST_ACCESS", timeLimitMinutes: 120, dataUsageLimitMBytes: 500, rxRateLimitKbps: 8000, txRateLimitKbps: 2000 });
  });

  it("accepts the site's id in place of its name", async () => {
    const ctx = context({ flavour: "integrationApi", site: controller.siteIds.get("default")! }, keySecrets);
    expect((await grant(ctx, arrive(ctx))).kind).toBe("granted");
  });

  it("fails with a clear error on a wrong API key, a device the controller does not see, or limits it refuses", async () => {
    const wrongKey = context({ flavour: "integrationApi" }, { auth: "apiKey", apiKey: "nope" });
    expect(await grant(wrongKey, arrive(wrongKey))).toEqual({ kind: "failed", error: "UniFi controller refused the site lookup (HTTP 401: Missing or invalid API key)" });

    const ctx = context({ flavour: "integrationApi" }, keySecrets);
    expect(await grant(ctx, arrive(ctx, "aa:bb:cc:dd:ee:ff"))).toEqual({ kind: "failed", error: 'UniFi controller does not see aa:bb:cc:dd:ee:ff as connected to site "default".' });
    expect(await grant(ctx, arrive(ctx), { minutes: 60, downKbps: 1 })).toEqual({ kind: "failed", error: "UniFi controller refused AUTHORIZE_GUEST_ACCESS (HTTP 400: Invalid guest authorization limits)" });
  });

  it("revokes with UNAUTHORIZE_GUEST_ACCESS", async () => {
    const ctx = context({ flavour: "integrationApi" }, keySecrets);
    const redirect = arrive(ctx);
    await grant(ctx, redirect);
    expect(await unifiAdapter.revoke!(ctx, { redirect, sessionId: "s" })).toEqual({ ok: true });
    expect(controller.guests.get(phone)?.authorized).toBe(false);
  });

  it("refuses credentials of the wrong kind for the flavour", async () => {
    const ctx = context({ flavour: "integrationApi" }, passwordSecrets);
    expect(await grant(ctx, arrive(ctx))).toEqual({ kind: "failed", error: "The integration API needs an API key, not a username and password." });
    const classic = context({ flavour: "classic" }, keySecrets);
    expect(await grant(classic, arrive(classic))).toEqual({ kind: "failed", error: "The classic flavour needs a username and password, not an API key." });
  });
});

describe("UniFi over TLS", () => {
  let console_: UnifiController;
  beforeAll(async () => {
    console_ = await startUnifiController({ username, password, tls: true });
  });
  afterAll(() => console_.close());

  it("refuses a self-signed console while verifyTls is on, and authorises through it once turned off", async () => {
    const strict = context({ flavour: "unifiOs" }, passwordSecrets, console_.url);
    const refused = await grant(strict, arrive(strict));
    expect(refused.kind).toBe("failed");
    expect((refused as { error: string }).error).toMatch(/^Could not reach the UniFi controller at https:\/\/127\.0\.0\.1:\d+: .*certificate/i);

    const lenient = context({ flavour: "unifiOs", verifyTls: false }, passwordSecrets, console_.url);
    expect((await grant(lenient, arrive(lenient))).kind).toBe("granted");
    expect(console_.guests.get(phone)?.minutes).toBe(120);
  });

  it("fails with a clear error when nothing answers", async () => {
    const ctx = context({ flavour: "classic" }, passwordSecrets, "http://127.0.0.1:1");
    expect((await grant(ctx, arrive(ctx))) as { error: string }).toMatchObject({ kind: "failed", error: expect.stringMatching(/^Could not reach the UniFi controller at http:\/\/127\.0\.0\.1:1/) });
  });
});
