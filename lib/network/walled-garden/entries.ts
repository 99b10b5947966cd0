// What a device must reach before it is let on: the walled garden (pre-authentication access,
// whitelist, allowed list: each vendor has its own name). Pure: where the hosts come from is
// ./gateway-walled-garden.ts, how each vendor spells them is the adapter's walledGarden().
// No node: imports: the staff form's schema (./schemas.ts) runs in the browser too.

export type WalledGardenHostKind = "fqdn" | "wildcard" | "ipv4" | "ipv6";

export interface WalledGardenEntry {
  /** Lower-case host name, `*.domain`, or an IP address (IPv6 without brackets). */
  host: string;
  kind: WalledGardenHostKind;
  /** TCP port the sign-in uses on it (443 for https, 80 for http, or the URL's own). */
  port: number;
  /** Why it is needed, for the staff page and the technician's check ("Portico itself"). */
  why: string;
  /** How the sign-in speaks to it, when known (from a URL); else http on port 80, https otherwise. */
  scheme?: "http" | "https";
}

const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function isHostName(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.split(".");
  return labels.length >= 1 && labels.every((part) => label.test(part));
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv6 address as the WHATWG URL parser reads one (it canonicalises, so compare loosely). */
function isIpv6(host: string): boolean {
  if (!host.includes(":") || !/^[0-9a-f:.]+$/.test(host)) return false;
  try {
    return new URL(`http://[${host}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

function kindOf(host: string): WalledGardenHostKind | null {
  if (ipv4.test(host)) return "ipv4";
  if (isIpv6(host)) return "ipv6";
  if (host.startsWith("*.") && host.split(".").length >= 3 && isHostName(host.slice(2))) return "wildcard";
  // A last label of digits only would be a mistyped address, not a name.
  return isHostName(host) && !/^\d+$/.test(host.split(".").at(-1) ?? "") ? "fqdn" : null;
}

/** The entry for where a URL points (scheme's port unless the URL names one). */
export function entryForUrl(value: string, why: string): WalledGardenEntry | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const kind = kindOf(host);
  if (!kind) return null;
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return { host, kind, port, why, scheme: url.protocol === "https:" ? "https" : "http" };
}

export type HostReading = { ok: true; entry: WalledGardenEntry } | { ok: false; message: string };

/**
 * One line a person typed as an extra walled-garden host: `cdn.example.org`,
 * `*.example.org`, `203.0.113.7`, `host:8443`, or an http(s) URL. Port 443 unless named.
 */
export function readWalledGardenHost(text: string, why: string): HostReading {
  const value = text.trim().toLowerCase();
  if (!value) return { ok: false, message: "Enter a host name, *.domain, an IP address or a URL." };
  if (/^https?:\/\//.test(value)) {
    const entry = entryForUrl(value, why);
    return entry ? { ok: true, entry } : { ok: false, message: `“${text.trim()}” is not a URL Portico can read.` };
  }
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  const hostPort = bracketed ?? (isIpv6(value) ? null : /^([^:]+)(?::(\d{1,5}))?$/.exec(value));
  const host = hostPort ? hostPort[1]! : value;
  const port = hostPort?.[2] ? Number(hostPort[2]) : 443;
  const kind = kindOf(host);
  if (!kind) return { ok: false, message: `“${text.trim()}” is not a host name, *.domain or IP address.` };
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, message: `“${text.trim()}” names a port outside 1–65535.` };
  return { ok: true, entry: { host, kind, port, why } };
}

/** One entry per host and port, in first-seen order; the first reason given is kept. */
export function mergeEntries(...lists: readonly (readonly WalledGardenEntry[])[]): WalledGardenEntry[] {
  const seen = new Map<string, WalledGardenEntry>();
  for (const entry of lists.flat()) {
    const key = `${entry.host}|${entry.port}`;
    if (!seen.has(key)) seen.set(key, entry);
  }
  return [...seen.values()];
}

/** Hosts by name (fqdn and wildcard) and by address, each once, for formats that list them apart. */
export function splitByKind(entries: readonly WalledGardenEntry[]): { names: string[]; addresses: string[]; ports: number[] } {
  const unique = (values: string[]) => [...new Set(values)];
  return {
    names: unique(entries.filter((e) => e.kind === "fqdn" || e.kind === "wildcard").map((e) => e.host)),
    addresses: unique(entries.filter((e) => e.kind === "ipv4" || e.kind === "ipv6").map((e) => e.host)),
    ports: [...new Set(entries.map((e) => e.port))].sort((a, b) => a - b),
  };
}

/** The URL the technician's check asks for to see the entry is reachable; null for a *.domain. */
export function probeUrlOf(entry: WalledGardenEntry, path = "/"): string | null {
  if (entry.kind === "wildcard") return null;
  const scheme = entry.scheme ?? (entry.port === 80 ? "http" : "https");
  const host = entry.kind === "ipv6" ? `[${entry.host}]` : entry.host;
  const defaultPort = scheme === "https" ? 443 : 80;
  return `${scheme}://${host}${entry.port === defaultPort ? "" : `:${entry.port}`}${path}`;
}

/** What the staff page shows for one vendor: the text to paste and what to know about it. */
export interface WalledGardenConfig {
  /** Where it goes on the controller ("/etc/config/opennds", "Access control → Walled garden ranges"). */
  where: string;
  text: string;
  notes: string[];
}
