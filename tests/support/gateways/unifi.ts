// A local UniFi Network controller for the adapter's tests, answering the way the real ones do
// (Art-of-WiFi/UniFi-API-client src/Client.php for the classic and UniFi OS calls; the Network
// Integration API reference and help.ui.com's "External Hotspot API for Authorization Clients"
// for the API-key flavour):
// - classic: POST /api/login sets unifises and csrf_token cookies (a bad login is HTTP 400
//   api.err.Invalid); /api/s/{site}/cmd/stamgr wants the cookie and X-CSRF-Token (401
//   api.err.LoginRequired without them);
// - UniFi OS: POST /api/auth/login sets TOKEN and answers X-CSRF-Token (bad login: 401); the
//   Network application sits under /proxy/network;
// - integration API: X-API-KEY on /proxy/network/integration/v1/… (401 without a good key),
//   sites and clients listed with `filter`, client actions AUTHORIZE/UNAUTHORIZE_GUEST_ACCESS
//   with the documented limits (time 1–1,000,000 min, data 1–1,048,576 MB, rates 2–100,000 kbps).
// A malformed MAC is HTTP 400 api.err.InvalidPayload. The controller can listen on https with
// a self-signed certificate, as consoles ship. Tests read `guests`, `requests` and `logins`.
import { randomBytes, randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface GuestAuthorisation {
  mac: string;
  authorized: boolean;
  /** Through which door: stamgr (classic / UniFi OS) or the integration API. */
  via: "stamgr" | "integration";
  minutes?: number;
  up?: number;
  down?: number;
  /** Megabytes (stamgr's `bytes`, the integration API's dataUsageLimitMBytes). */
  megabytes?: number;
  apMac?: string;
}

export interface ControllerRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

export interface UnifiControllerOptions {
  username?: string;
  password?: string;
  apiKey?: string;
  /** The classic site names this controller has; each also gets an integration API id. */
  sites?: string[];
  /** MACs the controller sees connected to its guest network. */
  connected?: string[];
  tls?: boolean;
}

export interface UnifiController {
  url: string;
  /** Integration API site id of each site name. */
  siteIds: Map<string, string>;
  guests: Map<string, GuestAuthorisation>;
  requests: ControllerRequest[];
  logins: Array<{ path: string; ok: boolean }>;
  /** What the controller sends the guest's browser to: the external portal URL with id, ap, t, url and ssid. */
  splashRedirect(portalUrl: string, client: { mac: string; ap: string; url: string; ssid?: string; t?: number }): string;
  close(): Promise<void>;
}

const macPattern = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "unifi-tls-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=unifi", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cookiesOf = (header: string | undefined) =>
  new Map((header ?? "").split(";").map((pair) => pair.trim().split("=") as [string, string]).filter(([name, value]) => name && value !== undefined));

const inRange = (value: unknown, min: number, max: number) => value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max);

