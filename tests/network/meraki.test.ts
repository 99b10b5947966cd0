// The Meraki adapter against a stand-in for Meraki's cloud (tests/support/gateways/meraki.ts):
// the splash redirect read through Portico's gateway-parameter checks, the grant followed the
// way the guest's browser would, and redirects that do not hold up refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readGatewayParams } from "@/lib/journeys/gateway-params";
import { merakiAdapter, merakiSettingsSchema, type MerakiSecrets } from "@/lib/network/adapters/meraki";
import { isSessionPassword } from "@/lib/network/adapters/session-credentials";
import type { GatewayContext, GrantRequest } from "@/lib/network/gateway-adapter";
import { gatewayRegistry } from "@/lib/network/registry";

import { startMerakiCloud, type MerakiCloud } from "../support/gateways/meraki";

const splash = "https://portico.example/p/harbour-cafe?gw=lobby";
const guest = { clientMac: "f4:5c:89:9b:17:67", clientIp: "10.162.50.40", apMac: "00:18:0a:13:dd:b0", continueUrl: "http://example.com/news" };
const credentialKey = "a-sign-on-secret-of-at-least-32-characters";
const success = "https://portico.example/p/harbour-cafe/success?j=abc";

let cloud: MerakiCloud;
beforeAll(async () => {
  cloud = await startMerakiCloud({ radius: (username, password) => isSessionPassword(credentialKey, username, password) });
});
afterAll(() => cloud.close());

function context(mode: "clickThrough" | "signOn", secrets: MerakiSecrets = { credentialKey }, grantHosts = ["127.0.0.1"]): GatewayContext<ReturnType<typeof merakiSettingsSchema.parse>, MerakiSecrets> {
  return { settings: merakiSettingsSchema.parse({ mode, grantHosts }), secrets, fetch, now: () => new Date() };
}

/** The splash's query as Portico's journey keeps it: through the shared gateway-parameter checks. */
const paramsOf = (url: string) => readGatewayParams(new URL(url).searchParams).params;

function request(redirect: GrantRequest["redirect"], overrides: Partial<GrantRequest> = {}): GrantRequest {
  return { redirect, tier: { minutes: 90 }, continueUrl: success, sessionId: "0192f0c2-7d3e-7a11-9c4e-3b5a2f6d8e01", ...overrides };
}

function read(ctx: ReturnType<typeof context>, params: Record<string, string>) {
  const reading = merakiAdapter.readRedirect(ctx, params);
  if (!reading.ok) throw new Error(`refused: ${reading.reason}`);
  return reading.redirect;
}

