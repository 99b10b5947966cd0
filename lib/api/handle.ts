import { randomBytes } from "node:crypto";

import { z } from "zod";

import { authenticateApiKey, takeRateLimit, type ApiPrincipal } from "@/lib/api-keys";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { ApiProblem, issuesOf, problemContentType } from "./problem";
import { readJsonBody } from "./read-body";
import type { ApiReply, ApiRouteSpec } from "./route-spec";

const jsonHeaders = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

/**
 * Answers one API request for one route: the key (401), its rate limit (429), its scope
 * (403), then the path, query and body checked with the route's own zod schemas, then the
 * handler. Every refusal is problem+json; an unexpected error is logged with a reference and
 * answered 500 without its text.
 */
export async function handleApiRequest(db: Db, route: ApiRouteSpec, request: Request, rawParams: Record<string, string | string[]>): Promise<Response> {
  let rateHeaders: Record<string, string> = {};
  try {
    const auth = await authenticateApiKey(db, request.headers.get("authorization"));
    if (!auth.ok) {
      throw new ApiProblem("unauthorized", "Send a live API key as `Authorization: Bearer ptk_…`.", {
        headers: { "www-authenticate": 'Bearer realm="portico-api"' },
      });
    }
    const principal = auth.principal;
    const rate = await takeRateLimit(db, principal.keyId, principal.rateLimitPerMinute);
    rateHeaders = { "ratelimit-limit": String(rate.limit), "ratelimit-remaining": String(rate.remaining) };
    if (!rate.allowed) {
      throw new ApiProblem("rateLimited", `This key may make ${rate.limit} requests a minute.`, {
        headers: { "retry-after": String(rate.retryAfterSeconds) },
      });
    }
    assertScope(principal, route);
    const params = parseOrThrow(route.params ?? z.object({}), rawParams, "path");
    const query = parseOrThrow(route.query ?? z.object({}), Object.fromEntries(new URL(request.url).searchParams), "query");
    let body: unknown = undefined;
    if (route.body) {
      const raw = await readJsonBody(request, route.body.contentTypes);
      const parsed = route.body.schema.safeParse(raw);
      if (!parsed.success) throw new ApiProblem("unprocessable", "The body does not have the documented shape.", { errors: issuesOf(parsed.error, "body") });
      body = parsed.data;
    }
    const reply = await route.handler({ db, principal, query, params, body, request });
    return respond(reply, rateHeaders);
  } catch (error) {
    if (error instanceof ApiProblem) return problemResponse(error, rateHeaders);
    const reference = randomBytes(4).toString("hex");
    logger.error({ err: error, reference, operation: route.operationId }, "API request failed");
    return problemResponse(new ApiProblem("internal", `Quote reference ${reference} when reporting this.`), rateHeaders);
  }
}

function assertScope(principal: ApiPrincipal, route: ApiRouteSpec): void {
  if (route.scopes === "any") return;
  if (!route.scopes.some((scope) => principal.scopes.includes(scope))) {
    throw new ApiProblem("forbidden", `This operation needs the ${route.scopes.join(" or ")} scope.`);
  }
}

function parseOrThrow(schema: z.ZodType, value: unknown, where: "path" | "query"): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // A malformed id in the path names nothing: the same 404 as an id that does not exist.
  if (where === "path") throw new ApiProblem("notFound");
  throw new ApiProblem("invalidRequest", "Some query parameters are invalid.", { errors: issuesOf(parsed.error, where) });
}

function respond(reply: ApiReply, rateHeaders: Record<string, string>): Response {
  const headers = { ...jsonHeaders, ...rateHeaders, ...reply.headers };
  if (reply.body === undefined) return new Response(null, { status: reply.status, headers });
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers });
}

function problemResponse(problem: ApiProblem, rateHeaders: Record<string, string>): Response {
  return new Response(JSON.stringify(problem.toJSON()), {
    status: problem.status,
    headers: { ...jsonHeaders, "content-type": `${problemContentType}; charset=utf-8`, ...rateHeaders, ...problem.extra.headers },
  });
}
