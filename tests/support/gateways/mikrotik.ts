// A local MikroTik HotSpot as an external login page sees it: its login.html (the one in
// docs/gateways/mikrotik.md) sends the guest to the splash with mac, ip, link-login-only,
// link-orig and, with http-chap, a fresh chap-id and 16-byte chap-challenge; its /login takes
// username, password, dst and popup (help.mikrotik.com/docs/x/AQAyBQ). The password check is
// what the router and Portico's RADIUS do between them: PAP compares the session password,
// CHAP compares md5(chap-id + session password + chap-challenge) for the challenge that
// client was last given. Success goes to dst (alogin.html); failure shows login.html again,
// which sends the guest back to the splash with `error` and a new challenge.
import { createHash, randomBytes } from "node:crypto";

import { sessionPassword } from "@/lib/network/adapters/session-credentials";

import { startFormLoginServer, withQuery } from "./form-login-server";

export interface MikrotikClient {
  mac: string;
  ip: string;
  chapId: Buffer;
  chapChallenge: Buffer;
  loggedIn: boolean;
  username: string | null;
}

export interface MikrotikSimulator {
  host: string;
  loginUrl: string;
  clients: Map<string, MikrotikClient>;
  /** The splash URL the router's login.html sends this client to. */
  redirectFor(client: { mac: string; ip: string }, originalUrl: string, error?: string): string;
  close(): Promise<void>;
}

/** How RouterOS renders $(chap-id) and $(chap-challenge): one \ooo octal escape per byte. */
export const octalEscaped = (bytes: Buffer) => [...bytes].map((byte) => `\\${byte.toString(8).padStart(3, "0")}`).join("");

export async function startMikrotikSimulator(options: {
  splashUrl: string;
  credentialKey: string;
  loginBy: "http-chap" | "http-pap";
  /** hex: what Portico's login.html sends; octal: the variables as RouterOS renders them. */
  chapEncoding?: "hex" | "octal";
}): Promise<MikrotikSimulator> {
  const clients = new Map<string, MikrotikClient>();
  const newChallenge = (client: MikrotikClient) => {
    client.chapId = randomBytes(1);
    client.chapChallenge = randomBytes(16);
  };
  const server = await startFormLoginServer(({ path, method, clientMac, fields }) => {
    const client = clients.get(clientMac);
    if (path !== "/login" || method !== "POST" || !client) return { status: 404 };
    const username = fields.get("username") ?? "";
    const password = fields.get("password") ?? "";
    const dst = fields.get("dst") ?? "";
    const expectedPassword = sessionPassword(options.credentialKey, username);
    const expected =
      options.loginBy === "http-chap"
        ? createHash("md5").update(client.chapId).update(expectedPassword, "latin1").update(client.chapChallenge).digest("hex")
        : expectedPassword;
    // A challenge answers one login attempt only.
    newChallenge(client);
    if (!username || password !== expected) return { location: sim.redirectFor(client, dst, "invalid username or password") };
    client.loggedIn = true;
    client.username = username;
    return { location: dst || "http://www.mikrotik.com/" };
  });
  const loginUrl = `http://${server.host}/login`;
  const sim: MikrotikSimulator = {
    host: server.host,
    loginUrl,
    clients,
    redirectFor(client, originalUrl, error = "") {
      let known = clients.get(client.mac);
      if (!known) {
        known = { ...client, chapId: Buffer.alloc(0), chapChallenge: Buffer.alloc(0), loggedIn: false, username: null };
        newChallenge(known);
        clients.set(client.mac, known);
      }
      const encode = options.chapEncoding === "octal" ? octalEscaped : (bytes: Buffer) => bytes.toString("hex");
      const chap = options.loginBy === "http-chap" ? { "chap-id": encode(known.chapId), "chap-challenge": encode(known.chapChallenge) } : { "chap-id": "", "chap-challenge": "" };
      return withQuery(options.splashUrl, { mac: client.mac.toUpperCase(), ip: client.ip, "link-login-only": loginUrl, "link-orig": originalUrl, error, ...chap });
    },
    close: server.close,
  };
  return sim;
}
