// HPE Aruba Networking (Aruba Instant virtual controller, or an ArubaOS Mobility Controller)
// captive portal with an external splash page. The AP or controller redirects the guest to the
// splash with `cmd=login`, `mac`, `ip`, `essid`, `apname`, `apmac`, `vcname` (Instant),
// `switchip` (when "Add switch IP address in the redirection URL" is on) and `url` (where the
// guest was going). The grant is the form Aruba's external portals post: `cmd=authenticate`,
// `user`, `password` and `url`, to https://<securelogin host or switchip>/cgi-bin/login; the
// controller then asks RADIUS (Portico's FreeRADIUS) about the user and password
// (./session-credentials.ts) and, after a failure, sends the guest back to the splash.
// Sources: Aruba Instant User Guide, "Configuring an External Captive Portal" (splash page
// parameters, captive portal profile: server, port, URL, "Use HTTPS"/protocol-http, redirect
// URL); ArubaOS User Guide, "Captive Portal Authentication" (switchip-in-redirection-url, "An
// external captive portal server can determine the controller from which a request originated
// by parsing the 'switchip' variable in the URL", protocol-http, white list); HPE Aruba
// community "IAP and external Captive Portal" (the client posts to the virtual controller at
// securelogin.arubanetworks.com). See docs/gateways/aruba.md.
import { z } from "zod";

import { normaliseMac } from "@/lib/devices/describe-device";
import { normaliseIpAddress } from "@/lib/http/ip-address";

import { splitByKind, type WalledGardenConfig, type WalledGardenEntry } from "../walled-garden/entries";
import type { GatewayAdapter, RedirectReading } from "../gateway-adapter";
import { gatewayUrl, httpUrl } from "./gateway-urls";
import { sessionCredentialSecretsSchema, sessionPassword, type SessionCredentialSecrets } from "./session-credentials";

const hostShape = /^[a-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export const arubaSettingsSchema = z.object({
  loginHost: z
    .string()
    .trim()
    .toLowerCase()
    .regex(hostShape, "A host name or address, with an optional :port")
    .default("securelogin.arubanetworks.com")
    .describe("Where the guest's browser posts the login when switchip is not used: the captive portal's name the AP or controller answers for (securelogin.arubanetworks.com by default, or your own certificate's name)."),
  postToSwitchip: z
    .boolean()
    .default(false)
    .describe("Post the login to the switchip from the redirect instead of the login host (needs 'Add switch IP address in the redirection URL' on the controller)."),
  controllerAddresses: z
    .array(z.string().trim().toLowerCase().regex(hostShape))
    .max(50)
    .default([])
    .describe("Controller addresses a redirect's switchip may name. A switchip not listed is refused; with postToSwitchip, at least one is needed."),
  protocol: z
    .enum(["https", "http"])
    .default("https")
    .describe("https unless the captive portal profile has protocol-http (the password then crosses the air in clear)."),
});
export type ArubaSettings = z.infer<typeof arubaSettingsSchema>;

const refuse = (reason: string): RedirectReading => ({ ok: false, reason });

function loginUrlFor(settings: ArubaSettings, host: string): URL | null {
  const allowed = [settings.loginHost, ...settings.controllerAddresses];
  return gatewayUrl(`${settings.protocol}://${host}/cgi-bin/login`, allowed);
}

/** Instant's `wlan walled-garden` white-list, and the same hosts as an ArubaOS netdestination for a controller. */
export function arubaWalledGarden(entries: readonly WalledGardenEntry[]): WalledGardenConfig {
  const { names, addresses } = splitByKind(entries);
  const instant = ["! Instant (virtual controller CLI)", "wlan walled-garden", ...names.map((name) => ` white-list ${name}`)];
  const controller = [
    "",
    "! ArubaOS Mobility Controller",
    "netdestination portico-walled-garden",
    ...names.map((name) => ` name ${name}`),
    ...addresses.filter((a) => !a.includes(":")).map((a) => ` host ${a}`),
    "aaa authentication captive-portal <captive-portal-profile>",
    " white-list portico-walled-garden",
  ];
  const notes = ["Instant's white-list takes domain names; add addresses to the SSID's pre-authentication role instead.", "Aruba allows whole hosts, not single ports."];
  return { where: "Instant: Security → Walled Garden; ArubaOS: the captive portal profile", text: [...instant, ...controller].join("\n"), notes };
}

export const arubaAdapter: GatewayAdapter<ArubaSettings, SessionCredentialSecrets> = {
  kind: "aruba",
  label: "HPE Aruba Networking (Instant, Mobility Controller)",
  zeroTap: "RADIUS MAC authentication on the SSID, before the captive portal",
  settingsSchema: arubaSettingsSchema as unknown as z.ZodType<ArubaSettings>,
  secretsSchema: sessionCredentialSecretsSchema,

  walledGarden: (entries) => arubaWalledGarden(entries),
  readRedirect({ settings }, params) {
    // Instant On sends "Login"; Instant and ArubaOS send "login".
    if ((params.cmd ?? "").toLowerCase() !== "login") return refuse("cmd is not login: is this an Aruba captive portal redirect?");
    const clientMac = normaliseMac(params.mac ?? "");
    if (!clientMac) return refuse("mac is missing or malformed");
    const clientIp = params.ip ? normaliseIpAddress(params.ip) : null;
    if (params.ip && !clientIp) return refuse("ip is malformed");
    const apMac = params.apmac ? normaliseMac(params.apmac) : null;
    if (params.apmac && !apMac) return refuse("apmac is malformed");

    const switchip = params.switchip?.toLowerCase();
    if (switchip !== undefined && !settings.controllerAddresses.includes(switchip)) return refuse("switchip is not one of this gateway's controllers");
    if (settings.postToSwitchip && switchip === undefined) return refuse("no switchip, but this gateway posts logins to it");
    const login = loginUrlFor(settings, settings.postToSwitchip ? switchip! : settings.loginHost);
    if (!login) return refuse("the login address is malformed");
    return {
      ok: true,
      redirect: {
        clientMac,
        clientIp,
        apMac,
        originalUrl: httpUrl(params.url),
        grantParams: {
          loginUrl: login.toString(),
          ...(params.essid ? { essid: params.essid } : {}),
          ...(params.apname ? { apname: params.apname } : {}),
        },
        // The login goes only to the configured host or a listed controller; mac and ip are the
        // browser's word, and the controller lets on only the device that posts the form.
        verified: true,
      },
    };
  },

  async grant({ settings, secrets }, request) {
    const login = gatewayUrl(request.redirect.grantParams.loginUrl, [settings.loginHost, ...settings.controllerAddresses]);
    if (!login || login.pathname !== "/cgi-bin/login") return { kind: "failed", error: "The Aruba redirect was not read: no login address on this gateway to post to." };
    const url = httpUrl(request.continueUrl);
    if (!url) return { kind: "failed", error: "The continue URL is not an http(s) address." };
    return {
      kind: "form",
      action: login.toString(),
      fields: { cmd: "authenticate", user: request.sessionId, password: sessionPassword(secrets.credentialKey, request.sessionId), url },
    };
  },
};
