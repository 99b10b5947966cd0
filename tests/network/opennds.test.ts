// openNDS end to end against a local gateway that redirects and authenticates as openNDS does
// (tests/support/gateways/opennds.ts): redirect in, through Portico's gateway-parameter reading,
// grant out, and the gateway's own check of tok.
import { afterEach, describe, expect, it } from "vitest";

import { readGatewayParams } from "@/lib/journeys/gateway-params";
import { openndsAdapter, openndsSettingsSchema, type OpenndsSettings } from "@/lib/network/adapters/opennds";
import { answerAuthmon, type PendingGrant } from "@/lib/network/adapters/opennds-authmon";
import { gatewayHash } from "@/lib/network/adapters/opennds-fas";
import type { GatewayContext } from "@/lib/network/gateway-adapter";
import { startOpenndsSimulator, type OpenndsSimulator } from "@/tests/support/gateways/opennds";

const faskey = "Sh4redFasKey2026";
// openNDS appends "?fas=…" to faspath, so the splash URL it is given can carry no query of its own.
const splashUrl = "https://portico.example/p/cafe";
const guest = { ip: "192.168.8.23", mac: "aa:bb:cc:00:11:22" };
const tier = { minutes: 90, downKbps: 2000, upKbps: 500, quotaMb: 250 };
let sim: OpenndsSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function context(settings: Partial<OpenndsSettings>, key = faskey): GatewayContext<OpenndsSettings, { faskey: string }> {
  return { settings: openndsSettingsSchema.parse(settings), secrets: { faskey: key }, fetch, now: () => new Date() };
}

/** What the splash route hands the adapter: the browser's query, read as Portico reads it. */
function paramsOf(url: string): Record<string, string> {
  return readGatewayParams(new URL(url).searchParams).params;
}

describe.each([1, 2] as const)("openNDS level %i", (level) => {
  it("reads the redirect and lets the guest on through the gateway's authdir", async () => {
    sim = await startOpenndsSimulator({ level, faskey, splashUrl });
    const ctx = context({ securityLevel: level, gatewayAddresses: [sim.address] });
    const reading = openndsAdapter.readRedirect(ctx, paramsOf(sim.redirectFor(guest, "http://example.com/news?x=1")));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.redirect).toMatchObject({ clientMac: guest.mac, clientIp: guest.ip, originalUrl: "http://example.com/news?x=1", verified: level === 2, clientMacVerified: level === 2 });

    const outcome = await openndsAdapter.grant(ctx, { redirect: reading.redirect, tier, continueUrl: "https://portico.example/p/cafe/online", sessionId: "s-1" });
    expect(outcome.kind).toBe("redirect");
    if (outcome.kind !== "redirect") return;
    expect(outcome.url.startsWith(`http://${sim.address}/opennds_auth/?tok=`)).toBe(true);
    const response = await sim.request(guest.ip, outcome.url);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://portico.example/p/cafe/online");
    const client = sim.clients.get(guest.ip)!;
    expect(client.authenticated).toBe(true);
    expect(Buffer.from(client.custom!, "base64").toString()).toContain("portico_session=s-1, sessionlength=90, uploadrate=500, downloadrate=2000, uploadquota=250000");
  });

  it("is not let on with a tok made with another faskey", async () => {
    sim = await startOpenndsSimulator({ level: 1, faskey, splashUrl });
    const reading = openndsAdapter.readRedirect(context({ securityLevel: 1 }, "NotTheGatewayKey"), paramsOf(sim.redirectFor(guest, "http://example.com/")));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    const outcome = await openndsAdapter.grant(context({ securityLevel: 1 }), { redirect: reading.redirect, tier, continueUrl: "https://portico.example/", sessionId: "s-2" });
    if (outcome.kind !== "redirect") throw new Error(outcome.kind);
    const response = await sim.request(guest.ip, outcome.url);
    expect(response.headers.get("location")?.startsWith(splashUrl)).toBe(true);
    expect(sim.clients.get(guest.ip)!.authenticated).toBe(false);
  });
});

