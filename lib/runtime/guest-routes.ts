// The guest pages' fast path. The portal's pages are App Router route handlers
// (app/(portal)/p/[venue]/**/route.ts): plain `(Request) => Response` functions that need
// nothing from Next's request context. In production, Portico's own server calls them directly
// for the guest paths, and hands every other request (the staff area, assets, auth) to Next.
//
// Why: measured on a 2-core machine, Next's router costs ~1.3 ms of CPU per request even for
// an empty route handler, more than a third of a whole guest journey's server time; calling
// the same handlers without it raised complete journeys per second by about half (see
// docs/TESTING.md, bench:journeys). Guests arrive in crowds; the staff area does not.
//
// What Next would add is added here too: the security headers (one shared list), gzip for
// browsers that accept it, HEAD answered as GET without a body. In development Next serves
// the guest pages itself, with hot reload.
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";

import { maxPortalFormBytes } from "@/lib/http/read-form";
import { securityHeaders } from "@/lib/http/security-headers";
import { logger } from "@/lib/log";

import { registerServerModules } from "./register-server-modules";

type RouteContext = { params: Promise<{ venue: string }> };
type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;
type RouteModule = { GET?: RouteHandler; POST?: RouteHandler };

/**
 * `/p/<venue>` and `/p/<venue>/<page>`, as app/(portal)/p/[venue]/ defines them: the pages of
 * the journey itself. A guest's own data (`my-data`) and the technician's `network-check` are
 * not what a crowd loads, so Next serves them.
 */
const guestPath = /^\/p\/([^/?#]+)(?:\/(loyalty|login|voucher|consent|success|welcome-back))?$/;

/** Responses smaller than this are not worth compressing. */
const compressFrom = 1024;

export interface GuestRoute {
  handler: RouteHandler;
  venue: string;
}

export interface GuestRoutes {
  /** The route a request is for, or null when it is Next's to serve. */
  match(request: IncomingMessage): GuestRoute | null;
  serve(route: GuestRoute, request: IncomingMessage, response: ServerResponse): Promise<void>;
}

export async function loadGuestRoutes(): Promise<GuestRoutes> {
  registerServerModules();
  const pages: Record<string, RouteModule> = {
    "": await import("@/app/(portal)/p/[venue]/route"),
    loyalty: await import("@/app/(portal)/p/[venue]/loyalty/route"),
    login: await import("@/app/(portal)/p/[venue]/login/route"),
    voucher: await import("@/app/(portal)/p/[venue]/voucher/route"),
    consent: await import("@/app/(portal)/p/[venue]/consent/route"),
    success: await import("@/app/(portal)/p/[venue]/success/route"),
    "welcome-back": await import("@/app/(portal)/p/[venue]/welcome-back/route"),
  };

  return {
    match(request) {
      const method = request.method === "HEAD" ? "GET" : request.method;
      if (method !== "GET" && method !== "POST") return null;
      const found = guestPath.exec((request.url ?? "").split("?", 1)[0]!);
      const handler = found ? pages[found[2] ?? ""]?.[method] : undefined;
      if (!found || !handler) return null;
      try {
        return { handler, venue: decodeURIComponent(found[1]!) };
      } catch {
        // Not a readable venue name: Next answers it (404).
        return null;
      }
    },

    async serve({ handler, venue }, request, response) {
      try {
        const answer = await handler(await toWebRequest(request), { params: Promise.resolve({ venue }) });
        await send(request, response, answer);
      } catch (error) {
        // The handlers render their own error pages; this is a failure around them.
        logger.error({ err: error, path: request.url?.split("?", 1)[0] }, "guest route failed");
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        response.end("Something went wrong. Please try again.");
      }
    },
  };
}

async function toWebRequest(request: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers as IncomingHttpHeaders)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
  }
  const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
  const method = request.method === "HEAD" ? "GET" : request.method!;
  return new Request(url, { method, headers, body: method === "POST" ? await boundedBody(request) : undefined });
}

/**
 * A guest form's body, read up to one byte past what the handlers accept (they refuse
 * anything longer with 413), so a huge or endless upload costs no more than that: reading
 * stops there and Node discards the rest once the answer is sent.
 */
function boundedBody(request: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const limit = maxPortalFormBytes + 1;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      request.off("data", onData).off("end", finish).off("error", reject);
      resolve(new Uint8Array(Buffer.concat(chunks, Math.min(size, limit))) as Uint8Array<ArrayBuffer>);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        request.pause();
        finish();
      }
    };
    request.on("data", onData).on("end", finish).on("error", reject);
  });
}

async function send(request: IncomingMessage, response: ServerResponse, answer: Response): Promise<void> {
  const headers: OutgoingHttpHeaders = {};
  for (const { key, value } of securityHeaders) headers[key.toLowerCase()] = value;
  answer.headers.forEach((value, key) => {
    headers[key] = value;
  });
  let body: Buffer = Buffer.from(await answer.arrayBuffer());
  if (body.length >= compressFrom) {
    headers.vary = "Accept-Encoding";
    if (/\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
      body = gzipSync(body);
      headers["content-encoding"] = "gzip";
    }
  }
  headers["content-length"] = body.length;
  response.writeHead(answer.status, headers);
  response.end(request.method === "HEAD" ? undefined : body);
}
