// Ubiquiti UniFi Network with an external portal server (Hotspot → Captive Portal → External
// Portal Server). The controller sends the guest to the splash with id (the client's MAC), ap
// (the access point's MAC), t (the redirect's Unix time), url (where they were going) and ssid;
// the grant is done by Portico, server to server, in one of three ways:
// - classic controller (UniFi Network Application on its own, port 8443): POST /api/login,
//   then POST /api/s/{site}/cmd/stamgr {cmd:"authorize-guest", mac, minutes, up, down, bytes
//   (megabytes), ap_mac} with the session cookie (and X-CSRF-Token when the controller set
//   csrf_token);
// - UniFi OS consoles (UDM, UCG, Cloud Key Gen2+): POST /api/auth/login, the same stamgr call
//   under /proxy/network with the TOKEN cookie and the X-CSRF-Token the login returned;
// - the Network Integration API (Network 9.1+): an API key in X-API-KEY, the site and client
//   looked up by internalReference and macAddress, then POST
//   /proxy/network/integration/v1/sites/{siteId}/clients/{clientId}/actions
//   {action:"AUTHORIZE_GUEST_ACCESS", timeLimitMinutes, dataUsageLimitMBytes, rxRateLimitKbps, txRateLimitKbps}.
// Sources: https://help.ui.com/hc/en-us/articles/31228198640023-External-Hotspot-API-for-Authorization-Clients
// (redirect parameters, the integration API's authorisation), the Network application's own
// API reference (Network → Control Plane → Integrations), and Art of WiFi's UniFi API client
// (github.com/Art-of-WiFi/UniFi-API-client, src/Client.php: login, authorize_guest, unauthorize_guest),
// the reference the community keeps for the undocumented classic API. docs/gateways/unifi.md.
import "server-only";

import { Agent } from "undici";
import { z } from "zod";

import { normaliseMac } from "@/lib/devices/describe-device";

import type { WalledGardenConfig, WalledGardenEntry } from "../walled-garden/entries";
import type { GatewayAdapter, GatewayContext, GrantOutcome, RedirectReading } from "../gateway-adapter";

export const unifiSettingsSchema = z.object({
  controllerUrl: z
    .url({ protocol: /^https?$/, message: "Enter the controller's address, e.g. https://unifi.example.net:8443 or https://192.168.1.1." })
    .transform((value) => value.replace(/\/+$/, ""))
    .describe("The controller's address as Portico reaches it (classic controllers listen on :8443)."),
  flavour: z.enum(["classic", "unifiOs", "integrationApi"]).default("unifiOs").describe("Classic controller, UniFi OS console (username and password), or the Network Integration API (API key)."),
  site: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "The site's short name, as in the controller's URL (usually default), or its id.").default("default"),
  /** Consoles ship with a self-signed certificate; turning this off trusts whatever answers at controllerUrl. */
  verifyTls: z.boolean().default(true).describe("Check the controller's TLS certificate (turn off only for a self-signed console on a private network)."),
  /** The redirect's `t` is the controller's clock; a splash link older than this is refused. */
  redirectMaxAgeHours: z.number().int().min(1).max(24 * 30).default(24),
});
export type UnifiSettings = z.infer<typeof unifiSettingsSchema>;

const secret = z.string().min(1).max(4096);
export const unifiSecretsSchema = z.discriminatedUnion("auth", [
  /** A local admin of the controller (a dedicated one with the Hotspot operator role is enough for classic). */
  z.object({ auth: z.literal("password"), username: secret, password: secret }),
  /** Network → Control Plane → Integrations → Create API key. */
  z.object({ auth: z.literal("apiKey"), apiKey: secret }),
]);
export type UnifiSecrets = z.infer<typeof unifiSecretsSchema>;
type UnifiContext = GatewayContext<UnifiSettings, UnifiSecrets>;

/** The controller answered with a refusal, or not at all: what staff see on the failed grant. */
class ControllerError extends Error {}

const insecureAgent = new Agent({ connect: { rejectUnauthorized: false } });

/** The clock skew tolerated when `t` is ahead of Portico's clock. */
const futureSkewMs = 5 * 60_000;