describe("Meraki click-through", () => {
  it("is registered as meraki", () => {
    expect(gatewayRegistry.meraki).toBe(merakiAdapter);
  });

  it("reads the splash redirect and sends the browser to base_grant_url with continue_url and the tier's duration in seconds", async () => {
    const ctx = context("clickThrough");
    const redirect = read(ctx, paramsOf(cloud.splashRedirect(splash, "clickThrough", guest)));
    expect(redirect).toMatchObject({ clientMac: guest.clientMac, clientIp: guest.clientIp, apMac: guest.apMac, originalUrl: guest.continueUrl, verified: true });

    const outcome = await merakiAdapter.grant(ctx, request(redirect));
    expect(outcome.kind).toBe("redirect");
    const answer = await fetch((outcome as { url: string }).url, { redirect: "manual" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(success);
    expect(cloud.grants.at(-1)).toMatchObject({ continueUrl: success, duration: "5400" });
  });

  it("refuses a base_grant_url on a host the gateway does not allow (no open redirect)", () => {
    const ctx = context("clickThrough");
    const params = paramsOf(cloud.splashRedirect(splash, "clickThrough", guest));
    for (const foreign of ["https://evil.example/splash/grant", "https://n143.network-auth.com.evil.example/splash/grant", "https://user:pw@127.0.0.1/splash/grant"]) {
      const reading = merakiAdapter.readRedirect(ctx, { ...params, base_grant_url: foreign });
      expect(reading.ok, foreign).toBe(false);
    }
    const byDefault = context("clickThrough", {}, merakiSettingsSchema.parse({}).grantHosts);
    expect(merakiAdapter.readRedirect(byDefault, { ...params, base_grant_url: "https://evil-network-auth.com/splash/grant" }).ok).toBe(false);
    expect(merakiAdapter.readRedirect(byDefault, { ...params, base_grant_url: "https://n143.network-auth.com/splash/grant" }).ok).toBe(true);
  });

  it("refuses javascript: URLs whether the parameter checks dropped them or not", () => {
    const ctx = context("clickThrough");
    const tampered = new URL(cloud.splashRedirect(splash, "clickThrough", guest));
    tampered.searchParams.set("base_grant_url", "javascript:alert(document.cookie)");
    const kept = readGatewayParams(tampered.searchParams);
    expect(kept.rejected).toContain("base_grant_url");
    expect(merakiAdapter.readRedirect(ctx, kept.params).ok).toBe(false);

    const params = paramsOf(cloud.splashRedirect(splash, "clickThrough", guest));
    expect(merakiAdapter.readRedirect(ctx, { ...params, base_grant_url: "javascript:alert(1)" }).ok).toBe(false);
    expect(merakiAdapter.readRedirect(ctx, { ...params, user_continue_url: "javascript:alert(1)" }).ok).toBe(false);
  });

  it("refuses malformed MACs and IPs", () => {
    const ctx = context("clickThrough");
    const params = paramsOf(cloud.splashRedirect(splash, "clickThrough", guest));
    expect(merakiAdapter.readRedirect(ctx, { ...params, client_mac: "ff:ff:96:d5:d5" }).ok).toBe(false);
    expect(merakiAdapter.readRedirect(ctx, { ...params, node_mac: "not-a-mac" }).ok).toBe(false);
    expect(merakiAdapter.readRedirect(ctx, { ...params, client_ip: "10.0.0.999" }).ok).toBe(false);
  });

  it("refuses a sign-on redirect at a click-through gateway, and a grant whose stored grant URL was changed", async () => {
    expect(merakiAdapter.readRedirect(context("clickThrough"), paramsOf(cloud.splashRedirect(splash, "signOn", guest))).ok).toBe(false);

    const ctx = context("clickThrough");
    const redirect = read(ctx, paramsOf(cloud.splashRedirect(splash, "clickThrough", guest)));
    const tampered = { ...redirect, grantParams: { ...redirect.grantParams, grantUrl: "https://evil.example/grant" } };
    expect(await merakiAdapter.grant(ctx, request(tampered))).toMatchObject({ kind: "failed" });
    expect(await merakiAdapter.grant(ctx, request(redirect, { continueUrl: "javascript:alert(1)" }))).toMatchObject({ kind: "failed" });
  });
});

describe("Meraki sign-on", () => {
  it("posts the session id and its one-time password to login_url; Meraki's RADIUS accepts them and the browser lands on success_url", async () => {
    const ctx = context("signOn");
    const redirect = read(ctx, paramsOf(cloud.splashRedirect(splash, "signOn", guest)));
    expect(redirect).toMatchObject({ clientMac: guest.clientMac, apMac: guest.apMac, originalUrl: guest.continueUrl });

    const outcome = await merakiAdapter.grant(ctx, request(redirect));
    if (outcome.kind !== "form") throw new Error(`expected a form, got ${outcome.kind}`);
    expect(new URL(outcome.action).searchParams.get("mauth")).toBeTruthy();
    expect(Object.keys(outcome.fields).sort()).toEqual(["password", "success_url", "username"]);
    expect(outcome.fields.username).toBe(request(redirect).sessionId);

    const answer = await fetch(outcome.action, { method: "POST", body: new URLSearchParams(outcome.fields), redirect: "manual" });
    expect(answer.status).toBe(302);
    const landed = new URL(answer.headers.get("location")!);
    expect(`${landed.origin}${landed.pathname}`).toBe("https://portico.example/p/harbour-cafe/success");
    expect(landed.searchParams.get("logout_url")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/splash\/logout/);
    expect(cloud.logins.at(-1)).toMatchObject({ accepted: true, fields: { username: outcome.fields.username, success_url: success } });
  });

  it("a password made with another secret, or for another session, is refused by the RADIUS check", async () => {
    const wrong = context("signOn", { credentialKey: "another-secret-that-is-long-enough-too" });
    const redirect = read(wrong, paramsOf(cloud.splashRedirect(splash, "signOn", guest)));
    const outcome = await merakiAdapter.grant(wrong, request(redirect));
    if (outcome.kind !== "form") throw new Error("expected a form");
    const answer = await fetch(outcome.action, { method: "POST", body: new URLSearchParams(outcome.fields), redirect: "manual" });
    expect(answer.status).toBe(401);
    expect(cloud.logins.at(-1)?.accepted).toBe(false);

    const right = await merakiAdapter.grant(context("signOn"), request(redirect));
    if (right.kind !== "form") throw new Error("expected a form");
    const borrowed = { ...right.fields, username: "0192f0c2-0000-7000-8000-000000000000" };
    expect((await fetch(right.action, { method: "POST", body: new URLSearchParams(borrowed), redirect: "manual" })).status).toBe(401);
  });

  it("fails with a clear error when the credential key is missing, and refuses a login_url on a foreign host", async () => {
    const ctx = context("signOn", {});
    const redirect = read(ctx, paramsOf(cloud.splashRedirect(splash, "signOn", guest)));
    expect(await merakiAdapter.grant(ctx, request(redirect))).toEqual({ kind: "failed", error: "Sign-on needs the gateway's credential key, which is not set." });

    const params = paramsOf(cloud.splashRedirect(splash, "signOn", guest));
    expect(merakiAdapter.readRedirect(ctx, { ...params, login_url: "https://phish.example/splash/login?mauth=x" })).toMatchObject({ ok: false });
    expect(merakiAdapter.readRedirect(ctx, { ...params, continue_url: "data:text/html,hi" })).toMatchObject({ ok: false });
  });
});
