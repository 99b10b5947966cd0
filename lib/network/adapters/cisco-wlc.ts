// Cisco Wireless LAN Controller (AireOS) Layer 3 web authentication with an external web
// server. The WLC redirects the guest to the configured External Webauth URL with
// `switch_url` (the controller's own login page on its virtual interface, e.g.
// https://192.0.2.1/login.html), `ap_mac`, `client_mac`, `wlan` and `redirect` (where the guest
// was going, usually without a scheme, e.g. "www.example.com/"); after a failed attempt it sends
// the guest back with `statusCode` (1 already logged in … 5 wrong username or password). The
// grant is the form Cisco's sample external login.html posts to switch_url: `buttonClicked=4`
// (anything else sends the guest back to the login page), `err_flag`, `err_msg`, `info_flag`,
// `info_msg`, `redirect_url` (at most 255 characters), `username`, `password`. The WLC then
// asks RADIUS (Portico's FreeRADIUS) about the username and password (./session-credentials.ts).
// Sources: Cisco Wireless LAN Controller Configuration Guide, "Managing Web Authentication" /
// "Choosing the Web Authentication Login Page" (releases 7.3-8.x, cisco.com/c/en/us/td/docs/
// wireless/controller/7-4/configuration/guides/consolidated/b_cg74_CONSOLIDATED/
// b_cg74_CONSOLIDATED_chapter_010111.html: external web server, ext-webauth-url, the login page
// guidelines: username and password inputs, the redirect URL kept as a hidden input, the action
// URL taken from switch_url, the status codes); Cisco's external webauth sample login.html
// (webauth bundle) for the hidden fields. See docs/gateways/cisco-wlc.md.
import { z } from "zod";

import { normaliseMac } from "@/lib/devices/describe-device";

import type { WalledGardenConfig, WalledGardenEntry } from "../walled-garden/entries";
import type { GatewayAdapter, RedirectReading } from "../gateway-adapter";
import { allowedHostsSchema, gatewayUrl, httpUrl } from "./gateway-urls";
import { sessionCredentialSecretsSchema, sessionPassword, type SessionCredentialSecrets } from "./session-credentials";

/** Cisco's sample login page cuts redirect_url at 255 characters. */
export const ciscoRedirectUrlLimit = 255;

export const ciscoWlcSettingsSchema = z.object({
  controllerAddresses: allowedHostsSchema.describe(
    "The WLC's virtual interface address (or its DNS name) as it appears in switch_url, e.g. 192.0.2.1: the only places Portico will post a login to.",
  ),
  wlans: z
    .array(z.string().trim().min(1).max(32))
    .max(50)
    .default([])
    .describe("SSIDs this gateway serves (the wlan parameter). Empty: any."),
});
export type CiscoWlcSettings = z.infer<typeof ciscoWlcSettingsSchema>;

const refuse = (reason: string): RedirectReading => ({ ok: false, reason });

/** The WLC's redirect parameter names a page without a scheme ("www.example.com/"); read it as http. */
function originalUrlOf(value: string | undefined): string | null {
  if (!value) return null;
  return httpUrl(value) ?? (/^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(\/|$)/i.test(value) ? httpUrl(`http://${value}`) : null);
}

const preauthAcl = "PORTICO-PREAUTH";

/**
 * The pre-authentication ACL (AireOS `config acl`: DNS both ways, then TCP to and from each
 * address on its port) and, for host names, a Catalyst 9800 URL filter (`urlfilter list`,
 * action permit), which snoops DNS to open the names' addresses.
 */
