// A stand-in for the Meraki cloud's side of the Captive Portal API (EXCAP), as Meraki documents
// it (developer.cisco.com/meraki/captive-portal-api, click-through and sign-on):
// - splashRedirect() is what the access point does: the custom splash URL with Meraki's
//   parameters appended (click-through: base_grant_url, user_continue_url, node_id, node_mac,
//   gateway_id, client_ip, client_mac; sign-on: login_url with its mauth token, continue_url,
//   ap_mac, ap_name, ap_tags, client_mac, client_ip);
// - GET /splash/grant is base_grant_url: it lets the client on for `duration` seconds and sends
//   the browser to continue_url;
// - POST /splash/login is login_url: it checks mauth, hands username and password to the SSID's
//   RADIUS server (a callback here) and, accepted, sends the browser to success_url with a
//   logout_url, as Meraki does.
// Everything that arrives is recorded for the tests to read.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface MerakiClient {
  clientMac: string;
  clientIp: string;
  apMac: string;
  continueUrl: string;
}

export interface RecordedGrant {
  continueUrl: string | null;
  /** Seconds, as sent. */
  duration: string | null;
  query: Record<string, string>;
}

export interface RecordedLogin {
  mauth: string | null;
  fields: Record<string, string>;
  accepted: boolean;
}

export interface MerakiCloudOptions {
  /** The SSID's RADIUS server: whether this username and password may on. */
  radius?: (username: string, password: string) => boolean;
}

export interface MerakiCloud {
  /** Origin of the grant host, e.g. http://127.0.0.1:53211. */
  origin: string;
  grants: RecordedGrant[];
  logins: RecordedLogin[];
  splashRedirect(splashUrl: string, mode: "clickThrough" | "signOn", client: MerakiClient): string;
  close(): Promise<void>;
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

export async function startMerakiCloud(options: MerakiCloudOptions = {}): Promise<MerakiCloud> {
  const grants: RecordedGrant[] = [];
  const logins: RecordedLogin[] = [];
  const issuedMauth = new Set<string>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://meraki.invalid");
    if (request.method === "GET" && url.pathname === "/splash/grant") {
      const continueUrl = url.searchParams.get("continue_url");
      grants.push({ continueUrl, duration: url.searchParams.get("duration"), query: Object.fromEntries(url.searchParams) });
      response.writeHead(302, { location: continueUrl ?? "http://meraki.invalid/" }).end();
      return;
    }
    if (request.method === "POST" && url.pathname === "/splash/login") {
      const fields = await readForm(request);
      const mauth = url.searchParams.get("mauth");
      const accepted = mauth !== null && issuedMauth.has(mauth) && (options.radius?.(fields.username ?? "", fields.password ?? "") ?? false);
      logins.push({ mauth, fields, accepted });
      if (!accepted || !fields.success_url) {
        response.writeHead(401, { "content-type": "text/plain" }).end("Login failed");
        return;
      }
      const success = new URL(fields.success_url);
      success.searchParams.set("logout_url", `${origin}/splash/logout?key=${randomBytes(8).toString("hex")}`);
      response.writeHead(302, { location: success.toString() }).end();
      return;
    }
    response.writeHead(404).end();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    grants,
    logins,
    splashRedirect(splashUrl, mode, client) {
      const url = new URL(splashUrl);
      if (mode === "clickThrough") {
        url.searchParams.set("base_grant_url", `${origin}/splash/grant`);
        url.searchParams.set("user_continue_url", client.continueUrl);
        url.searchParams.set("node_id", "1301936");
        url.searchParams.set("node_mac", client.apMac);
        url.searchParams.set("gateway_id", "1301936");
      } else {
        const mauth = randomBytes(24).toString("base64url");
        issuedMauth.add(mauth);
        const login = new URL(`${origin}/splash/login`);
        login.searchParams.set("mauth", mauth);
        login.searchParams.set("continue_url", client.continueUrl);
        url.searchParams.set("login_url", login.toString());
        url.searchParams.set("continue_url", client.continueUrl);
        url.searchParams.set("ap_mac", client.apMac);
        url.searchParams.set("ap_name", "mr53-lobby");
        url.searchParams.set("ap_tags", "MR53 lobby");
      }
      url.searchParams.set("client_ip", client.clientIp);
      url.searchParams.set("client_mac", client.clientMac);
      return url.toString();
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
