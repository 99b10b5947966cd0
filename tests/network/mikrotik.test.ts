// MikroTik HotSpot end to end against a local router that redirects and checks logins as
// RouterOS does (tests/support/gateways/mikrotik.ts): redirect in, through Portico's
// gateway-parameter reading, grant out as a form, posted the way the guest's browser would.
import { afterEach, describe, expect, it } from "vitest";

import { readGatewayParams } from "@/lib/journeys/gateway-params";
import { decodeChapValue, mikrotikAdapter, mikrotikSettingsSchema, type MikrotikSettings } from "@/lib/network/adapters/mikrotik";
import type { GatewayContext, GrantRequest } from "@/lib/network/gateway-adapter";
import { postForm } from "@/tests/support/gateways/form-login-server";
import { octalEscaped, startMikrotikSimulator, type MikrotikSimulator } from "@/tests/support/gateways/mikrotik";

const credentialKey = "mikrotik-shared-credential-key-0123456789";
const splashUrl = "https://portico.example/p/cafe?gw=front-door";
const continueUrl = "https://portico.example/p/cafe/online";
const guest = { mac: "aa:bb:cc:00:11:22", ip: "10.5.50.23" };
const tier = { minutes: 60 };
let sim: MikrotikSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function context(settings: Partial<MikrotikSettings>, key = credentialKey): GatewayContext<MikrotikSettings, { credentialKey: string }> {
  return { settings: mikrotikSettingsSchema.parse(settings), secrets: { credentialKey: key }, fetch, now: () => new Date() };
}
const paramsOf = (url: string) => readGatewayParams(new URL(url).searchParams).params;

async function grantAndPost(ctx: ReturnType<typeof context>, redirectUrl: string, sessionId: string) {
  const reading = mikrotikAdapter.readRedirect(ctx, paramsOf(redirectUrl));
  if (!reading.ok) throw new Error(reading.reason);
  const request: GrantRequest = { redirect: reading.redirect, tier, continueUrl, sessionId };
  const outcome = await mikrotikAdapter.grant(ctx, request);
  if (outcome.kind !== "form") throw new Error(outcome.kind);
  return { reading, outcome, response: await postForm(outcome.action, outcome.fields, guest.mac) };
}