function readUnifiRedirect(context: UnifiContext, params: Readonly<Record<string, string>>): RedirectReading {
  const clientMac = params.id ? normaliseMac(params.id) : null;
  if (!clientMac) return { ok: false, reason: params.id ? "UniFi's id is not a MAC address." : "UniFi's redirect has no id (the client's MAC)." };
  const apMac = params.ap ? normaliseMac(params.ap) : null;
  if (params.ap && !apMac) return { ok: false, reason: "UniFi's ap is not a MAC address." };
  if (params.t !== undefined) {
    if (!/^\d{1,12}$/.test(params.t)) return { ok: false, reason: "UniFi's t is not a Unix time." };
    const at = Number(params.t) * 1000;
    const now = context.now().getTime();
    if (at > now + futureSkewMs) return { ok: false, reason: "UniFi's t is in the future: check the controller's clock." };
    if (now - at > context.settings.redirectMaxAgeHours * 3_600_000) return { ok: false, reason: "UniFi's redirect has expired (t is too old)." };
  }
  let originalUrl: string | null = null;
  if (params.url !== undefined) {
    try {
      const url = new URL(params.url);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
      originalUrl = url.toString();
    } catch {
      return { ok: false, reason: "UniFi's url is not an http or https URL." };
    }
  }
  return {
    ok: true,
    redirect: {
      clientMac,
      clientIp: null,
      apMac,
      originalUrl,
      grantParams: { clientMac, ...(apMac ? { apMac } : {}), ...(params.ssid ? { ssid: params.ssid } : {}) },
      // Nothing in UniFi's redirect is signed; the controller only authorises a MAC it sees on its guest network.
      verified: false,
    },
  };
}

interface Session {
  /** Prefix before /api/… : "" on a classic controller, "/proxy/network" on UniFi OS. */
  prefix: string;
  headers: Record<string, string>;
  logoutPath: string;
}

function requestInit(context: UnifiContext, init: RequestInit): RequestInit {
  // undici's dispatcher option: the only way to accept a self-signed console for this call alone.
  return context.settings.verifyTls ? init : ({ ...init, dispatcher: insecureAgent } as RequestInit);
}

async function call(context: UnifiContext, path: string, init: RequestInit): Promise<Response> {
  const url = `${context.settings.controllerUrl}${path}`;
  try {
    return await context.fetch(url, requestInit(context, { ...init, redirect: "manual", signal: AbortSignal.timeout(10_000) }));
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : error instanceof Error ? `: ${error.message}` : "";
    throw new ControllerError(`Could not reach the UniFi controller at ${context.settings.controllerUrl}${cause}`);
  }
}

/** The controller's own words: classic meta.msg, UniFi OS and integration API message/code. */
async function refusal(response: Response, what: string): Promise<ControllerError> {
  const text = await response.text().catch(() => "");
  let detail = "";
  try {
    const body = JSON.parse(text) as { meta?: { msg?: string }; message?: string; code?: string };
    detail = body.meta?.msg ?? body.message ?? body.code ?? "";
  } catch {
    detail = text.slice(0, 120);
  }
  return new ControllerError(`UniFi controller refused ${what} (HTTP ${response.status}${detail ? `: ${detail}` : ""})`.slice(0, 500));
}

/** Cookie pairs from Set-Cookie, without their attributes. */
function cookiesOf(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";", 1)[0]!;
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return jar;
}

async function logIn(context: UnifiContext, username: string, password: string): Promise<Session> {
  const unifiOs = context.settings.flavour === "unifiOs";
  const response = await call(context, unifiOs ? "/api/auth/login" : "/api/login", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ username, password, remember: false }),
  });
  if (!response.ok) throw await refusal(response, "the login");
  await response.body?.cancel();
  const jar = cookiesOf(response);
  const sessionCookie = unifiOs ? "TOKEN" : "unifises";
  if (!jar.has(sessionCookie)) throw new ControllerError(`UniFi controller accepted the login but set no ${sessionCookie} cookie: is the flavour right?`);
  const csrf = response.headers.get("x-csrf-token") ?? jar.get("csrf_token");
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  return {
    prefix: unifiOs ? "/proxy/network" : "",
    headers: { cookie, ...(csrf ? { "x-csrf-token": csrf } : {}) },
    logoutPath: unifiOs ? "/api/auth/logout" : "/api/logout",
  };
}

