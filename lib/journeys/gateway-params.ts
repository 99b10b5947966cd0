// What a venue gateway appends to the splash URL, read defensively: these values come
// through the guest's browser and can be anything. Vendor names differ (openNDS, Meraki,
// UniFi, MikroTik, Cisco, Aruba); the aliases below map them onto one shape, and the
// validated originals are kept for the gateway adapter that later grants access.
import { isIP } from "node:net";

import { normaliseMac } from "@/lib/devices/describe-device";

export interface GatewayContext {
  clientMac: string | null;
  clientIp: string | null;
  apMac: string | null;
  zoneSlug: string | null;
  originalUrl: string | null;
  /** Every parameter that passed the shape check, for the vendor adapter. */
  params: Record<string, string>;
}

const aliases = {
  clientMac: ["client_mac", "clientmac", "mac", "id"],
  clientIp: ["client_ip", "clientip", "ip"],
  apMac: ["ap_mac", "apmac", "ap", "node_mac", "called"],
  zoneSlug: ["zone"],
  originalUrl: ["url", "continue_url", "user_continue_url", "redir", "redirect", "originurl", "link-orig", "orig_url"],
} as const;

const maxParams = 30;
const paramName = /^[A-Za-z0-9_.-]{1,40}$/;
const maxValueLength = 2048;

export function readGatewayParams(search: URLSearchParams): GatewayContext {
  const params: Record<string, string> = {};
  for (const [name, value] of search) {
    if (Object.keys(params).length >= maxParams) break;
    if (paramName.test(name) && value.length <= maxValueLength && !(name in params)) params[name] = value;
  }
  const first = (names: readonly string[]) => names.map((n) => params[n]).find((v) => v !== undefined) ?? null;

  const clientMac = first(aliases.clientMac);
  const clientIp = first(aliases.clientIp);
  const apMac = first(aliases.apMac);
  const zone = first(aliases.zoneSlug);
  return {
    clientMac: clientMac ? normaliseMac(clientMac) : null,
    clientIp: clientIp && isIP(clientIp) ? clientIp : null,
    apMac: apMac ? normaliseMac(apMac) : null,
    zoneSlug: zone && /^[a-z0-9-]{1,64}$/.test(zone) ? zone : null,
    originalUrl: safeHttpUrl(first(aliases.originalUrl)),
    params,
  };
}

/** Only absolute http(s) URLs: a "javascript:" or relative value must never become a link. */
function safeHttpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}