export async function startUnifiController(options: UnifiControllerOptions = {}): Promise<UnifiController> {
  const username = options.username ?? "portico";
  const password = options.password ?? "correct horse battery staple";
  const apiKey = options.apiKey ?? "unifi-api-key-0123456789";
  const siteIds = new Map<string, string>((options.sites ?? ["default"]).map((name) => [name, randomUUID()]));
  const clientIds = new Map<string, string>((options.connected ?? []).map((mac) => [mac, randomUUID()]));
  const guests = new Map<string, GuestAuthorisation>();
  const requests: ControllerRequest[] = [];
  const logins: Array<{ path: string; ok: boolean }> = [];
  /** session token → CSRF token, for both classic (unifises) and UniFi OS (TOKEN). */
  const sessions = new Map<string, string>();

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    return status;
  };
  const classicError = (response: ServerResponse, status: number, msg: string) => json(response, status, { meta: { rc: "error", msg }, data: [] });
  const integrationError = (response: ServerResponse, status: number, statusName: string, message: string) =>
    json(response, status, { statusCode: status, statusName, code: `api.${statusName.toLowerCase()}`, message, timestamp: new Date().toISOString() });

  function stamgr(response: ServerResponse, site: string, body: Record<string, unknown>): number {
    if (!siteIds.has(site)) return classicError(response, 400, "api.err.NoSiteContext");
    const mac = typeof body.mac === "string" ? body.mac : "";
    if (!macPattern.test(mac)) return classicError(response, 400, "api.err.InvalidPayload");
    if (body.cmd === "authorize-guest") {
      if (!Number.isInteger(body.minutes)) return classicError(response, 400, "api.err.InvalidPayload");
      const guest: GuestAuthorisation = { mac, authorized: true, via: "stamgr", minutes: body.minutes as number };
      if (body.up !== undefined) guest.up = body.up as number;
      if (body.down !== undefined) guest.down = body.down as number;
      if (body.bytes !== undefined) guest.megabytes = body.bytes as number;
      if (typeof body.ap_mac === "string") guest.apMac = body.ap_mac;
      guests.set(mac, guest);
      return json(response, 200, { meta: { rc: "ok" }, data: [{ mac, authorized_by: "api", minutes: guest.minutes }] });
    }
    if (body.cmd === "unauthorize-guest") {
      const guest = guests.get(mac);
      if (guest) guest.authorized = false;
      return json(response, 200, { meta: { rc: "ok" }, data: [] });
    }
    return classicError(response, 400, "api.err.UnknownCommand");
  }

  function integration(request: IncomingMessage, response: ServerResponse, url: URL, body: Record<string, unknown>): number {
    if (request.headers["x-api-key"] !== apiKey) return integrationError(response, 401, "UNAUTHORIZED", "Missing or invalid API key");
    const path = url.pathname.slice("/proxy/network/integration".length);
    const filter = url.searchParams.get("filter") ?? "";
    if (request.method === "GET" && path === "/v1/sites") {
      const named = /^internalReference\.eq\('([^']*)'\)$/.exec(filter)?.[1];
      const data = [...siteIds].filter(([name]) => !named || name === named).map(([name, id]) => ({ id, internalReference: name, name }));
      return json(response, 200, { offset: 0, limit: 25, count: data.length, totalCount: data.length, data });
    }
    const clientsPath = /^\/v1\/sites\/([^/]+)\/clients$/.exec(path);
    if (request.method === "GET" && clientsPath) {
      if (![...siteIds.values()].includes(clientsPath[1]!)) return integrationError(response, 404, "NOT_FOUND", "Site not found");
      const mac = /^macAddress\.eq\('([^']*)'\)$/.exec(filter)?.[1];
      if (mac !== undefined && !macPattern.test(mac)) return integrationError(response, 400, "BAD_REQUEST", "Invalid filter value for macAddress");
      const data = [...clientIds].filter(([clientMac]) => !mac || clientMac === mac).map(([macAddress, id]) => ({ id, macAddress, type: "WIRELESS", access: { type: "GUEST" } }));
      return json(response, 200, { offset: 0, limit: 25, count: data.length, totalCount: data.length, data });
    }
    const actionPath = /^\/v1\/sites\/([^/]+)\/clients\/([^/]+)\/actions$/.exec(path);
    if (request.method === "POST" && actionPath) {
      const mac = [...clientIds].find(([, id]) => id === actionPath[2])?.[0];
      if (!mac || ![...siteIds.values()].includes(actionPath[1]!)) return integrationError(response, 404, "NOT_FOUND", "Client not found");
      if (body.action === "AUTHORIZE_GUEST_ACCESS") {
        const valid = inRange(body.timeLimitMinutes, 1, 1_000_000) && inRange(body.dataUsageLimitMBytes, 1, 1_048_576) && inRange(body.rxRateLimitKbps, 2, 100_000) && inRange(body.txRateLimitKbps, 2, 100_000);
        if (!valid) return integrationError(response, 400, "BAD_REQUEST", "Invalid guest authorization limits");
        const guest: GuestAuthorisation = { mac, authorized: true, via: "integration" };
        if (body.timeLimitMinutes !== undefined) guest.minutes = body.timeLimitMinutes as number;
        if (body.dataUsageLimitMBytes !== undefined) guest.megabytes = body.dataUsageLimitMBytes as number;
        if (body.rxRateLimitKbps !== undefined) guest.down = body.rxRateLimitKbps as number;
        if (body.txRateLimitKbps !== undefined) guest.up = body.txRateLimitKbps as number;
        guests.set(mac, guest);
        const authorizedAt = new Date();
        return json(response, 200, { action: "AUTHORIZE_GUEST_ACCESS", grantedAuthorization: { authorizedAt, expiresAt: new Date(authorizedAt.getTime() + (guest.minutes ?? 1440) * 60_000) } });
      }
      if (body.action === "UNAUTHORIZE_GUEST_ACCESS") {
        const guest = guests.get(mac);
        if (guest) guest.authorized = false;
        return json(response, 200, { action: "UNAUTHORIZE_GUEST_ACCESS" });
      }
      return integrationError(response, 400, "BAD_REQUEST", `Unknown action ${String(body.action)}`);
    }
    return integrationError(response, 404, "NOT_FOUND", "No such endpoint");
  }

  function login(response: ServerResponse, path: string, body: Record<string, unknown>): number {
    const unifiOs = path === "/api/auth/login";
    const ok = body.username === username && body.password === password;
    logins.push({ path, ok });
    if (!ok) return unifiOs ? json(response, 401, { code: "AUTHENTICATION_FAILED_INVALID_CREDENTIALS", message: "Invalid username or password" }) : classicError(response, 400, "api.err.Invalid");
    const token = randomBytes(16).toString("hex");
    const csrf = randomBytes(16).toString("hex");
    sessions.set(token, csrf);
    if (unifiOs) return json(response, 200, { username }, { "set-cookie": [`TOKEN=${token}; Path=/; HttpOnly; Secure; SameSite=Strict`], "x-csrf-token": csrf });
    return json(response, 200, { meta: { rc: "ok" }, data: [] }, { "set-cookie": [`unifises=${token}; Path=/; HttpOnly`, `csrf_token=${csrf}; Path=/`] });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<number> {
    const url = new URL(request.url ?? "/", "http://controller.invalid");
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return classicError(response, 400, "api.err.InvalidPayload");
      }
    }
    const record = (status: number) => {
      requests.push({ method: request.method ?? "", path: `${url.pathname}${url.search}`, headers: request.headers as Record<string, string>, body, status });
      return status;
    };
    if (url.pathname.startsWith("/proxy/network/integration/")) return record(integration(request, response, url, body));
    if (request.method === "POST" && (url.pathname === "/api/login" || url.pathname === "/api/auth/login")) return record(login(response, url.pathname, body));
    const cookies = cookiesOf(request.headers.cookie);
    if (request.method === "POST" && (url.pathname === "/api/logout" || url.pathname === "/api/auth/logout")) {
      sessions.delete(cookies.get("unifises") ?? cookies.get("TOKEN") ?? "");
      return record(json(response, 200, { meta: { rc: "ok" }, data: [] }));
    }
    const stamgrPath = /^(\/proxy\/network)?\/api\/s\/([^/]+)\/cmd\/stamgr$/.exec(url.pathname);
    if (request.method === "POST" && stamgrPath) {
      const token = stamgrPath[1] ? cookies.get("TOKEN") : cookies.get("unifises");
      const csrf = token ? sessions.get(token) : undefined;
      if (!csrf) return record(classicError(response, 401, "api.err.LoginRequired"));
      if (request.headers["x-csrf-token"] !== csrf) return record(classicError(response, 403, "api.err.InvalidCsrfToken"));
      return record(stamgr(response, stamgrPath[2]!, body));
    }
    return record(classicError(response, 404, "api.err.NotFound"));
  }

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  };
  const server = options.tls ? createHttpsServer(selfSignedCertificate(), listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `${options.tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    siteIds,
    guests,
    requests,
    logins,
    splashRedirect(portalUrl, client) {
      const target = new URL(portalUrl);
      target.searchParams.set("ap", client.ap);
      target.searchParams.set("id", client.mac);
      target.searchParams.set("t", String(client.t ?? Math.floor(Date.now() / 1000)));
      target.searchParams.set("url", client.url);
      target.searchParams.set("ssid", client.ssid ?? "Harbour Guest");
      return target.toString();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