async function stamgr(context: UnifiContext, command: Record<string, unknown>): Promise<void> {
  if (context.secrets.auth !== "password") throw new ControllerError(`The ${context.settings.flavour} flavour needs a username and password, not an API key.`);
  const session = await logIn(context, context.secrets.username, context.secrets.password);
  try {
    const response = await call(context, `${session.prefix}/api/s/${context.settings.site}/cmd/stamgr`, {
      method: "POST",
      headers: { ...session.headers, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(command),
    });
    const text = await response.text();
    let rc: string | undefined;
    try {
      rc = (JSON.parse(text) as { meta?: { rc?: string } }).meta?.rc;
    } catch {
      rc = undefined;
    }
    if (!response.ok || rc !== "ok") throw await refusal(new Response(text, { status: response.status }), String(command.cmd));
  } finally {
    // The grant stands whatever the logout says; the controller's session would expire on its own.
    await call(context, session.logoutPath, { method: "POST", headers: session.headers })
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function integrationGet(context: UnifiContext, apiKey: string, path: string, what: string): Promise<Array<{ id?: string }>> {
  const response = await call(context, `/proxy/network/integration${path}`, { headers: { "x-api-key": apiKey, accept: "application/json" } });
  if (!response.ok) throw await refusal(response, what);
  const body = (await response.json()) as { data?: Array<{ id?: string }> };
  return body.data ?? [];
}

/** POSTs a client action through the integration API, finding the site and client ids first. */
async function clientAction(context: UnifiContext, clientMac: string, action: Record<string, unknown>): Promise<void> {
  if (context.secrets.auth !== "apiKey") throw new ControllerError("The integration API needs an API key, not a username and password.");
  const { apiKey } = context.secrets;
  const { site } = context.settings;
  const siteId = uuid.test(site)
    ? site
    : (await integrationGet(context, apiKey, `/v1/sites?filter=${encodeURIComponent(`internalReference.eq('${site}')`)}`, "the site lookup"))[0]?.id;
  if (!siteId) throw new ControllerError(`UniFi controller has no site "${site}".`);
  const clients = await integrationGet(context, apiKey, `/v1/sites/${siteId}/clients?filter=${encodeURIComponent(`macAddress.eq('${clientMac}')`)}`, "the client lookup");
  const clientId = clients[0]?.id;
  if (!clientId) throw new ControllerError(`UniFi controller does not see ${clientMac} as connected to site "${site}".`);
  const response = await call(context, `/proxy/network/integration/v1/sites/${siteId}/clients/${clientId}/actions`, {
    method: "POST",
    headers: { "x-api-key": apiKey, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(action),
  });
  if (!response.ok) throw await refusal(response, String(action.action));
  await response.body?.cancel();
}

const optional = <T>(name: string, value: T | undefined) => (value === undefined ? {} : { [name]: value });

async function grantUnifi(context: UnifiContext, request: Parameters<GatewayAdapter<UnifiSettings, UnifiSecrets>["grant"]>[1]): Promise<GrantOutcome> {
  const clientMac = normaliseMac(request.redirect.grantParams.clientMac ?? "");
  if (!clientMac) return { kind: "failed", error: "No client MAC to authorise." };
  const apMac = request.redirect.grantParams.apMac ? normaliseMac(request.redirect.grantParams.apMac) : null;
  const { minutes, upKbps, downKbps, quotaMb } = request.tier;
  try {
    if (context.settings.flavour === "integrationApi") {
      await clientAction(context, clientMac, {
        action: "AUTHORIZE_GUEST_ACCESS",
        timeLimitMinutes: minutes,
        ...optional("dataUsageLimitMBytes", quotaMb),
        ...optional("rxRateLimitKbps", downKbps),
        ...optional("txRateLimitKbps", upKbps),
      });
    } else {
      await stamgr(context, {
        cmd: "authorize-guest",
        mac: clientMac,
        minutes,
        ...optional("up", upKbps),
        ...optional("down", downKbps),
        // Despite its name, stamgr's bytes is the allowance in megabytes.
        ...optional("bytes", quotaMb),
        ...(apMac ? { ap_mac: apMac } : {}),
      });
    }
  } catch (error) {
    if (error instanceof ControllerError) return { kind: "failed", error: error.message };
    throw error;
  }
  return { kind: "granted", detail: `UniFi authorised ${clientMac} for ${minutes} minutes.` };
}

async function revokeUnifi(context: UnifiContext, session: { redirect: { grantParams: Record<string, string> } }): Promise<{ ok: true } | { ok: false; error: string }> {
  const clientMac = normaliseMac(session.redirect.grantParams.clientMac ?? "");
  if (!clientMac) return { ok: false, error: "No client MAC to unauthorise." };
  try {
    if (context.settings.flavour === "integrationApi") await clientAction(context, clientMac, { action: "UNAUTHORIZE_GUEST_ACCESS" });
    else await stamgr(context, { cmd: "unauthorize-guest", mac: clientMac });
    return { ok: true };
  } catch (error) {
    if (error instanceof ControllerError) return { ok: false, error: error.message };
    throw error;
  }
}

/** UniFi's hotspot "Pre-Authorization Access": one host name, address or subnet per entry. */
export function unifiWalledGarden(entries: readonly WalledGardenEntry[]): WalledGardenConfig {
  const notes = ["Add each line as one entry; UniFi allows whole hosts, not single ports."];
  if (entries.some((e) => e.kind === "wildcard")) notes.push("UniFi matches names exactly: list the names under a *.domain one by one.");
  return { where: "UniFi Network → Settings → Hotspot (Guest portal) → Pre-Authorization Access", text: [...new Set(entries.map((e) => e.host))].join("\n"), notes };
}

export const unifiAdapter: GatewayAdapter<UnifiSettings, UnifiSecrets> = {
  kind: "unifi",
  label: "Ubiquiti UniFi",
  settingsSchema: unifiSettingsSchema as z.ZodType<UnifiSettings>,
  secretsSchema: unifiSecretsSchema as z.ZodType<UnifiSecrets>,
  walledGarden: (entries) => unifiWalledGarden(entries),
  readRedirect: readUnifiRedirect,
  grant: grantUnifi,
  revoke: revokeUnifi,
};
