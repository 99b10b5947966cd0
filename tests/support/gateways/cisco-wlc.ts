// A local Cisco WLC as its External Webauth URL sees it: it redirects the guest with
// switch_url, ap_mac, client_mac, wlan and redirect (no scheme, as the WLC sends it), and its
// switch_url takes the login form: without buttonClicked=4 it sends the guest back to the
// external page; with a wrong username or password it sends them back with statusCode=5; on
// success it lets the client on and redirects to redirect_url. The credential check stands for
// the WLC's RADIUS request to Portico.
import { sessionPassword } from "@/lib/network/adapters/session-credentials";

import { startFormLoginServer, withQuery } from "./form-login-server";

export interface CiscoClient {
  mac: string;
  apMac: string;
  loggedIn: boolean;
  username: string | null;
}

export interface CiscoWlcSimulator {
  host: string;
  switchUrl: string;
  clients: Map<string, CiscoClient>;
  redirectFor(client: { mac: string; apMac: string }, originalUrl: string, statusCode?: number): string;
  close(): Promise<void>;
}

export async function startCiscoWlcSimulator(options: { splashUrl: string; credentialKey: string; wlan: string }): Promise<CiscoWlcSimulator> {
  const clients = new Map<string, CiscoClient>();
  const server = await startFormLoginServer(({ path, method, clientMac, fields }) => {
    const client = clients.get(clientMac);
    if (path !== "/login.html" || method !== "POST" || !client) return { status: 404 };
    const redirectUrl = fields.get("redirect_url") ?? "";
    if (fields.get("buttonClicked") !== "4") return { location: sim.redirectFor(client, redirectUrl) };
    const username = fields.get("username") ?? "";
    if (!username || fields.get("password") !== sessionPassword(options.credentialKey, username)) return { location: sim.redirectFor(client, redirectUrl, 5) };
    client.loggedIn = true;
    client.username = username;
    return { location: redirectUrl };
  });
  const switchUrl = `http://${server.host}/login.html`;
  const sim: CiscoWlcSimulator = {
    host: server.host,
    switchUrl,
    clients,
    redirectFor(client, originalUrl, statusCode) {
      if (!clients.has(client.mac)) clients.set(client.mac, { ...client, loggedIn: false, username: null });
      const query: Record<string, string> = {
        switch_url: switchUrl,
        ap_mac: client.apMac,
        client_mac: client.mac,
        wlan: options.wlan,
        redirect: originalUrl.replace(/^https?:\/\//, ""),
      };
      if (statusCode !== undefined) query.statusCode = String(statusCode);
      return withQuery(options.splashUrl, query);
    },
    close: server.close,
  };
  return sim;
}
