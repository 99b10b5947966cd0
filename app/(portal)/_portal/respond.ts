import "server-only";

import type { ReactElement } from "react";

import { renderDocument } from "./render-html";

const htmlHeaders = {
  "content-type": "text/html; charset=utf-8",
  // Every guest page is for one guest at one moment (journey tokens, their own answers).
  "cache-control": "no-store",
};

export function htmlResponse(document: ReactElement, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(renderDocument(document), { status, headers: { ...htmlHeaders, ...headers } });
}

/** Redirect after a successful POST, so reloading the next page never sends the form again. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}
