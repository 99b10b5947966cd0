// A local Aruba Instant virtual controller as an external captive portal sees it: it redirects
// the guest with cmd=login, mac, ip, essid, apname, apmac, vcname, switchip and url, and its
// /cgi-bin/login takes cmd=authenticate, user, password and url. A wrong user or password sends
// the guest back to the splash with the same parameters and errmsg; success lets the client on
// and redirects to url. The credential check stands for the controller's RADIUS request to
// Portico. The simulator speaks http, as a profile with protocol-http does.
import { sessionPassword } from "@/lib/network/adapters/session-credentials";

import { startFormLoginServer, withQuery } from "./form-login-server";

export interface ArubaClient {
  mac: string;
  ip: string;
  loggedIn: boolean;
  username: string | null;
}

export interface ArubaSimulator {
  host: string;
  clients: Map<string, ArubaClient>;
  redirectFor(client: { mac: string; ip: string }, originalUrl: string, errmsg?: string): string;
  close(): Promise<void>;
}

export async function startArubaSimulator(options: { splashUrl: string; credentialKey: string; essid: string; apname: string; apmac: string }): Promise<ArubaSimulator> {
  const clients = new Map<string, ArubaClient>();
  const server = await startFormLoginServer(({ path, method, clientMac, fields }) => {
    const client = clients.get(clientMac);
    if (path !== "/cgi-bin/login" || method !== "POST" || !client) return { status: 404 };
    const url = fields.get("url") ?? "";
    const user = fields.get("user") ?? "";
    if (fields.get("cmd") !== "authenticate" || !user || fields.get("password") !== sessionPassword(options.credentialKey, user)) {
      return { location: sim.redirectFor(client, url, "Authentication failed") };
    }
    client.loggedIn = true;
    client.username = user;
    return { location: url };
  });
  const sim: ArubaSimulator = {
    host: server.host,
    clients,
    redirectFor(client, originalUrl, errmsg) {
      if (!clients.has(client.mac)) clients.set(client.mac, { ...client, loggedIn: false, username: null });
      const query: Record<string, string> = {
        cmd: "login",
        mac: client.mac,
        essid: options.essid,
        ip: client.ip,
        apname: options.apname,
        apmac: options.apmac,
        vcname: "instant-sim",
        switchip: server.host,
        url: originalUrl,
      };
      if (errmsg) query.errmsg = errmsg;
      return withQuery(options.splashUrl, query);
    },
    close: server.close,
  };
  return sim;
}
