// The operations endpoints, answered by Portico's front door (lib/runtime/next-app.ts) before
// anything else looks at a request, so they are answered whatever the app is doing: no Next
// router, no client-address resolution, no access log line (probes and scrapes every few
// seconds would drown the log), and a 503 from /readyz is an answer, not an error.
//   /healthz  liveness: the process answers. Touches nothing else: a database outage must not
//             get every process restarted.
//   /readyz   readiness: lib/ops/readiness.ts.
//   /metrics  Prometheus text format (lib/ops/metrics.ts); with PORTICO_METRICS_TOKEN set, only
//             for `Authorization: Bearer <token>`.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import type { Pool } from "pg";

import { metrics } from "./metrics";
import { checkReadiness } from "./readiness";

export type OpsEndpoint = "healthz" | "readyz" | "metrics";

export interface OpsOptions {
  pool: Pool;
  /** PORTICO_METRICS_TOKEN: when set, /metrics asks for it as a bearer token. */
  metricsToken?: string;
  migrationsDir?: string;
}

const startedAt = Date.now();

export function opsEndpoint(pathname: string): OpsEndpoint | null {
  return pathname === "/healthz" || pathname === "/readyz" || pathname === "/metrics" ? (pathname.slice(1) as OpsEndpoint) : null;
}

export async function serveOps(endpoint: OpsEndpoint, request: IncomingMessage, response: ServerResponse, options: OpsOptions): Promise<void> {
  try {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return send(request, response, 405, { "content-type": "application/json", allow: "GET, HEAD" }, JSON.stringify({ error: "method not allowed" }));
    }
    if (endpoint === "healthz") {
      return sendJson(request, response, 200, { status: "ok", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
    }
    if (endpoint === "readyz") {
      const readiness = await checkReadiness({ pool: options.pool, migrationsDir: options.migrationsDir });
      return sendJson(request, response, readiness.ready ? 200 : 503, { status: readiness.ready ? "ready" : "not ready", checks: readiness.checks });
    }
    if (options.metricsToken && !bearerMatches(request.headers.authorization, options.metricsToken)) {
      return send(request, response, 401, { "content-type": "application/json", "www-authenticate": 'Bearer realm="metrics"' }, JSON.stringify({ error: "a bearer token is required" }));
    }
    const registry = metrics().registry;
    // The delivery gauges read through this front door's pool (one per process in production).
    metrics().pool = options.pool;
    return send(request, response, 200, { "content-type": registry.contentType }, await registry.metrics());
  } catch (error) {
    return sendJson(request, response, 503, { status: "error", error: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function sendJson(request: IncomingMessage, response: ServerResponse, status: number, body: unknown): void {
  send(request, response, status, { "content-type": "application/json; charset=utf-8" }, JSON.stringify(body));
}

function send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  const bytes = Buffer.from(body);
  response.writeHead(status, { ...headers, "cache-control": "no-store", "x-content-type-options": "nosniff", "content-length": bytes.length });
  response.end(request.method === "HEAD" ? undefined : bytes);
}