export function ciscoWlcWalledGarden(entries: readonly WalledGardenEntry[]): WalledGardenConfig {
  const rules: string[] = [`config acl create ${preauthAcl}`];
  let index = 0;
  const rule = (lines: (n: number) => string[]) => {
    index += 1;
    rules.push(`config acl rule add ${preauthAcl} ${index}`, ...lines(index), `config acl rule action ${preauthAcl} ${index} permit`);
  };
  rule((n) => [`config acl rule protocol ${preauthAcl} ${n} 17`, `config acl rule destination port range ${preauthAcl} ${n} 53 53`]);
  rule((n) => [`config acl rule protocol ${preauthAcl} ${n} 17`, `config acl rule source port range ${preauthAcl} ${n} 53 53`]);
  for (const entry of entries.filter((e) => e.kind === "ipv4")) {
    rule((n) => [`config acl rule protocol ${preauthAcl} ${n} 6`, `config acl rule destination address ${preauthAcl} ${n} ${entry.host} 255.255.255.255`, `config acl rule destination port range ${preauthAcl} ${n} ${entry.port} ${entry.port}`]);
    rule((n) => [`config acl rule protocol ${preauthAcl} ${n} 6`, `config acl rule source address ${preauthAcl} ${n} ${entry.host} 255.255.255.255`, `config acl rule source port range ${preauthAcl} ${n} ${entry.port} ${entry.port}`]);
  }
  rules.push(`config acl apply ${preauthAcl}`);
  const names = entries.filter((e) => e.kind === "fqdn" || e.kind === "wildcard").map((e) => e.host);
  const urlFilter = names.length > 0 ? ["", "! Catalyst 9800: the host names", `urlfilter list ${preauthAcl}-URLS`, " action permit", ...[...new Set(names)].map((name) => ` url ${name}`), "wireless profile policy <policy-profile>", ` urlfilter list pre-auth-filter ${preauthAcl}-URLS`] : [];
  const notes = ["AireOS ACLs take addresses only: resolve each host name and add its addresses as extra entries, or use the 9800 URL filter below.", `The WLAN names the ACL: config wlan security web-auth acl <wlan-id> ${preauthAcl}.`];
  return { where: "Controller CLI (AireOS; Catalyst 9800 for host names)", text: [...rules, ...urlFilter].join("\n"), notes };
}

export const ciscoWlcAdapter: GatewayAdapter<CiscoWlcSettings, SessionCredentialSecrets> = {
  kind: "cisco-wlc",
  label: "Cisco Wireless LAN Controller",
  zeroTap: "RADIUS MAC filtering on the WLAN (MAC filtering, then web authentication on MAC filter failure)",
  settingsSchema: ciscoWlcSettingsSchema as unknown as z.ZodType<CiscoWlcSettings>,
  secretsSchema: sessionCredentialSecretsSchema,

  walledGarden: (entries) => ciscoWlcWalledGarden(entries),
  readRedirect({ settings }, params) {
    const switchUrl = gatewayUrl(params.switch_url, settings.controllerAddresses);
    if (!switchUrl) return refuse("switch_url is missing, not http(s), or not one of this controller's addresses");
    const clientMac = normaliseMac(params.client_mac ?? "");
    if (!clientMac) return refuse("client_mac is missing or malformed");
    const apMac = params.ap_mac ? normaliseMac(params.ap_mac) : null;
    if (params.ap_mac && !apMac) return refuse("ap_mac is malformed");
    const wlan = params.wlan ?? null;
    if (settings.wlans.length > 0 && (wlan === null || !settings.wlans.includes(wlan))) return refuse("wlan is not one this gateway serves");
    return {
      ok: true,
      redirect: {
        clientMac,
        clientIp: null,
        apMac,
        originalUrl: originalUrlOf(params.redirect),
        grantParams: { switchUrl: switchUrl.toString(), ...(wlan !== null ? { wlan } : {}) },
        // The login goes only to the controller's own address; the MACs are the browser's word,
        // and the WLC lets on only the device that posts the form.
        verified: true,
      },
    };
  },

  async grant({ settings, secrets }, request) {
    const switchUrl = gatewayUrl(request.redirect.grantParams.switchUrl, settings.controllerAddresses);
    if (!switchUrl) return { kind: "failed", error: "The Cisco WLC redirect was not read: no switch_url on this controller to post to." };
    const redirectUrl = httpUrl(request.continueUrl);
    if (!redirectUrl) return { kind: "failed", error: "The continue URL is not an http(s) address." };
    if (redirectUrl.length > ciscoRedirectUrlLimit) return { kind: "failed", error: `The continue URL is longer than the WLC's ${ciscoRedirectUrlLimit} characters.` };
    return {
      kind: "form",
      action: switchUrl.toString(),
      fields: {
        buttonClicked: "4",
        err_flag: "0",
        err_msg: "",
        info_flag: "0",
        info_msg: "",
        redirect_url: redirectUrl,
        username: request.sessionId,
        password: sessionPassword(secrets.credentialKey, request.sessionId),
      },
    };
  },
};
