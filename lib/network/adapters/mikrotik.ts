// MikroTik RouterOS HotSpot with an external login page. The router's login.html (uploaded to
// its html-override-directory, see docs/gateways/mikrotik.md) sends the guest to Portico's
// splash with the servlet variables as query parameters: `mac`, `ip`, `link-login-only`,
// `link-orig`, `error`, and with HTTP-CHAP `chap-id` and `chap-challenge`. The grant is the
// form MikroTik's own login page posts to `link-login-only`: `username`, `password`, `dst`,
// `popup` (PAP: the password itself; HTTP-CHAP: hex(md5(chap-id + password + chap-challenge))).
// The router then asks RADIUS (Portico's FreeRADIUS) about the username and password
// (./session-credentials.ts).
// Sources: https://help.mikrotik.com/docs/spaces/ROS/pages/56459266/HotSpot+-+Captive+portal
// (login-by, html-override-directory, walled garden); https://help.mikrotik.com/docs/x/AQAyBQ
// (HotSpot customisation: login.html parameters username, password, dst, popup; the servlet
// variables; "chap-id - value of chap ID ("\371")", "chap-challenge - value of chap challenge
// ("\357\015\330…")", octal escapes meant for a JavaScript string literal; the CHAP password is
// MD5 of chap-id, the password and chap-challenge, in that order);
// https://wiki.mikrotik.com/wiki/HotSpot_external_login_page (the external page pattern).
import { createHash } from "node:crypto";

import { z } from "zod";

import { normaliseMac } from "@/lib/devices/describe-device";
import { normaliseIpAddress } from "@/lib/http/ip-address";

import type { WalledGardenConfig, WalledGardenEntry } from "../walled-garden/entries";
import type { GatewayAdapter, RedirectReading } from "../gateway-adapter";
import { allowedHostsSchema, gatewayUrl, httpUrl } from "./gateway-urls";
import { sessionCredentialSecretsSchema, sessionPassword, type SessionCredentialSecrets } from "./session-credentials";

export const mikrotikSettingsSchema = z.object({
  routerAddresses: allowedHostsSchema.describe(
    "The hotspot's addresses as they appear in link-login-only (its DNS name and/or IP, e.g. hotspot.example.net or 10.5.50.1): the only places Portico will post a login to.",
  ),
  authentication: z
    .enum(["pap", "chap"])
    .default("chap")
    .describe("The hotspot profile's login-by: chap (http-chap, the default) or pap (http-pap, best over https). With chap, a redirect without chap-id and chap-challenge is refused."),
});
export type MikrotikSettings = z.infer<typeof mikrotikSettingsSchema>;

const refuse = (reason: string): RedirectReading => ({ ok: false, reason });

/**
 * The bytes of a chap-id or chap-challenge as lower-case hex, or null. MikroTik renders them as
 * octal escapes ("\371\357…", one per byte) for a JavaScript string literal; Portico's
 * gateway-parameter reading refuses backslashes, so the login.html in docs/gateways/mikrotik.md
 * converts them to hex in the browser before the redirect. Both spellings are read here.
 */
export function decodeChapValue(value: string, expectedBytes: { min: number; max: number }): string | null {
  let hex: string;
  if (/^(\\[0-3][0-7]{2})+$/.test(value)) {
    hex = value
      .slice(1)
      .split("\\")
      .map((octal) => Number.parseInt(octal, 8).toString(16).padStart(2, "0"))
      .join("");
  } else if (/^([0-9a-fA-F]{2})+$/.test(value)) {
    hex = value.toLowerCase();
  } else {
    return null;
  }
  const bytes = hex.length / 2;
  return bytes >= expectedBytes.min && bytes <= expectedBytes.max ? hex : null;
}

/** HTTP-CHAP as MikroTik's login.html does it: hex(md5(chap-id + password + chap-challenge)), byte for byte. */
export function chapResponse(chapIdHex: string, password: string, chapChallengeHex: string): string {
  return createHash("md5")
    .update(Buffer.from(chapIdHex, "hex"))
    .update(Buffer.from(password, "latin1"))
    .update(Buffer.from(chapChallengeHex, "hex"))
    .digest("hex");
}

/**
 * RouterOS HotSpot walled garden: `/ip hotspot walled-garden` matches plain HTTP requests by
 * host (wildcards allowed); https needs the IP-level list, `/ip hotspot walled-garden ip`,
 * which resolves a dst-host name itself (no wildcards) or takes dst-address.
 */
