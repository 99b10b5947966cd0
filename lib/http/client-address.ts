// Who is on the other end of a request. The socket's address is the only one nobody can
// forge; X-Forwarded-For is appended to by each proxy on the way, so its left part is
// whatever the client wrote. Portico believes a forwarded hop only when the hop that reported
// it is a proxy the operator named (PORTICO_TRUSTED_PROXIES), and takes the right-most address
// that is not one: the same rule as Express's "trust proxy", through the same library.
import proxyaddr from "proxy-addr";

import { normaliseIpAddress } from "./ip-address";

/** Decides, walking from the socket outwards, whether the hop at `index` may be believed. */
export type ProxyTrust = (address: string, index: number) => boolean;

export const trustNoProxy: ProxyTrust = () => false;

/**
 * PORTICO_TRUSTED_PROXIES: unset or empty trusts nobody (the socket address is the client);
 * a number N trusts the N nearest hops (e.g. 1 behind one load balancer); otherwise a comma
 * list of addresses, CIDR ranges and proxy-addr's names `loopback`, `linklocal`, `uniquelocal`.
 * Throws on anything else, so a typo stops the start instead of trusting the wrong hops.
 */
export function parseTrustedProxies(setting: string | undefined): ProxyTrust {
  const value = setting?.trim() ?? "";
  if (value === "") return trustNoProxy;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, index) => index < hops;
  }
  return proxyaddr.compile(value.split(",").map((part) => part.trim()).filter(Boolean));
}

export interface IncomingHop {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
}

/** The client's address under the given trust, validated and canonical; null if it is not an IP. */
export function resolveClientAddress(hop: IncomingHop, trust: ProxyTrust): string | null {
  const forwardedFor = Array.isArray(hop.forwardedFor) ? hop.forwardedFor.join(",") : hop.forwardedFor;
  const request = { socket: { remoteAddress: hop.socketAddress }, headers: { "x-forwarded-for": forwardedFor } };
  return normaliseIpAddress(proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trust));
}

/** Whether the socket itself is a trusted proxy, whose X-Forwarded-Host/-Proto may be believed. */
export function peerIsTrustedProxy(socketAddress: string | undefined, trust: ProxyTrust): boolean {
  const peer = normaliseIpAddress(socketAddress);
  return peer !== null && trust(peer, 0);
}
