// openNDS, through its Forwarding Authentication Service (FAS): the gateway redirects the guest
// to Portico's splash with `fas` (and `iv`), Portico answers with the return hash id.
//   Level 1: `fas` is base64 text, trusted for nothing but shape; grant by GET to authdir.
//   Level 2: `fas` is AES-256-CBC with the shared faskey; grant by GET to authdir.
//   Level 3: as level 2 over https; the gateway's authmon daemon collects grants from Portico
//            (the splash address answers it: app/(portal)/p/[venue]/route.ts, ./opennds-authmon.ts).
// Level 0 sends the client token in clear and is not offered.
// Sources: https://opennds.readthedocs.io/en/stable/fas.html; openNDS 9.10.0
// src/http_microhttpd.c (construct_querystring, try_to_authenticate, authenticate_client);
// Debian package opennds 9.10.0: /etc/opennds/fas-hid.php, fas-aes.php, fas-aes-https.php.
// See docs/gateways/opennds.md.
import { z } from "zod";

import { normaliseMac } from "@/lib/devices/describe-device";
import { normaliseIpAddress } from "@/lib/http/ip-address";

import { splitByKind, type WalledGardenConfig, type WalledGardenEntry } from "../walled-garden/entries";
import type { GatewayAdapter, GatewayRedirect, RedirectReading } from "../gateway-adapter";
import { httpUrl } from "./gateway-urls";
import { decodeLevel1, decryptLevel2, type FasFields, gatewayHash, grantCustom, isHexDigest, openndsLimits, returnHashId } from "./opennds-fas";

/** openNDS's default `authdir`; level 1 does not say which one the gateway uses. */
export const defaultAuthdir = "opennds_auth";
const authdirShape = /^[A-Za-z0-9_-]{1,64}$/;

export const openndsSettingsSchema = z.object({
  securityLevel: z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .default(2)
    .describe("openNDS fas_secure_enabled: 1 (base64, not verifiable), 2 (AES, recommended) or 3 (AES over https, grants collected by authmon)."),
  gatewayAddresses: z
    .array(z.string().trim().min(1).max(261))
    .max(50)
    .default([])
    .describe("openNDS gateway addresses (gatewayaddress, e.g. 192.168.8.1:2050) Portico may send guests to. Empty: any well-formed address."),
  gatewayName: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe("openNDS gatewayname, if set: redirects naming another gateway are refused, and authmon must name this one."),
  authdir: z
    .string()
    .regex(authdirShape)
    .default(defaultAuthdir)
    .describe("openNDS authdir, used at level 1 where the gateway does not send it."),
});
export type OpenndsSettings = z.infer<typeof openndsSettingsSchema>;

export const openndsSecretsSchema = z.object({
  faskey: z
    .string()
    .regex(/^[A-Za-z0-9]{8,32}$/, "8 to 32 letters and digits, as openNDS's faskey allows")
    .describe("openNDS faskey, shared with the gateway: it keys the AES at levels 2 and 3 and the return hash at every level."),
});
export type OpenndsSecrets = z.infer<typeof openndsSecretsSchema>;

const refuse = (reason: string): RedirectReading => ({ ok: false, reason });

/** `host[:port]` with nothing else, so the auth URL can only point at a gateway. */
function gatewayAddressOf(value: string | undefined): string | null {
  if (!value || value.length > 261) return null;
  try {
    const url = new URL(`http://${value}/`);
    return url.host === value.toLowerCase() && !url.username && !url.password && url.pathname === "/" ? url.host : null;
  } catch {
    return null;
  }
}

function decoded(value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}


function readFields(fields: FasFields, settings: OpenndsSettings, faskey: string, verified: boolean): RedirectReading {
  const hid = fields.hid ?? "";
  if (!isHexDigest(hid)) return refuse("hid is not a sha256 digest");
  const clientMac = normaliseMac(fields.clientmac ?? "");
  const clientIp = normaliseIpAddress(fields.clientip ?? "");
  if (!clientMac || !clientIp) return refuse("clientmac or clientip is missing or malformed");
  const gatewayAddress = gatewayAddressOf(fields.gatewayaddress);
  if (!gatewayAddress) return refuse("gatewayaddress is missing or malformed");
  const allowed = settings.gatewayAddresses.map((address) => address.toLowerCase());
  if (allowed.length > 0 && !allowed.includes(gatewayAddress)) return refuse("gatewayaddress is not one this gateway allows");
  const authdir = fields.authdir ?? settings.authdir;
  if (!authdirShape.test(authdir)) return refuse("authdir is malformed");
  const gatewayName = decoded(fields.gatewayname);
  if (settings.gatewayName !== undefined && gatewayName !== settings.gatewayName) return refuse("gatewayname is not this gateway's");

  const redirect: GatewayRedirect = {
    clientMac,
    clientIp,
    apMac: normaliseMac(fields.gatewaymac ?? ""),
    originalUrl: httpUrl(decoded(fields.originurl)),
    grantParams: {
      tok: returnHashId(hid, faskey),
      authaction: `http://${gatewayAddress}/${authdir}/`,
      level: String(settings.securityLevel),
      ...(gatewayName !== null ? { gatewayhash: gatewayHash(gatewayName) } : {}),
    },
    verified,
    // Decrypted with the shared key, the MAC is openNDS's own (level 1 sends it in the clear).
    clientMacVerified: verified,
  };
  return { ok: true, redirect };
}