export function mikrotikWalledGarden(entries: readonly WalledGardenEntry[]): WalledGardenConfig {
  const quote = (text: string) => `"${text.replace(/["\\]/g, "")}"`;
  const ipLevel = entries
    .filter((e) => e.kind !== "wildcard")
    .map((e) => `/ip hotspot walled-garden ip add ${e.kind === "fqdn" ? "dst-host" : "dst-address"}=${e.host} protocol=tcp dst-port=${e.port} action=accept comment=${quote(e.why)}`);
  const httpLevel = entries.filter((e) => e.kind === "fqdn" || e.kind === "wildcard").map((e) => `/ip hotspot walled-garden add dst-host=${e.host} action=allow comment=${quote(e.why)}`);
  const notes = ["Paste into the router's terminal (or a script). The IP-level entries are the ones https needs."];
  if (entries.some((e) => e.kind === "wildcard")) notes.push("A *.domain entry works only at the HTTP level: add the https names under it one by one to the IP-level list.");
  return { where: "RouterOS terminal, /ip hotspot walled-garden", text: [...ipLevel, ...httpLevel].join("\n"), notes };
}

export const mikrotikAdapter: GatewayAdapter<MikrotikSettings, SessionCredentialSecrets> = {
  kind: "mikrotik",
  label: "MikroTik HotSpot",
  zeroTap: "RADIUS MAC authorisation: the hotspot profile's login-by includes mac, with use-radius=yes",
  settingsSchema: mikrotikSettingsSchema as unknown as z.ZodType<MikrotikSettings>,
  secretsSchema: sessionCredentialSecretsSchema,

  walledGarden: (entries) => mikrotikWalledGarden(entries),
  readRedirect({ settings }, params) {
    const login = gatewayUrl(params["link-login-only"], settings.routerAddresses);
    if (!login) return refuse("link-login-only is missing, not http(s), or not one of this hotspot's addresses");
    const clientMac = normaliseMac(params.mac ?? "");
    if (!clientMac) return refuse("mac is missing or malformed");
    const rawIp = params.ip;
    const clientIp = rawIp ? normaliseIpAddress(rawIp) : null;
    if (rawIp && !clientIp) return refuse("ip is malformed");

    const grantParams: Record<string, string> = { loginUrl: login.toString() };
    const rawId = params["chap-id"] ?? "";
    const rawChallenge = params["chap-challenge"] ?? "";
    if (rawId || rawChallenge) {
      // RouterOS sends a one-byte identifier and a 16-byte challenge.
      const chapId = decodeChapValue(rawId, { min: 1, max: 1 });
      const chapChallenge = decodeChapValue(rawChallenge, { min: 16, max: 16 });
      if (!chapId || !chapChallenge) return refuse("chap-id or chap-challenge is missing or malformed");
      grantParams.chapId = chapId;
      grantParams.chapChallenge = chapChallenge;
    } else if (settings.authentication === "chap") {
      return refuse("no chap-id and chap-challenge, but this hotspot is set to http-chap");
    }
    return {
      ok: true,
      redirect: {
        clientMac,
        clientIp,
        apMac: null,
        originalUrl: httpUrl(params["link-orig"]),
        grantParams,
        // Where the login goes is checked against the router's addresses; mac and ip are the
        // browser's word, and the router lets on only the device that posts the form.
        verified: true,
      },
    };
  },

  // RouterOS's RADIUS dictionary (https://help.mikrotik.com/docs/spaces/ROS/pages/328093/RADIUS#RADIUS-MikroTikspecificattributes):
  // Mikrotik-Rate-Limit is "rx-rate/tx-rate" as the router sees the client, so upload first;
  // Mikrotik-Total-Limit counts bytes both ways, its gigawords the multiples of 2^32.
  radiusReply({ downKbps, upKbps, quotaMb }) {
    const reply: Record<string, string | number> = {};
    if (downKbps || upKbps) reply["Mikrotik-Rate-Limit"] = `${upKbps ? `${upKbps}k` : "0"}/${downKbps ? `${downKbps}k` : "0"}`;
    if (quotaMb) {
      const bytes = quotaMb * 1024 * 1024;
      reply["Mikrotik-Total-Limit"] = bytes % 2 ** 32;
      reply["Mikrotik-Total-Limit-Gigawords"] = Math.floor(bytes / 2 ** 32);
    }
    return reply;
  },

  async grant({ settings, secrets }, request) {
    const { loginUrl, chapId, chapChallenge } = request.redirect.grantParams;
    const login = gatewayUrl(loginUrl, settings.routerAddresses);
    if (!login) return { kind: "failed", error: "The MikroTik redirect was not read: no login address on this hotspot to post to." };
    const dst = httpUrl(request.continueUrl);
    if (!dst) return { kind: "failed", error: "The continue URL is not an http(s) address." };
    const password = sessionPassword(secrets.credentialKey, request.sessionId);
    let sent: string;
    if (chapId && chapChallenge) sent = chapResponse(chapId, password, chapChallenge);
    else if (settings.authentication === "pap") sent = password;
    else return { kind: "failed", error: "This hotspot is set to http-chap but its redirect carried no challenge." };
    return {
      kind: "form",
      action: login.toString(),
      fields: { username: request.sessionId, password: sent, dst, popup: "false" },
    };
  },
};
