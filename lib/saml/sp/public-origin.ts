import "server-only";

import { env } from "@/lib/env";
import { requestOrigin } from "@/lib/http/same-origin";

/**
 * The origin the SP's entity ID and ACS address are built on. NEXTAUTH_URL when set (it is
 * required in production), so the addresses a website admin enters never depend on the host
 * name a request happened to use.
 */
export function spOrigin(request: Request): string {
  return env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? requestOrigin(request.headers);
}
