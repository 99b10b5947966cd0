// The HTTP side of Portico's RADIUS endpoints (app/api/radius/*): FreeRADIUS's rlm_rest is the
// only client, presenting PORTICO_RADIUS_TOKEN as HTTP Basic. Everything else gets a 401 and is
// logged; a body that is not rlm_rest's JSON gets a 400 (rlm_rest's "invalid": FreeRADIUS
// rejects, or for accounting does not answer the NAS, which sends it again).
import "server-only";

import { timingSafeEqual, createHash } from "node:crypto";

import { db, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { readBoundedText } from "@/lib/http/read-form";
import { logger } from "@/lib/log";

import type { AccessOptions } from "../access";
import { gatewaySecretStore } from "../gateway-secrets";
import { recordAccounting, readAccountingReport } from "./accounting";
import { authorizeRadiusRequest, type ZeroTap } from "./authorize";
import { readRlmRestBody, type RadiusAttributes } from "./rlm-rest";

const maxBodyBytes = 64 * 1024;
const json = (status: number, body?: unknown) =>
  body === undefined ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });

/** The token as HTTP Basic presents it (user "freeradius"), compared in constant time. */
export function radiusCallerAllowed(authorization: string | null, token: string | undefined): boolean {
  if (!token || !authorization?.startsWith("Basic ")) return false;
  const given = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(`freeradius:${token}`));
}

export interface RadiusEndpointDeps {
  db: Db;
  /** PORTICO_RADIUS_TOKEN; unset turns the endpoints off. */
  token: string | undefined;
  options: AccessOptions;
  /** Welcome back with zero taps, where the caller offers it (the authorize route does). */
  zeroTap?: ZeroTap;
}

export interface RadiusEndpoints {
  authorize(request: Request, zeroTap?: ZeroTap): Promise<Response>;
  accounting(request: Request): Promise<Response>;
}

/** The two endpoints over these dependencies (tests start them over a test database). */
export function radiusEndpoints(deps: RadiusEndpointDeps): RadiusEndpoints {
  async function readAttributes(request: Request): Promise<RadiusAttributes | Response> {
    // 503 is rlm_rest's "fail": a Portico without RADIUS configured lets nobody on by it.
    if (!deps.token) return json(503, { "reply:Reply-Message": "Portico's RADIUS endpoints are off (PORTICO_RADIUS_TOKEN is not set)." });
    if (!radiusCallerAllowed(request.headers.get("authorization"), deps.token)) {
      logger.warn({ path: new URL(request.url).pathname }, "RADIUS endpoint: caller without the token refused");
      return json(401, { "reply:Reply-Message": "Not FreeRADIUS." });
    }
    const text = await readBoundedText(request, maxBodyBytes);
    if (text === "tooLarge") return json(413);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400);
    }
    const reading = readRlmRestBody(body);
    if (!reading.ok) {
      logger.warn({ reason: reading.reason }, "RADIUS endpoint: body refused");
      return json(400);
    }
    return reading.attributes;
  }

  return {
    async authorize(request, zeroTap = deps.zeroTap) {
      const attributes = await readAttributes(request);
      if (attributes instanceof Response) return attributes;
      const decision = await authorizeRadiusRequest(deps.db, attributes, deps.options, zeroTap);
      if (decision.verdict === "accept") return json(200, decision.attributes);
      if (decision.verdict === "reject") return json(401, { "reply:Reply-Message": decision.message });
      return json(404);
    },
    async accounting(request) {
      const attributes = await readAttributes(request);
      if (attributes instanceof Response) return attributes;
      const report = readAccountingReport(attributes, (deps.options.now ?? (() => new Date()))());
      if ("ignored" in report) {
        logger.info({ reason: report.ignored }, "RADIUS accounting: acknowledged, not recorded");
        return json(204);
      }
      const result = await recordAccounting(deps.db, report);
      if (!result.recorded) logger.info({ reason: result.reason, status: report.status }, "RADIUS accounting: acknowledged, not recorded");
      // 204 either way: the NAS must not send a report Portico cannot use again and again.
      return json(204);
    },
  };
}

let processEndpoints: RadiusEndpoints | undefined;
const endpoints = () => (processEndpoints ??= radiusEndpoints({ db, token: env.PORTICO_RADIUS_TOKEN, options: { secrets: gatewaySecretStore() } }));

export const handleRadiusAuthorize = (request: Request, zeroTap?: ZeroTap) => endpoints().authorize(request, zeroTap);
export const handleRadiusAccounting = (request: Request) => endpoints().accounting(request);
