// Addresses a gateway's redirect hands Portico that the guest's browser will be sent to: only
// http(s), and for a grant only the gateway's own hosts, so Portico is never an open redirect.
import { z } from "zod";

export const allowedHostsSchema = z
  .array(z.string().trim().toLowerCase().min(1).max(261))
  .min(1, "Name at least one address of the gateway")
  .max(50);

/**
 * An absolute http(s) URL the guest's browser may be sent to, or null: it must name one of the
 * gateway's own addresses (host or host:port) and carry no credentials, so a tampered redirect
 * cannot turn Portico's grant form into an open redirect or a credential leak.
 */
export function gatewayUrl(value: string | undefined, allowedHosts: readonly string[]): URL | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password) return null;
  const allowed = allowedHosts.map((host) => host.toLowerCase());
  return allowed.includes(url.host) || allowed.includes(url.hostname) ? url : null;
}

/** An absolute http(s) URL, or null (a "javascript:" or relative value never becomes a link). */
export function httpUrl(value: string | undefined | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}