describe.each(["http-chap", "http-pap"] as const)("MikroTik %s", (loginBy) => {
  const authentication = loginBy === "http-chap" ? "chap" : "pap";

  it("reads the redirect, and the router accepts the posted login and sends the guest on", async () => {
    sim = await startMikrotikSimulator({ splashUrl, credentialKey, loginBy });
    const ctx = context({ routerAddresses: [sim.host], authentication });
    const { reading, outcome, response } = await grantAndPost(ctx, sim.redirectFor(guest, "http://example.com/news"), "sess-mt-1");
    expect(reading.redirect).toMatchObject({ clientMac: guest.mac, clientIp: guest.ip, originalUrl: "http://example.com/news", verified: true });
    expect(outcome.action).toBe(sim.loginUrl);
    expect(outcome.fields).toMatchObject({ username: "sess-mt-1", dst: continueUrl, popup: "false" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(continueUrl);
    expect(sim.clients.get(guest.mac)).toMatchObject({ loggedIn: true, username: "sess-mt-1" });
  });

  it("is refused by the router when the password was made with another key", async () => {
    sim = await startMikrotikSimulator({ splashUrl, credentialKey, loginBy });
    const { response } = await grantAndPost(context({ routerAddresses: [sim.host], authentication }, "not-the-key-the-radius-side-holds!!"), sim.redirectFor(guest, "http://example.com/"), "sess-mt-2");
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get("location")!);
    expect(back.origin + back.pathname).toBe("https://portico.example/p/cafe");
    expect(back.searchParams.get("error")).toBe("invalid username or password");
    expect(sim.clients.get(guest.mac)!.loggedIn).toBe(false);
  });
});

describe("MikroTik CHAP", () => {
  it("cannot replay an answer: the router's challenge is used once", async () => {
    sim = await startMikrotikSimulator({ splashUrl, credentialKey, loginBy: "http-chap" });
    const ctx = context({ routerAddresses: [sim.host] });
    const { outcome, response } = await grantAndPost(ctx, sim.redirectFor(guest, "http://example.com/"), "sess-mt-3");
    expect(response.headers.get("location")).toBe(continueUrl);
    sim.clients.get(guest.mac)!.loggedIn = false;
    const replay = await postForm(outcome.action, outcome.fields, guest.mac);
    expect(new URL(replay.headers.get("location")!).searchParams.get("error")).toBe("invalid username or password");
  });

  it("refuses a redirect without a challenge when the hotspot is set to http-chap (a downgrade to PAP)", async () => {
    sim = await startMikrotikSimulator({ splashUrl, credentialKey, loginBy: "http-pap" });
    const reading = mikrotikAdapter.readRedirect(context({ routerAddresses: [sim.host], authentication: "chap" }), paramsOf(sim.redirectFor(guest, "http://example.com/")));
    expect(reading).toMatchObject({ ok: false });
  });

  it("reads the router's octal-escaped CHAP values, through Portico's parameter reading", async () => {
    sim = await startMikrotikSimulator({ splashUrl, credentialKey, loginBy: "http-chap", chapEncoding: "octal" });
    const url = new URL(sim.redirectFor(guest, "http://example.com/"));
    const gateway = readGatewayParams(url.searchParams);
    expect(gateway.rejected).toEqual([]);
    const client = sim.clients.get(guest.mac)!;
    expect(decodeChapValue(octalEscaped(client.chapChallenge), { min: 16, max: 16 })).toBe(client.chapChallenge.toString("hex"));
    const raw = gateway.params;
    const reading = mikrotikAdapter.readRedirect(context({ routerAddresses: [sim.host] }), raw);
    if (!reading.ok) throw new Error(reading.reason);
    const outcome = await mikrotikAdapter.grant(context({ routerAddresses: [sim.host] }), { redirect: reading.redirect, tier, continueUrl, sessionId: "sess-mt-4" });
    if (outcome.kind !== "form") throw new Error(outcome.kind);
    const response = await postForm(outcome.action, outcome.fields, guest.mac);
    expect(response.headers.get("location")).toBe(continueUrl);
  });
});

describe("MikroTik tampered and malformed redirects", () => {
  const tamper = async (change: (url: URL) => void) => {
    sim ??= await startMikrotikSimulator({ splashUrl, credentialKey, loginBy: "http-chap" });
    const url = new URL(sim.redirectFor(guest, "http://example.com/"));
    change(url);
    return mikrotikAdapter.readRedirect(context({ routerAddresses: [sim.host] }), paramsOf(url.toString()));
  };

  it.each([
    ["link-login-only on a foreign host", (url: URL) => url.searchParams.set("link-login-only", "http://evil.example/login")],
    ["a javascript: link-login-only", (url: URL) => url.searchParams.set("link-login-only", "javascript:alert(1)")],
    ["no link-login-only", (url: URL) => url.searchParams.delete("link-login-only")],
    ["a malformed mac", (url: URL) => url.searchParams.set("mac", "not-a-mac")],
    ["the router's unknown-mac marker", (url: URL) => url.searchParams.set("mac", "---")],
    ["a truncated challenge", (url: URL) => url.searchParams.set("chap-challenge", "ab12")],
    ["a chap-id without a challenge", (url: URL) => url.searchParams.delete("chap-challenge")],
  ])("refuses %s", async (_name, change) => {
    expect((await tamper(change)).ok).toBe(false);
  });

  it("keeps no javascript: link-orig as the original URL", async () => {
    const reading = await tamper((url) => url.searchParams.set("link-orig", "javascript:alert(1)"));
    expect(reading.ok && reading.redirect.originalUrl).toBeNull();
  });

  it("fails the grant rather than post to an address no longer allowed", async () => {
    sim = await startMikrotikSimulator({ splashUrl, credentialKey, loginBy: "http-chap" });
    const reading = mikrotikAdapter.readRedirect(context({ routerAddresses: [sim.host] }), paramsOf(sim.redirectFor(guest, "http://example.com/")));
    if (!reading.ok) throw new Error(reading.reason);
    const outcome = await mikrotikAdapter.grant(context({ routerAddresses: ["10.9.9.9"] }), { redirect: reading.redirect, tier, continueUrl, sessionId: "s" });
    expect(outcome.kind).toBe("failed");
  });
});
