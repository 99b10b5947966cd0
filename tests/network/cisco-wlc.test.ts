// Cisco WLC external web authentication end to end against a local controller that redirects
// and checks logins as the WLC does (tests/support/gateways/cisco-wlc.ts).
import { afterEach, describe, expect, it } from "vitest";

import { readGatewayParams } from "@/lib/journeys/gateway-params";
import { ciscoWlcAdapter, ciscoWlcSettingsSchema, type CiscoWlcSettings } from "@/lib/network/adapters/cisco-wlc";
import type { GatewayContext } from "@/lib/network/gateway-adapter";
import { startCiscoWlcSimulator, type CiscoWlcSimulator } from "@/tests/support/gateways/cisco-wlc";
import { postForm } from "@/tests/support/gateways/form-login-server";

const credentialKey = "cisco-shared-credential-key-0123456789abc";
const splashUrl = "https://portico.example/p/hotel?gw=lobby";
const continueUrl = "https://portico.example/p/hotel/online";
const guest = { mac: "28:cf:e9:13:47:cb", apMac: "b8:be:bf:14:41:90" };
const tier = { minutes: 120 };
let sim: CiscoWlcSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function context(settings: Partial<CiscoWlcSettings>, key = credentialKey): GatewayContext<CiscoWlcSettings, { credentialKey: string }> {
  return { settings: ciscoWlcSettingsSchema.parse(settings), secrets: { credentialKey: key }, fetch, now: () => new Date() };
}
const paramsOf = (url: string) => readGatewayParams(new URL(url).searchParams).params;

async function start() {
  sim = await startCiscoWlcSimulator({ splashUrl, credentialKey, wlan: "Hotel-Guest" });
  return sim;
}

describe("Cisco WLC", () => {
  it("reads the redirect, and the controller accepts the posted login and sends the guest on", async () => {
    const wlc = await start();
    const ctx = context({ controllerAddresses: [wlc.host], wlans: ["Hotel-Guest"] });
    const reading = ciscoWlcAdapter.readRedirect(ctx, paramsOf(wlc.redirectFor(guest, "http://bbc.co.uk/news")));
    if (!reading.ok) throw new Error(reading.reason);
    // The WLC's scheme-less redirect ("bbc.co.uk/news") is read as the http URL it means.
    expect(reading.redirect).toMatchObject({ clientMac: guest.mac, apMac: guest.apMac, originalUrl: "http://bbc.co.uk/news", verified: true });
    const outcome = await ciscoWlcAdapter.grant(ctx, { redirect: reading.redirect, tier, continueUrl, sessionId: "sess-wlc-1" });
    if (outcome.kind !== "form") throw new Error(outcome.kind);
    expect(outcome.action).toBe(wlc.switchUrl);
    expect(outcome.fields).toMatchObject({ buttonClicked: "4", redirect_url: continueUrl, username: "sess-wlc-1" });
    const response = await postForm(outcome.action, outcome.fields, guest.mac);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(continueUrl);
    expect(wlc.clients.get(guest.mac)).toMatchObject({ loggedIn: true, username: "sess-wlc-1" });
  });

  it("is refused by the controller (statusCode 5) when the password was made with another key", async () => {
    const wlc = await start();
    const ctx = context({ controllerAddresses: [wlc.host] }, "some-other-key-the-radius-side-lacks!!");
    const reading = ciscoWlcAdapter.readRedirect(ctx, paramsOf(wlc.redirectFor(guest, "http://bbc.co.uk/")));
    if (!reading.ok) throw new Error(reading.reason);
    const outcome = await ciscoWlcAdapter.grant(ctx, { redirect: reading.redirect, tier, continueUrl, sessionId: "sess-wlc-2" });
    if (outcome.kind !== "form") throw new Error(outcome.kind);
    const response = await postForm(outcome.action, outcome.fields, guest.mac);
    expect(new URL(response.headers.get("location")!).searchParams.get("statusCode")).toBe("5");
    expect(wlc.clients.get(guest.mac)!.loggedIn).toBe(false);
  });

  it("is sent back by the controller without buttonClicked=4, so the grant must carry it", async () => {
    const wlc = await start();
    const ctx = context({ controllerAddresses: [wlc.host] });
    const reading = ciscoWlcAdapter.readRedirect(ctx, paramsOf(wlc.redirectFor(guest, "http://bbc.co.uk/")));
    if (!reading.ok) throw new Error(reading.reason);
    const outcome = await ciscoWlcAdapter.grant(ctx, { redirect: reading.redirect, tier, continueUrl, sessionId: "sess-wlc-3" });
    if (outcome.kind !== "form") throw new Error(outcome.kind);
    const response = await postForm(outcome.action, { ...outcome.fields, buttonClicked: "0" }, guest.mac);
    expect(new URL(response.headers.get("location")!).searchParams.get("switch_url")).toBe(wlc.switchUrl);
    expect(wlc.clients.get(guest.mac)!.loggedIn).toBe(false);
  });

  it.each([
    ["switch_url on a foreign host", (url: URL) => url.searchParams.set("switch_url", "https://evil.example/login.html")],
    ["a javascript: switch_url", (url: URL) => url.searchParams.set("switch_url", "javascript:alert(1)")],
    ["no switch_url", (url: URL) => url.searchParams.delete("switch_url")],
    ["a malformed client_mac", (url: URL) => url.searchParams.set("client_mac", "28:cf:e9:13:47")],
    ["a WLAN this gateway does not serve", (url: URL) => url.searchParams.set("wlan", "Staff")],
  ])("refuses %s", async (_name, change) => {
    const wlc = await start();
    const url = new URL(wlc.redirectFor(guest, "http://bbc.co.uk/"));
    change(url);
    expect(ciscoWlcAdapter.readRedirect(context({ controllerAddresses: [wlc.host], wlans: ["Hotel-Guest"] }), paramsOf(url.toString())).ok).toBe(false);
  });

  it("reads the WLC's scheme-less redirect as an http URL, through Portico's parameter reading", async () => {
    const wlc = await start();
    const url = new URL(wlc.redirectFor(guest, "http://bbc.co.uk/news"));
    const gateway = readGatewayParams(url.searchParams);
    expect(gateway.rejected).not.toContain("redirect");
    expect(gateway.originalUrl).toBe("http://bbc.co.uk/news");
    const reading = ciscoWlcAdapter.readRedirect(context({ controllerAddresses: [wlc.host] }), gateway.params);
    expect(reading.ok && reading.redirect.originalUrl).toBe("http://bbc.co.uk/news");
  });

  it("keeps no javascript: redirect as the original URL", async () => {
    const wlc = await start();
    const url = new URL(wlc.redirectFor(guest, "http://bbc.co.uk/"));
    url.searchParams.set("redirect", "javascript:alert(1)");
    const reading = ciscoWlcAdapter.readRedirect(context({ controllerAddresses: [wlc.host] }), Object.fromEntries(url.searchParams));
    expect(reading.ok && reading.redirect.originalUrl).toBeNull();
  });

  it("fails the grant when the continue URL would be cut at the WLC's 255 characters", async () => {
    const wlc = await start();
    const ctx = context({ controllerAddresses: [wlc.host] });
    const reading = ciscoWlcAdapter.readRedirect(ctx, paramsOf(wlc.redirectFor(guest, "http://bbc.co.uk/")));
    if (!reading.ok) throw new Error(reading.reason);
    const outcome = await ciscoWlcAdapter.grant(ctx, { redirect: reading.redirect, tier, continueUrl: `${continueUrl}?x=${"a".repeat(260)}`, sessionId: "s" });
    expect(outcome.kind).toBe("failed");
  });
});
