import "server-only";

import { headers } from "next/headers";

import { clientIpHeader, isBehindFrontDoor } from "./front-door";
import { normaliseIpAddress } from "./ip-address";

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
}

/**
 * Who is asking, as far as a request can tell. The client address is the one Portico's front
 * door resolved (lib/http/front-door.ts); without the front door (a bare `next start`) nothing
 * tells a forged header from a real one, so the address is unknown rather than the client's word.
 */
export function requestContextOf(requestHeaders: Headers): RequestContext {
  return {
    ip: isBehindFrontDoor() ? normaliseIpAddress(requestHeaders.get(clientIpHeader)) : null,
    userAgent: requestHeaders.get("user-agent")?.slice(0, 512) ?? null,
    acceptLanguage: requestHeaders.get("accept-language")?.slice(0, 256) ?? null,
  };
}

/** The client address from a plain header record (next-auth hands its callbacks one). */
export function clientIpOf(record: Record<string, string | string[] | undefined> | undefined): string | null {
  const value = record?.[clientIpHeader];
  return requestContextOf(new Headers(typeof value === "string" ? { [clientIpHeader]: value } : {})).ip;
}

/** The same, for server components and server actions. */
export async function getRequestContext(): Promise<RequestContext> {
  return requestContextOf(await headers());
}