/**
 * openNDS's autonomous walled garden (docs: walledgarden.rst): host names in
 * walledgarden_fqdn_list, their ports in walledgarden_port_list (one list for all names);
 * addresses as preauthenticated_users rules. The FAS address itself openNDS opens on its own.
 */
export function openndsWalledGarden(entries: readonly WalledGardenEntry[]): WalledGardenConfig {
  const { names, addresses } = splitByKind(entries);
  const namePorts = [...new Set(entries.filter((e) => e.kind === "fqdn" || e.kind === "wildcard").map((e) => e.port))].sort((a, b) => a - b);
  const lines = [
    ...names.map((name) => `list walledgarden_fqdn_list '${name.replace(/^\*\./, "")}'`),
    ...namePorts.map((port) => `list walledgarden_port_list '${port}'`),
    ...entries.filter((e) => e.kind === "ipv4").map((e) => `list preauthenticated_users 'allow tcp port ${e.port} to ${e.host}'`),
  ];
  const notes = [
    "Goes in the `config opennds` section; then `service opennds restart`.",
    "Host names need dnsmasq-full (and ipset before openNDS 10): openNDS resolves them as the guest's DNS answers arrive.",
  ];
  if (names.some((name) => name.startsWith("*."))) notes.push("openNDS lists a domain without the `*.`: the entry covers the domain and every name under it.");
  if (addresses.some((a) => a.includes(":"))) notes.push("openNDS's walled garden is IPv4 only: the IPv6 addresses are left out.");
  return { where: "/etc/config/opennds", text: lines.join("\n"), notes };
}

export const openndsAdapter: GatewayAdapter<OpenndsSettings, OpenndsSecrets> = {
  kind: "opennds",
  label: "openNDS",
  settingsSchema: openndsSettingsSchema as unknown as z.ZodType<OpenndsSettings>,
  secretsSchema: openndsSecretsSchema,

  walledGarden: (entries) => openndsWalledGarden(entries),
  readRedirect({ settings, secrets }, params) {
    const fas = params.fas;
    if (!fas) return refuse("no fas parameter: is openNDS's fas_secure_enabled 1, 2 or 3?");
    if (settings.securityLevel === 1) {
      if (params.iv !== undefined) return refuse("iv given but this gateway is set to level 1");
      const decoding = decodeLevel1(fas);
      return decoding.ok ? readFields(decoding.fields, settings, secrets.faskey, false) : refuse(decoding.reason);
    }
    // A level 1 query to a level 2 or 3 gateway would be a downgrade: never read it as one.
    if (!params.iv) return refuse("no iv: this gateway is set to encrypt its fas query");
    const decoding = decryptLevel2(fas, params.iv, secrets.faskey);
    return decoding.ok ? readFields(decoding.fields, settings, secrets.faskey, true) : refuse(decoding.reason);
  },

  async grant({ settings }, request) {
    const { tok, authaction } = request.redirect.grantParams;
    if (!tok || !isHexDigest(tok) || !authaction) return { kind: "failed", error: "The openNDS redirect was not read: no return hash to grant with." };
    const limits = openndsLimits(request.tier);
    if (settings.securityLevel === 3) {
      return { kind: "pending", detail: "openNDS's authmon collects this grant on its next poll.", gatewaySessionId: tok };
    }
    // fas-hid.php / fas-aes.php send tok, custom and redir to authdir by GET; openNDS reads no
    // limits there (src/http_microhttpd.c authenticate_client), so they travel in custom.
    const query = [
      `tok=${tok}`,
      `redir=${encodeURIComponent(request.continueUrl)}`,
      `custom=${encodeURIComponent(grantCustom(request.sessionId, limits))}`,
    ].join("&");
    return { kind: "redirect", url: `${authaction}?${query}` };
  },
};
