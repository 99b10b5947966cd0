// Next.js run in-process as a custom server, so the embedded database and the app share one
// process and one lifetime: stopping Portico stops both.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

import type { Pool } from "pg";

import { provideEnv } from "@/lib/env";
import { parseTrustedProxies } from "@/lib/http/client-address";
import { admitRequest, markFrontDoor } from "@/lib/http/front-door";
import { requestIdFrom, requestIdHeader, runWithRequestId } from "@/lib/http/request-id";
import { strictTransportSecurity, isTlsRequest } from "@/lib/http/security-headers";
import { logger } from "@/lib/log";
import { opsEndpoint, serveOps } from "@/lib/ops/endpoints";
import { metrics } from "@/lib/ops/metrics";
import { loggablePath, routeGroup } from "@/lib/ops/route-group";

import type { GuestRoutes } from "./guest-routes";

/** `next build` failed; its own output, printed above, says why. */
export class NextBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NextBuildError";
  }
}

export interface RunningApp {
  close(): Promise<void>;
}

/** `next build` when there is no production build yet; `onChild` lets a signal stop it. */
export async function buildIfMissing(onChild: (child: ChildProcess) => void): Promise<boolean> {
  if (existsSync(path.join(".next", "BUILD_ID"))) return false;
  console.log("No production build in .next yet: running `next build` (once).");
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  // Inherits this process's environment, where start.ts has turned Next's telemetry off.
  const child = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  onChild(child);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode, signal) => resolve(signal ? null : exitCode));
  });
  if (code !== 0) throw new NextBuildError(`next build failed (${code === null ? "stopped by a signal" : `exit code ${code}`}).`);
  return true;
}

export interface ServeOptions {
  dev: boolean;
  host: string;
  port: number;
  /** PORTICO_TRUSTED_PROXIES, as validated by lib/env.ts. */
  trustedProxies: string | undefined;
  /** The process's pool: /readyz and the delivery gauges of /metrics read through it. */
  pool: Pool;
  /** PORTICO_METRICS_TOKEN. */
  metricsToken?: string;
}

/**
 * The configuration `next build` resolved, from .next/required-server-files.json, handed to
 * Next the way its own standalone server does. In production this is what runs, in the
 * repository (`npm start`) and in the container image, which has no next.config.ts
 * (Dockerfile, lib/runtime/build-standalone.mjs); it also spares loading next.config.ts at start.
 */
function builtConfig(): Record<string, unknown> | undefined {
  const file = path.join(".next", "required-server-files.json");
  if (!existsSync(file)) return undefined;
  const { config } = JSON.parse(readFileSync(file, "utf8")) as { config: Record<string, unknown> };
  provideEnv({ __NEXT_PRIVATE_STANDALONE_CONFIG: JSON.stringify(config) });
  return config;
}

export async function serveNext(options: ServeOptions): Promise<RunningApp> {
  const { default: next } = await import("next");
  const server = http.createServer();
  const conf = options.dev ? undefined : builtConfig();
  // httpServer: Next attaches its own upgrade handler (dev HMR websocket) to it.
  const app = next({ dev: options.dev, hostname: options.host, port: options.port, httpServer: server, ...(conf ? { conf } : {}) });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trust = parseTrustedProxies(options.trustedProxies);
  markFrontDoor();
  // Guest pages skip Next's router in production (lib/runtime/guest-routes.ts explains why).
  const guestRoutes = options.dev ? null : await (await import("./guest-routes")).loadGuestRoutes();

  server.on("request", frontDoor({ trust, guestRoutes, handle, pool: options.pool, metricsToken: options.metricsToken }));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  return {
    close: async () => {
      // No new connections; requests already being answered finish (a guest mid-consent gets
      // the success page). Idle keep-alive sockets are closed now and as each one falls idle,
      // or they would hold close() open until they time out; past the drain time the rest go.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), drainMs);
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(deadline);
      }
      await app.close();
    },
  };
}

/** How long a stopping server lets requests in flight finish (well inside a container's 30 s grace). */
const drainMs = 10_000;

export interface FrontDoorOptions {
  trust: ReturnType<typeof parseTrustedProxies>;
  /** Portico's own guest-page server (production), or null when Next serves them. */
  guestRoutes: GuestRoutes | null;
  /** Next's request handler: everything else. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  pool: Pool;
  metricsToken?: string;
}

/**
 * What happens to every request, in order: the operations endpoints (lib/ops/endpoints.ts),
 * ahead of anything that might refuse, queue or log a request; then a request id, the
 * latency histogram and the access log line; the client address (front-door.ts); HSTS over
 * TLS; the guest pages' fast path; Next.
 */
export function frontDoor(options: FrontDoorOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { trust, guestRoutes, handle } = options;
  const opsOptions = { pool: options.pool, metricsToken: options.metricsToken };
  const latency = metrics().httpDuration;

  return (req, res) => {
    const pathname = (req.url ?? "/").split("?", 1)[0]!;
    const ops = opsEndpoint(pathname);
    if (ops) {
      void serveOps(ops, req, res, opsOptions);
      return;
    }
    // One id per request: the caller's when well-formed, echoed back, on every log line.
    const requestId = requestIdFrom(req.headers[requestIdHeader]);
    req.headers[requestIdHeader] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    const route = routeGroup(pathname);
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      latency.observe({ route, method: req.method ?? "GET", status: `${Math.floor(res.statusCode / 100)}xx` }, seconds);
      // Next's files and venue images answered as expected are not worth a line each.
      if (route === "static" && res.statusCode < 400) return;
      // No query (gateway parameters, tokens), no client address, no user agent: see docs/ARCHITECTURE.md.
      logger.info({ reqId: requestId, method: req.method, route, path: loggablePath(pathname), status: res.statusCode, ms: Math.round(seconds * 1000) }, "request");
    });
    runWithRequestId(requestId, () => {
      // Who the client is gets decided here, once, before Next or the app reads any header.
      admitRequest(req, trust);
      // HSTS only where the browser reached us over TLS (directly, or a trusted proxy says so).
      if (isTlsRequest(req)) res.setHeader("Strict-Transport-Security", strictTransportSecurity);
      const guestRoute = guestRoutes?.match(req);
      if (guestRoute) {
        void guestRoutes!.serve(guestRoute, req, res);
        return;
      }
      handle(req, res).catch((error: unknown) => {
        // Next renders its own error pages; this only catches a failure of the handler itself.
        logger.error({ err: error }, "request handler failed");
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
  };
}