describe("openNDS redirects refused", () => {
  it("refuses level 2 with the wrong faskey, tampered fas, missing iv and malformed base64", async () => {
    sim = await startOpenndsSimulator({ level: 2, faskey, splashUrl });
    const params = paramsOf(sim.redirectFor(guest, "http://example.com/"));
    expect(openndsAdapter.readRedirect(context({ securityLevel: 2 }, "WrongKeyWrongKey"), params).ok).toBe(false);
    const fas = params.fas!;
    const middle = Math.floor(fas.length / 2);
    const tampered = fas.slice(0, middle) + (fas[middle] === "A" ? "B" : "A") + fas.slice(middle + 1);
    expect(openndsAdapter.readRedirect(context({ securityLevel: 2 }), { ...params, fas: tampered }).ok).toBe(false);
    expect(openndsAdapter.readRedirect(context({ securityLevel: 2 }), { fas }).ok).toBe(false);
    expect(openndsAdapter.readRedirect(context({ securityLevel: 2 }), { ...params, fas: "%%%%" }).ok).toBe(false);
    expect(openndsAdapter.readRedirect(context({ securityLevel: 2 }), {}).ok).toBe(false);
  });

  it("refuses a gateway address outside the allow-list and a gatewayname that is not this gateway's", async () => {
    sim = await startOpenndsSimulator({ level: 2, faskey, splashUrl, gatewayName: "Front desk" });
    const params = paramsOf(sim.redirectFor(guest, "http://example.com/"));
    expect(openndsAdapter.readRedirect(context({ securityLevel: 2, gatewayAddresses: ["10.0.0.1:2050"] }), params)).toEqual({ ok: false, reason: "gatewayaddress is not one this gateway allows" });
    expect(openndsAdapter.readRedirect(context({ securityLevel: 2, gatewayName: "Back office" }), params).ok).toBe(false);
    expect(openndsAdapter.readRedirect(context({ securityLevel: 2, gatewayName: "Front desk" }), params).ok).toBe(true);
  });

  it("refuses a level 1 payload with a malformed hid or a gateway address carrying a path", () => {
    const payload = (fields: string) => ({ fas: Buffer.from(fields).toString("base64") });
    const good = "hid=" + "a".repeat(64) + ", clientip=192.168.8.2, clientmac=aa:bb:cc:dd:ee:ff, gatewayaddress=192.168.8.1:2050, ";
    expect(openndsAdapter.readRedirect(context({ securityLevel: 1 }), payload(good)).ok).toBe(true);
    expect(openndsAdapter.readRedirect(context({ securityLevel: 1 }), payload(good.replace("a".repeat(64), "xyz"))).ok).toBe(false);
    expect(openndsAdapter.readRedirect(context({ securityLevel: 1 }), payload(good.replace("192.168.8.1:2050", "evil.example/phish?"))).ok).toBe(false);
  });
});

describe("openNDS level 3", () => {
  it("leaves the grant pending and hands it to authmon, which lets the guest on", async () => {
    sim = await startOpenndsSimulator({ level: 3, faskey, splashUrl, gatewayName: "Front desk" });
    const ctx = context({ securityLevel: 3, gatewayName: "Front desk" });
    const reading = openndsAdapter.readRedirect(ctx, paramsOf(sim.redirectFor(guest, "http://example.com/")));
    if (!reading.ok) throw new Error(reading.reason);
    const outcome = await openndsAdapter.grant(ctx, { redirect: reading.redirect, tier, continueUrl: "https://portico.example/", sessionId: "s-3" });
    expect(outcome.kind).toBe("pending");

    const pending: PendingGrant[] = [{ sessionId: "s-3", rhid: reading.redirect.grantParams.tok!, ...tier }];
    const collected: string[] = [];
    const deps = {
      loadPending: async () => pending.filter((grant) => !collected.includes(grant.rhid)),
      markCollected: async (_id: string, rhids: string[]) => void collected.push(...rhids),
      clearPending: async () => undefined,
    };
    const post = (auth_get: string, payload: string, hash = gatewayHash("Front desk")) =>
      answerAuthmon({ id: "g", gatewayName: "Front desk" }, new URLSearchParams({ auth_get, gatewayhash: hash, payload: Buffer.from(payload).toString("base64") }), deps);

    const view = await post("view", "none");
    expect(view.status).toBe(200);
    // authmon: strip "* ", undo rawurlencode, then `ndsctl auth <rhid> <minutes> <up> <down> <upquota> <downquota> <custom>`.
    const line = decodeURIComponent(view.body.slice(2));
    const [rhid, minutes, up, down, upQuota, downQuota] = line.split(" ");
    expect([minutes, up, down, upQuota, downQuota]).toEqual(["90", "500", "2000", "250000", "250000"]);
    const client = sim.clients.get(guest.ip)!;
    expect(rhid).toBe(reading.redirect.grantParams.tok);
    expect(await sim.request(guest.ip, `http://${sim.address}/opennds_auth/?tok=${rhid}`).then((r) => r.status)).toBe(200);
    expect(client.authenticated).toBe(true);

    expect(await post("view", `* ${rhid}`)).toEqual({ status: 200, body: "ack" });
    expect(collected).toEqual([rhid]);
    expect(await post("view", "none")).toEqual({ status: 200, body: "*" });
    expect((await post("view", "none", gatewayHash("Another gateway"))).status).toBe(403);
  });
});
