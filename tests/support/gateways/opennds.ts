// A local openNDS gateway as its FAS sees it (openNDS 9.10.0 src/http_microhttpd.c): it
// redirects a client to the splash with `fas` (level 1: base64; levels 2 and 3: AES-256-CBC
// with faskey and a fresh iv, base64 twice, as the PHP it pipes to does), and serves
// /<authdir>/?tok=… the way try_to_authenticate() does: in hid mode (tok longer than 8) the
// client is let on only if tok is sha256(hid + faskey) for that client's hid.
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { uhUrlEncode } from "@/lib/network/adapters/opennds-fas";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export interface SimulatedClient {
  ip: string;
  mac: string;
  token: string;
  hid: string;
  authenticated: boolean;
  custom: string | null;
}

export interface OpenndsSimulator {
  /** gatewayaddress, host:port of the simulator's http server. */
  address: string;
  authdir: string;
  clients: Map<string, SimulatedClient>;
  /** The splash URL openNDS would redirect this client to. */
  redirectFor(client: { ip: string; mac: string }, originUrl: string): string;
  /** A browser request from this client (the simulator tells clients apart by a header, as openNDS does by address). */
  request(clientIp: string, url: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startOpenndsSimulator(options: {
  level: 1 | 2 | 3;
  faskey: string;
  splashUrl: string;
  gatewayName?: string;
  authdir?: string;
}): Promise<OpenndsSimulator> {
  const authdir = options.authdir ?? "opennds_auth";
  const gatewayName = options.gatewayName ?? "Simulated openNDS";
  const clients = new Map<string, SimulatedClient>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://gateway");
    const client = clients.get(String(req.headers["x-client-ip"]));
    if (!client || url.pathname !== `/${authdir}/`) {
      res.writeHead(404).end();
      return;
    }
    const tok = url.searchParams.get("tok") ?? "";
    const valid = tok.length > 8 ? tok === sha256(client.hid + options.faskey) : tok === client.token;
    if (!valid) {
      // openNDS sends an invalid token back to the splash page.
      res.writeHead(302, { location: sim.redirectFor(client, url.searchParams.get("redir") ?? "") }).end();
      return;
    }
    client.authenticated = true;
    client.custom = url.searchParams.get("custom");
    const redir = url.searchParams.get("redir");
    if (redir) res.writeHead(302, { location: redir }).end();
    else res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sim: OpenndsSimulator = {
    address,
    authdir,
    clients,
    redirectFor(client, originUrl) {
      let known = clients.get(client.ip);
      if (!known) {
        const token = randomBytes(4).toString("hex");
        known = { ip: client.ip, mac: client.mac, token, hid: sha256(token), authenticated: false, custom: null };
        clients.set(client.ip, known);
      }
      const fields = [
        `hid=${known.hid}`,
        `clientip=${known.ip}`,
        `clientmac=${known.mac}`,
        "client_type=cpd_can",
        `gatewayname=${uhUrlEncode(gatewayName)}`,
        `gatewayurl=${uhUrlEncode(`http://${address}`)}`,
        "version=9.10.0",
        `gatewayaddress=${address}`,
        "gatewaymac=00:11:22:33:44:55",
        ...(options.level >= 2 ? [`authdir=${authdir}`] : []),
        `originurl=${uhUrlEncode(originUrl)}`,
        "clientif=br-lan wlan0",
        "themespec=",
      ];
      const query = `${fields.join(", ")}, `;
      // openNDS concatenates fas_url and "?fas=…" (encode_and_redirect_to_splashpage).
      if (options.level === 1) return `${options.splashUrl}?fas=${Buffer.from(query).toString("base64")}`;
      const iv = sha256(randomBytes(8).toString("base64")).slice(0, 16);
      const key = Buffer.alloc(32);
      Buffer.from(options.faskey).copy(key);
      const cipher = createCipheriv("aes-256-cbc", key, Buffer.from(iv, "latin1"));
      const inner = Buffer.concat([cipher.update(query, "utf8"), cipher.final()]).toString("base64");
      // Raw base64 in the Location header, "+" and all, as openNDS sends it.
      return `${options.splashUrl}?fas=${Buffer.from(inner).toString("base64")}&iv=${iv}`;
    },
    request: (clientIp, url) => fetch(url, { headers: { "x-client-ip": clientIp }, redirect: "manual" }),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
  return sim;
}
