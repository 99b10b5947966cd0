import "server-only";

import { isIP } from "node:net";

import { headers } from "next/headers";

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
}

/**
 * Who is asking, as far as a request can tell. Portico runs behind the venue's reverse
 * proxy or load balancer, which appends the client address to X-Forwarded-For.
 */
export async function getRequestContext(): Promise<RequestContext> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? h.get("x-real-ip")?.trim() ?? null;
  return {
    ip: forwarded && isIP(forwarded) ? forwarded : null,
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
    acceptLanguage: h.get("accept-language")?.slice(0, 256) ?? null,
  };
}
