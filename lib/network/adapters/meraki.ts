// Cisco Meraki (MR access points, MX appliances) with an externally hosted splash page, what
// Meraki calls the Captive Portal API or EXCAP, in both of its modes:
// - click-through: Meraki appends base_grant_url, user_continue_url, node_id, node_mac,
//   gateway_id, client_ip and client_mac to the custom splash URL; the grant is the browser
//   sent to `base_grant_url?continue_url=…&duration=<seconds>`;
// - sign-on: Meraki appends login_url, continue_url, ap_mac, ap_name, ap_tags, client_mac and
//   client_ip; the grant is the browser posting username, password and success_url to
//   login_url, which Meraki checks against the SSID's RADIUS server (PAP). Portico's RADIUS
//   side receives username = the access session's id and password = sessionPassword() (./session-credentials.ts).
// Sources: https://developer.cisco.com/meraki/captive-portal-api/click-through-api,
// https://developer.cisco.com/meraki/captive-portal-api/sign-on-api,
// https://documentation.meraki.com/MR/Splash_Page/Configuring_a_Custom-Hosted_Splash_Page and
// https://documentation.meraki.com/MR/Splash_Page/Authentication_method_used_by_the_Sign-on_Splash_page_with_Customer_hosted_RADIUS_server.
// docs/gateways/meraki.md is the operator's page.
import "server-only";

import { z } from "zod";

import { normaliseMac } from "@/lib/devices/describe-device";
import { normaliseIpAddress } from "@/lib/http/ip-address";

import type { WalledGardenConfig, WalledGardenEntry } from "../walled-garden/entries";
import type { GatewayAdapter, GatewayContext, GrantOutcome, RedirectReading } from "../gateway-adapter";

import { sessionCredentialSecretsSchema, sessionPassword } from "./session-credentials";

/** Meraki's cloud answers grants and sign-ons on nNNN.network-auth.com (the documented samples use n143). */
export const merakiDefaultGrantHosts = ["*.network-auth.com"];

const hostPattern = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, "Enter a host name such as n143.network-auth.com, or *.network-auth.com for all of them.");

export const merakiSettingsSchema = z.object({
  /** Which splash page the SSID is set to in the dashboard (Access control → Splash page). */
  mode: z.enum(["clickThrough", "signOn"]).default("clickThrough").describe("The SSID's splash page: Click-through, or Sign-on with my RADIUS server."),
  /**
   * The only hosts Portico will send a browser to for the grant or post a sign-on to: the
   * splash's URLs come through the guest's browser, and anything else would be an open redirect.
   */
  grantHosts: z.array(hostPattern).min(1).max(20).default(merakiDefaultGrantHosts).describe("Hosts Meraki's grant and login URLs may point at (exact names, or *.domain)."),
});
export type MerakiSettings = z.infer<typeof merakiSettingsSchema>;

export const merakiSecretsSchema = z.object({
  /** Sign-on only: the key each session's one-time RADIUS password is derived with (./session-credentials.ts). */
  credentialKey: sessionCredentialSecretsSchema.shape.credentialKey.optional(),
});
export type MerakiSecrets = z.infer<typeof merakiSecretsSchema>;
type MerakiContext = GatewayContext<MerakiSettings, MerakiSecrets>;

function hostAllowed(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return patterns.some((pattern) => (pattern.startsWith("*.") ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern));
}

/** An http(s) URL without credentials on an allowed host, or why not. */
export function checkGrantUrl(value: string | undefined, patterns: readonly string[]): { ok: true; url: URL } | { ok: false; reason: string } {
  if (!value) return { ok: false, reason: "missing" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: `scheme ${url.protocol} is not http or https` };
  if (url.username || url.password) return { ok: false, reason: "carries credentials" };
  if (!hostAllowed(url.hostname, patterns)) return { ok: false, reason: `host ${url.hostname} is not one of this gateway's grant hosts` };
  return { ok: true, url };
}

function httpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** A MAC or IP that is present must read as one; absent ones stay null. */
function optionalOf(value: string | undefined, read: (value: string) => string | null): { ok: true; value: string | null } | { ok: false } {
  if (value === undefined || value === "") return { ok: true, value: null };
  const read_ = read(value);
  return read_ === null ? { ok: false } : { ok: true, value: read_ };
}

