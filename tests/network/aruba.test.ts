// Aruba external captive portal end to end against a local Instant virtual controller that
// redirects and checks logins as Aruba does (tests/support/gateways/aruba.ts).
import { afterEach, describe, expect, it } from "vitest";

import { readGatewayParams } from "@/lib/journeys/gateway-params";
import { arubaAdapter, arubaSettingsSchema, type ArubaSettings } from "@/lib/network/adapters/aruba";
import type { GatewayContext } from "@/lib/network/gateway-adapter";
import { startArubaSimulator, type ArubaSimulator } from "@/tests/support/gateways/aruba";
import { postForm } from "@/tests/support/gateways/form-login-server";

const credentialKey = "aruba-shared-credential-key-0123456789abc";
const splashUrl = "https://portico.example/p/library?gw=reading-room";
const continueUrl = "https://portico.example/p/library/online";
const guest = { mac: "e0:46:9a:ad:61:16", ip: "192.168.11.141" };
const tier = { minutes: 45 };
let sim: ArubaSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function context(settings: Partial<ArubaSettings>, key = credentialKey): GatewayContext<ArubaSettings, { credentialKey: string }> {
  return { settings: arubaSettingsSchema.parse(settings), secrets: { credentialKey: key }, fetch, now: () => new Date() };
}
const paramsOf = (url: string) => readGatewayParams(new URL(url).searchParams).params;
const start = async () => (sim = await startArubaSimulator({ splashUrl, credentialKey, essid: "Library", apname: "ap-1", apmac: "24:de:c6:00:00:01" }));

describe.each([
  ["the login host", (host: string): Partial<ArubaSettings> => ({ loginHost: host, controllerAddresses: [host], protocol: "http" })],
  ["the switchip", (host: string): Partial<ArubaSettings> => ({ postToSwitchip: true, controllerAddresses: [host], protocol: "http" })],
])("Aruba, posting to %s", (_name, settingsFor) => {
  it("reads the redirect, and the controller accepts the posted login and sends the guest on", async () => {
    const aruba = await start();
    const ctx = context(settingsFor(aruba.host));
    const reading = arubaAdapter.readRedirect(ctx, paramsOf(aruba.redirectFor(guest, "http://www.gazeta.pl/0,0.html")));
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.redirect).toMatchObject({ clientMac: guest.mac, clientIp: guest.ip, apMac: "24:de:c6:00:00:01", originalUrl: "http://www.gazeta.pl/0,0.html" });
    const outcome = await arubaAdapter.grant(ctx, { redirect: reading.redirect, tier, continueUrl, sessionId: "sess-ar-1" });
    if (outcome.kind !== "form") throw new Error(outcome.kind);
    expect(outcome.action).toBe(`http://${aruba.host}/cgi-bin/login`);
    expect(outcome.fields).toMatchObject({ cmd: "authenticate", user: "sess-ar-1", url: continueUrl });
    const response = await postForm(outcome.action, outcome.fields, guest.mac);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(continueUrl);
    expect(aruba.clients.get(guest.mac)).toMatchObject({ loggedIn: true, username: "sess-ar-1" });
  });

  it("is sent back to the splash with errmsg when the password was made with another key", async () => {
    const aruba = await start();
    const ctx = context(settingsFor(aruba.host), "another-key-portico-radius-does-not-hold");
    const reading = arubaAdapter.readRedirect(ctx, paramsOf(aruba.redirectFor(guest, "http://example.com/")));
    if (!reading.ok) throw new Error(reading.reason);
    const outcome = await arubaAdapter.grant(ctx, { redirect: reading.redirect, tier, continueUrl, sessionId: "sess-ar-2" });
    if (outcome.kind !== "form") throw new Error(outcome.kind);
    const response = await postForm(outcome.action, outcome.fields, guest.mac);
    const back = new URL(response.headers.get("location")!);
    expect(back.searchParams.get("errmsg")).toBe("Authentication failed");
    expect(back.searchParams.get("cmd")).toBe("login");
    expect(aruba.clients.get(guest.mac)!.loggedIn).toBe(false);
  });
});

describe("Aruba tampered and malformed redirects", () => {
  it.each([
    ["a switchip that is not a listed controller", (url: URL) => url.searchParams.set("switchip", "203.0.113.9")],
    ["a javascript: switchip", (url: URL) => url.searchParams.set("switchip", "javascript:alert(1)")],
    ["no cmd=login", (url: URL) => url.searchParams.delete("cmd")],
    ["a malformed mac", (url: URL) => url.searchParams.set("mac", "e0:46:9a:ad:61")],
    ["no mac", (url: URL) => url.searchParams.delete("mac")],
  ])("refuses %s", async (_name, change) => {
    const aruba = await start();
    const url = new URL(aruba.redirectFor(guest, "http://example.com/"));
    change(url);
    expect(arubaAdapter.readRedirect(context({ postToSwitchip: true, controllerAddresses: [aruba.host], protocol: "http" }), paramsOf(url.toString())).ok).toBe(false);
  });

  it("refuses a redirect without switchip when logins go to it", async () => {
    const aruba = await start();
    const url = new URL(aruba.redirectFor(guest, "http://example.com/"));
    url.searchParams.delete("switchip");
    expect(arubaAdapter.readRedirect(context({ postToSwitchip: true, controllerAddresses: [aruba.host] }), paramsOf(url.toString())).ok).toBe(false);
  });

  it("posts to securelogin.arubanetworks.com over https by default", async () => {
    const aruba = await start();
    const url = new URL(aruba.redirectFor(guest, "javascript:alert(1)"));
    url.searchParams.delete("switchip");
    const ctx = context({});
    const reading = arubaAdapter.readRedirect(ctx, paramsOf(url.toString()));
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.redirect.originalUrl).toBeNull();
    const outcome = await arubaAdapter.grant(ctx, { redirect: reading.redirect, tier, continueUrl, sessionId: "s" });
    expect(outcome).toMatchObject({ kind: "form", action: "https://securelogin.arubanetworks.com/cgi-bin/login" });
  });

  it("fails the grant rather than post to a login address this gateway no longer allows", async () => {
    const aruba = await start();
    const reading = arubaAdapter.readRedirect(context({ postToSwitchip: true, controllerAddresses: [aruba.host], protocol: "http" }), paramsOf(aruba.redirectFor(guest, "http://example.com/")));
    if (!reading.ok) throw new Error(reading.reason);
    const outcome = await arubaAdapter.grant(context({}), { redirect: reading.redirect, tier, continueUrl, sessionId: "s" });
    expect(outcome.kind).toBe("failed");
  });
});
