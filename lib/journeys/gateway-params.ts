// What a venue gateway appends to the splash URL, read defensively: these values come
// through the guest's browser and can be anything. Vendor names differ (openNDS, Meraki,
// UniFi, MikroTik, Cisco, Aruba); the aliases below map them onto one shape. Only values
// that pass validation are kept for the gateway adapter that later grants access; the names
// of the ones refused are reported (never their values), so an operator can see a
// misconfigured gateway without Portico storing whatever a browser sent.
import { normaliseMac } from "@/lib/devices/describe-device";
import { normaliseIpAddress } from "@/lib/http/ip-address";

export interface GatewayContext {
  clientMac: string | null;
  clientIp: string | null;
  apMac: string | null;
  zoneSlug: string | null;
  originalUrl: string | null;
  /** Every parameter whose value passed validation, for the vendor adapter. */
  params: Record<string, string>;
  /** Names of parameters refused (bad value, too long, over the count cap): names only. */
  rejected: string[];
}

const aliases = {
  clientMac: ["client_mac", "clientmac", "mac", "id"],
  clientIp: ["client_ip", "clientip", "ip"],
  apMac: ["ap_mac", "apmac", "ap", "node_mac", "called"],
  zoneSlug: ["zone"],
  originalUrl: ["url", "continue_url", "user_continue_url", "redir", "redirect", "originurl", "link-orig", "orig_url"],
} as const;

/** Portico's own query parameters, which ride beside the gateway's and are never the gateway's. */
export const portalQueryNames = new Set(["j", "lang"]);

export const gatewayLimits = { maxParams: 30, maxValueLength: 2048, maxRejectedNames: 30 } as const;
const paramName = /^[A-Za-z0-9_.-]{1,40}$/;
/** Vendor parameters that carry an address the guest's browser may later be sent to. */
const urlParamName = /(url|^redir|^redirect|^link-[a-z-]+)$/i;
/** Plain text: no control characters, no markup or quote characters. */
const plainValue = /^[^\u0000-\u001f\u007f<>"'`\\]*$/u;

type Validator = (value: string) => string | null;

const validators: Record<keyof typeof aliases, Validator> = {
  clientMac: normaliseMac,
  apMac: normaliseMac,
  clientIp: normaliseIpAddress,
  zoneSlug: (value) => (/^[a-z0-9-]{1,64}$/.test(value) ? value : null),
  originalUrl: safeHttpUrl,
};

const validatorByName = new Map<string, Validator>(
  (Object.keys(aliases) as (keyof typeof aliases)[]).flatMap((field) => aliases[field].map((name) => [name, validators[field]] as const)),
);

/**
 * MikroTik's login page renders its CHAP id and challenge as octal escapes (`\371\042…`),
 * the one place a backslash is a gateway's normal output.
 */
const octalEscapes = /^(\\[0-7]{3})+$/;
const chapNames = new Set(["chap-id", "chap-challenge"]);

/** The validated form of one gateway parameter, or null when it must not be kept. */
function validateParam(name: string, value: string): string | null {
  if (value.length > gatewayLimits.maxValueLength) return null;
  if (chapNames.has(name.toLowerCase()) && octalEscapes.test(value)) return value;
  const validator = validatorByName.get(name.toLowerCase());
  if (validator) return validator(value);
  if (urlParamName.test(name)) return safeHttpUrl(value);
  return plainValue.test(value) ? value : null;
}

/**
 * The splash's query as the gateway meant it. Some gateways append their own query to the
 * splash address with a second "?" whatever it holds already (openNDS adds `?fas=…` to its
 * faspath, so `/p/harbour?gw=lobby` arrives as `gw=lobby?fas=…`). A gateway slug never holds a
 * "?", so one in `gw` starts the gateway's own parameters.
 */
function gatewayEntries(search: URLSearchParams): [string, string][] {
  const entries: [string, string][] = [];
  for (const [name, value] of search) {
    const cut = name === "gw" ? value.indexOf("?") : -1;
    if (cut < 0) {
      entries.push([name, value]);
      continue;
    }
    entries.push([name, value.slice(0, cut)]);
    for (const entry of new URLSearchParams(value.slice(cut + 1))) entries.push(entry);
  }
  return entries;
}

export function readGatewayParams(search: URLSearchParams): GatewayContext {
  const params: Record<string, string> = {};
  const rejected = new Set<string>();
  const reject = (name: string) => {
    if (rejected.size < gatewayLimits.maxRejectedNames) rejected.add(paramName.test(name) ? name : "(unreadable name)");
  };
  for (const [name, value] of gatewayEntries(search)) {
    if (portalQueryNames.has(name) || name in params) continue;
    if (!paramName.test(name) || Object.keys(params).length >= gatewayLimits.maxParams) {
      reject(name);
      continue;
    }
    const valid = validateParam(name, value);
    if (valid === null) reject(name);
    else params[name] = valid;
  }
  const first = (names: readonly string[]) => names.map((n) => params[n]).find((v) => v !== undefined) ?? null;
  return {
    clientMac: first(aliases.clientMac),
    clientIp: first(aliases.clientIp),
    apMac: first(aliases.apMac),
    zoneSlug: first(aliases.zoneSlug),
    originalUrl: first(aliases.originalUrl),
    params,
    rejected: [...rejected],
  };
}

/** The gateway parameters of a URL query, without Portico's own. */
export function gatewayQuery(search: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const [name, value] of search) if (!portalQueryNames.has(name)) kept.append(name, value);
  return kept.toString();
}

/** A host name and optional path, as Cisco's WLC sends `redirect` (`bbc.co.uk/news`): no scheme. */
const schemelessHost = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?(?:[/?#]|$)/i;

/** Only absolute http(s) URLs: a "javascript:" or relative value must never become a link. */
function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(schemelessHost.test(value) ? `http://${value}` : value);
    const href = url.toString();
    return (url.protocol === "http:" || url.protocol === "https:") && href.length <= gatewayLimits.maxValueLength ? href : null;
  } catch {
    return null;
  }
}
