// What Portico's own HTTP server (lib/runtime/next-app.ts) does to every request before Next
// sees it: decide who the client is, once, from the socket and the trusted-proxy setting.
// Free of "server-only" and next/headers, so the runtime can load it outside Next's bundle.
import type { IncomingMessage } from "node:http";

import { peerIsTrustedProxy, resolveClientAddress, type ProxyTrust } from "./client-address";

/** The client's address as resolved here; any value a client sends is overwritten. */
export const clientIpHeader = "x-portico-client-ip";

const forwardingHeaders = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/** Marks this process as served through the front door (a request cannot set a global). */
export function markFrontDoor(): void {
  (globalThis as { porticoFrontDoor?: boolean }).porticoFrontDoor = true;
}

export function isBehindFrontDoor(): boolean {
  return (globalThis as { porticoFrontDoor?: boolean }).porticoFrontDoor === true;
}

/**
 * Resolves the client address into `x-portico-client-ip`, and drops the forwarding headers a
 * peer that is not a trusted proxy sent: they are the client's own words, so neither the
 * client address, nor Next's server-action origin check, nor the portal's may believe them
 * (Next then fills in Host and the socket's address itself).
 */
export function admitRequest(request: IncomingMessage, trust: ProxyTrust): void {
  const socketAddress = request.socket.remoteAddress;
  const client = resolveClientAddress({ socketAddress, forwardedFor: request.headers["x-forwarded-for"] }, trust);
  if (client) request.headers[clientIpHeader] = client;
  else delete request.headers[clientIpHeader];
  if (!peerIsTrustedProxy(socketAddress, trust)) {
    for (const name of forwardingHeaders) delete request.headers[name];
  }
}
