import { NextResponse, type NextRequest } from "next/server";

import { staffPathHeader } from "@/lib/auth/staff-path";

/**
 * Tells staff pages which address was asked for, so a signed-out visitor is sent back there
 * after signing in. Authorisation is not decided here: every page, action and route checks
 * `requireStaff` itself. The header is always overwritten, so a client cannot supply it.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(staffPathHeader, `${request.nextUrl.pathname}${request.nextUrl.search}`.slice(0, 2048));
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/admin/:path*"] };
