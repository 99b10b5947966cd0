import "server-only";

import type { ReactElement } from "react";

import { portalScriptSource } from "@/components/portal/page-assets";
import { contentSecurityPolicy } from "@/lib/http/security-headers";

import { renderDocument } from "./render-html";

const htmlHeaders = {
  "content-type": "text/html; charset=utf-8",
  // Every guest page is for one guest at one moment (journey tokens, their own answers).
  "cache-control": "no-store",
};

/** A guest page's policy: the one inline script by its hash; forms to Portico and to `formActionOrigins`. */
export function guestPagePolicy(formActionOrigins: readonly string[] = [], frameAncestors: "'none'" | "'self'" = "'none'"): string {
  return contentSecurityPolicy({ scriptSources: [portalScriptSource], formActionOrigins, frameAncestors });
}

const defaultPolicy = guestPagePolicy();

export function htmlResponse(document: ReactElement, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(renderDocument(document), { status, headers: { ...htmlHeaders, "content-security-policy": defaultPolicy, ...headers } });
}

/** Redirect after a successful POST, so reloading the next page never sends the form again. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}
