import { NextResponse, type NextRequest } from "next/server";

import { staffPathHeader } from "@/lib/auth/staff-path";
import { env } from "@/lib/env";
import { checkFormOrigin } from "@/lib/http/same-origin";
import { contentSecurityPolicy } from "@/lib/http/security-headers";
import { logger } from "@/lib/log";

/**
 * For every page Next renders (the staff area, the home page, its error pages): a fresh
 * nonce in the Content-Security-Policy, which Next reads from the request's policy and puts
 * on its own scripts ('strict-dynamic' lets those load the rest). The guest pages have their
 * own policy (a hash) and API answers and files keep next.config.ts's baseline.
 *
 * For staff pages, also: tells them which address was asked for, so a signed-out visitor is sent
 * back there after signing in (the header is always overwritten, so a client cannot supply
 * it); and refuses a form post from another site, a null origin or another host name for
 * this server with a page that says so (Next's own check would answer it with an error 500).
 * Authorisation is not decided here: every page, action and route checks `requireStaff`.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = contentSecurityPolicy({ scriptSources: [`'nonce-${nonce}'`, "'strict-dynamic'"], development: env.NODE_ENV === "development" });
  const staff = request.nextUrl.pathname === "/admin" || request.nextUrl.pathname.startsWith("/admin/");
  if (staff && request.method === "POST") {
    const verdict = checkFormOrigin(request.headers);
    if (!verdict.sameOrigin) {
      logger.warn({ path: request.nextUrl.pathname, origin: verdict.origin, expected: verdict.expected }, "refused cross-origin form post");
      return new NextResponse(refusalPage, { status: 403, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
    }
  }
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  if (staff) headers.set(staffPathHeader, `${request.nextUrl.pathname}${request.nextUrl.search}`.slice(0, 2048));
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

const refusalPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Request refused · Portico staff</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">
<h1>This form came from another page</h1>
<p>For your safety, the staff area only accepts its forms from its own pages, at the address you signed in at. Nothing was changed.</p>
<p><a href="/admin">Start again from the staff area</a></p>
</body></html>`;

// Not the guest pages (/p/, and the copy preview, which is one: their own policy), API
// answers, Next's files, venue images or public/.
export const config = {
  matcher: ["/((?!p/|admin/copy-preview/|api/|_next/static|_next/image|assets/|favicon.ico|robots.txt|healthz|readyz|metrics).*)"],
};