function readMerakiRedirect(context: MerakiContext, params: Readonly<Record<string, string>>): RedirectReading {
  const { mode, grantHosts } = context.settings;
  const sentMode = params.base_grant_url ? "clickThrough" : params.login_url ? "signOn" : null;
  if (!sentMode) return { ok: false, reason: "Meraki's redirect has neither base_grant_url (click-through) nor login_url (sign-on)." };
  if (sentMode !== mode) {
    return { ok: false, reason: `Meraki sent a ${sentMode === "signOn" ? "sign-on" : "click-through"} splash, but this gateway is set up for ${mode === "signOn" ? "sign-on" : "click-through"}.` };
  }
  const grantName = mode === "clickThrough" ? "base_grant_url" : "login_url";
  const grant = checkGrantUrl(params[grantName], grantHosts);
  if (!grant.ok) return { ok: false, reason: `Meraki's ${grantName} is refused: ${grant.reason}.` };

  const continueName = mode === "clickThrough" ? "user_continue_url" : "continue_url";
  const continueUrl = params[continueName];
  if (continueUrl !== undefined && !httpUrl(continueUrl)) return { ok: false, reason: `Meraki's ${continueName} is not an http or https URL.` };

  const clientMac = optionalOf(params.client_mac, normaliseMac);
  const apMac = optionalOf(mode === "clickThrough" ? params.node_mac : params.ap_mac, normaliseMac);
  const clientIp = optionalOf(params.client_ip, normaliseIpAddress);
  if (!clientMac.ok) return { ok: false, reason: "Meraki's client_mac is not a MAC address." };
  if (!apMac.ok) return { ok: false, reason: `Meraki's ${mode === "clickThrough" ? "node_mac" : "ap_mac"} is not a MAC address.` };
  if (!clientIp.ok) return { ok: false, reason: "Meraki's client_ip is not an IP address." };

  return {
    ok: true,
    redirect: {
      clientMac: clientMac.value,
      clientIp: clientIp.value,
      apMac: apMac.value,
      originalUrl: continueUrl ?? null,
      grantParams: { mode, grantUrl: grant.url.toString() },
      // The grant URL is on a host this venue allows; the MAC and IP are still the browser's word.
      verified: true,
    },
  };
}

async function grantMeraki(context: MerakiContext, request: Parameters<GatewayAdapter<MerakiSettings, MerakiSecrets>["grant"]>[1]): Promise<GrantOutcome> {
  const { grantParams } = request.redirect;
  // grantParams come back from the database: they are checked again rather than trusted.
  const grant = checkGrantUrl(grantParams.grantUrl, context.settings.grantHosts);
  if (!grant.ok) return { kind: "failed", error: `Meraki's grant URL is refused: ${grant.reason}.` };
  if (!httpUrl(request.continueUrl)) return { kind: "failed", error: "The continue URL is not an http or https URL." };
  if (grantParams.mode !== context.settings.mode) return { kind: "failed", error: "The splash was read for another Meraki mode than this gateway's." };

  if (context.settings.mode === "clickThrough") {
    const url = grant.url;
    url.searchParams.set("continue_url", request.continueUrl);
    // Meraki's duration is in seconds; without it the dashboard's splash frequency applies.
    url.searchParams.set("duration", String(Math.max(1, Math.round(request.tier.minutes * 60))));
    return { kind: "redirect", url: url.toString() };
  }
  const secret = context.secrets.credentialKey;
  if (!secret) return { kind: "failed", error: "Sign-on needs the gateway's credential key, which is not set." };
  return {
    kind: "form",
    action: grant.url.toString(),
    fields: { username: request.sessionId, password: sessionPassword(secret, request.sessionId), success_url: request.continueUrl },
  };
}

/**
 * Meraki's "Walled garden ranges" (Wireless → Access control): space-separated addresses,
 * CIDR ranges, domain names and *.domain wildcards.
 */
export function merakiWalledGarden(entries: readonly WalledGardenEntry[]): WalledGardenConfig {
  const items = [...new Set(entries.map((e) => (e.kind === "ipv4" ? `${e.host}/32` : e.kind === "ipv6" ? `${e.host}/128` : e.host)))];
  return {
    where: "Dashboard → Wireless → Access control → Walled garden ranges",
    text: items.join(" "),
    notes: [
      "Set Walled garden to Enabled first. Meraki allows whole hosts (every port), not single ports.",
      "Meraki's own grant and sign-on host (nNNN.network-auth.com) is reachable without an entry.",
      "Older dashboards take domain names only after a Meraki support request (\u201cwalled garden domain names\u201d); give them the addresses instead.",
    ],
  };
}

export const merakiAdapter: GatewayAdapter<MerakiSettings, MerakiSecrets> = {
  kind: "meraki",
  label: "Cisco Meraki",
  zeroTap: "RADIUS MAC-based access control on the SSID (sign-on splash with RADIUS)",
  settingsSchema: merakiSettingsSchema as z.ZodType<MerakiSettings>,
  secretsSchema: merakiSecretsSchema as z.ZodType<MerakiSecrets>,
  walledGarden: (entries) => merakiWalledGarden(entries),
  readRedirect: readMerakiRedirect,
  grant: grantMeraki,
};
