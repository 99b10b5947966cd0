import { NextResponse, type NextRequest } from "next/server";

import { staffPathHeader } from "@/lib/auth/staff-path";
import { checkFormOrigin } from "@/lib/http/same-origin";
import { logger } from "@/lib/log";

/**
 * For staff pages: tells them which address was asked for, so a signed-out visitor is sent
 * back there after signing in (the header is always overwritten, so a client cannot supply
 * it); and refuses a form post from another site, a null origin or another host name for
 * this server with a page that says so (Next's own check would answer it with an error 500).
 * Authorisation is not decided here: every page, action and route checks `requireStaff`.
 */
export function proxy(request: NextRequest) {
  if (request.method === "POST") {
    const verdict = checkFormOrigin(request.headers);
    if (!verdict.sameOrigin) {
      logger.warn({ path: request.nextUrl.pathname, origin: verdict.origin, expected: verdict.expected }, "refused cross-origin form post");
      return new NextResponse(refusalPage, { status: 403, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
    }
  }
  const headers = new Headers(request.headers);
  headers.set(staffPathHeader, `${request.nextUrl.pathname}${request.nextUrl.search}`.slice(0, 2048));
  return NextResponse.next({ request: { headers } });
}

const refusalPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Request refused · Portico staff</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">
<h1>This form came from another page</h1>
<p>For your safety, the staff area only accepts its forms from its own pages, at the address you signed in at. Nothing was changed.</p>
<p><a href="/admin">Start again from the staff area</a></p>
</body></html>`;

export const config = { matcher: ["/admin/:path*"] };
