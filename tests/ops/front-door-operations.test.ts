// The operations side of Portico's front door (lib/runtime/next-app.ts frontDoor), on real
// PostgreSQL with the real guest pages: /healthz, /readyz in each of its states, /metrics after
// a guest journey, request ids and the security headers. Next itself is not started here (a
// handler that answers 404 stands in for it); tests/ops/standalone-server.test.ts runs the whole
// production server as the container image does.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

import type { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPool } from "@/lib/db/client";
import { parseTrustedProxies } from "@/lib/http/client-address";
import { startHeartbeat, type Heartbeat } from "@/lib/ops/heartbeat";
import { loadGuestRoutes } from "@/lib/runtime/guest-routes";
import { frontDoor } from "@/lib/runtime/next-app";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { createConnector } from "@/tests/support/delivery-fixture";
import { UNREACHABLE_DATABASE } from "@/tests/support/start-process";
import { createVenueFixture } from "@/tests/support/venue-fixture";

const metricsToken = "a-metrics-token-for-tests";

let database: TestDatabase;
let pool: Pool;
let deadPool: Pool;
let venueSlug: string;
let connectorId: string;
const servers: http.Server[] = [];

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Next's part of the front door, for paths that are not guest pages or operations. */
const notNext = async (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.statusCode = 404;
  res.end("not next");
};

let base: string;
let behindProxy: string;
let deadBase: string;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, 4);
  // What lib/db.ts, and so the guest pages, take their connections from (as under `npm start`).
  (globalThis as { porticoPool?: Pool }).porticoPool = pool;
  deadPool = createPool(UNREACHABLE_DATABASE, 1);
  const venue = await createVenueFixture(database.prisma, { locales: ["en"] });
  venueSlug = venue.venue.slug;
  connectorId = (await createConnector(database.prisma, { venueId: venue.venue.id, purposeKey: "marketing", kind: "webhook" })).id;
  const guestRoutes = await loadGuestRoutes();
  base = await listen(frontDoor({ trust: parseTrustedProxies(undefined), guestRoutes, handle: notNext, pool, metricsToken }));
  behindProxy = await listen(frontDoor({ trust: parseTrustedProxies("loopback"), guestRoutes, handle: notNext, pool, metricsToken }));
  deadBase = await listen(frontDoor({ trust: parseTrustedProxies(undefined), guestRoutes, handle: notNext, pool: deadPool }));
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await pool?.end();
  await deadPool?.end();
  await database?.drop();
});

async function readyz(origin = base) {
  const response = await fetch(`${origin}/readyz`);
  return { status: response.status, cacheControl: response.headers.get("cache-control"), body: (await response.json()) as { status: string; checks: Record<string, { ok: boolean } & Record<string, unknown>> } };
}

describe("/healthz", () => {
  it("answers 200 JSON without the database", async () => {
    const response = await fetch(`${deadBase}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });
});

describe("/readyz", () => {
  let heartbeat: Heartbeat | undefined;
  afterAll(async () => heartbeat?.stop());

  it("is 503 with the database unreachable, quickly", async () => {
    const started = Date.now();
    const { status, body, cacheControl } = await readyz(deadBase);
    expect(status).toBe(503);
    expect(cacheControl).toBe("no-store");
    expect(body.checks.database!.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("is 503 while no process works the job queue, 200 once one beats", async () => {
    const before = await readyz();
    expect(before.status).toBe(503);
    expect(before.body.checks).toMatchObject({ database: { ok: true }, migrations: { ok: true }, jobQueue: { ok: false, workersAlive: 0 } });

    heartbeat = await startHeartbeat(pool, "worker", 200);
    const after = await readyz();
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: "ready", checks: { jobQueue: { ok: true, workersAlive: 1 } } });
  });

  it("is 503 when the worker's heartbeat is stale", async () => {
    await heartbeat!.stop();
    heartbeat = undefined;
    await pool.query(`INSERT INTO worker_heartbeat (id, role, started_at, beat_at) VALUES ('gone:1:x', 'worker', now() - interval '1 hour', now() - interval '5 minutes')`);
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body.checks.jobQueue).toMatchObject({ ok: false, workersAlive: 0 });
    expect(body.checks.jobQueue!.lastBeatSecondsAgo).toBeGreaterThanOrEqual(299);
    heartbeat = await startHeartbeat(pool, "worker", 200);
    expect((await readyz()).status).toBe(200);
  });

  it("is 503 and names a migration this release ships that the database lacks", async () => {
    const { rows } = await pool.query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`);
    const newest = rows[0]!.migration_name;
    await pool.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [newest]);
    try {
      const { status, body } = await readyz();
      expect(status).toBe(503);
      expect(body.checks.migrations).toEqual({ ok: false, missing: [newest] });
    } finally {
      await pool.query(`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = $1`, [newest]);
    }
    expect((await readyz()).status).toBe(200);
  });
});

/** A guest's journey through the front door: splash, email, consent with marketing ticked. */
async function journey(origin: string): Promise<{ splash: Response; splashHtml: string; success: Response }> {
  const gateway = "client_mac=aa:bb:cc:dd:ee:42&client_ip=10.1.2.3&ap_mac=00:11:22:33:44:55";
  const splash = await fetch(`${origin}/p/${venueSlug}?${gateway}`);
  const splashHtml = await splash.text();
  const form = { origin, "content-type": "application/x-www-form-urlencoded" };
  const login = await fetch(`${origin}/p/${venueSlug}/login`, { method: "POST", headers: form, body: new URLSearchParams({ method: "email", email: "metrics.guest@example.com", gateway }) });
  const consentPage = await login.text();
  expect(login.status).toBe(200);
  const token = /name="j" value="([A-Za-z0-9_-]+)"/.exec(consentPage)![1]!;
  const consent = new URLSearchParams({ j: token, termsAccepted: "yes", lang: "en" });
  for (const [, id] of consentPage.matchAll(/name="shown" value="([0-9a-f-]{36})"/g)) consent.append("shown", id!);
  for (const [, id] of consentPage.matchAll(/name="granted" value="([0-9a-f-]{36})"/g)) consent.append("granted", id!);
  const success = await fetch(`${origin}/p/${venueSlug}/consent`, { method: "POST", headers: form, body: consent });
  expect(success.status).toBe(200);
  return { splash, splashHtml, success };
}

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.indexOf("}"));
    if (wanted.every((pair) => inside.split(",").includes(pair))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("a journey, as /metrics and the headers show it", () => {
  let metricsText: string;
  let walked: Awaited<ReturnType<typeof journey>>;

  beforeAll(async () => {
    walked = await journey(base);
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    metricsText = await response.text();
  });

  it("counts the journey's steps, its consents by purpose and decision, its grant and the requests by route", () => {
    for (const step of ["splash", "login", "consent"]) expect(sample(metricsText, "portico_journey_steps_total", { step })).toBe(1);
    expect(sample(metricsText, "portico_consents_total", { purpose: "terms", decision: "granted" })).toBe(1);
    expect(sample(metricsText, "portico_consents_total", { purpose: "marketing", decision: "granted" })).toBe(1);
    // The venue has no gateway: access is granted by Portico alone.
    expect(sample(metricsText, "portico_grants_total", { gateway_kind: "none", outcome: "granted" })).toBe(1);
    expect(sample(metricsText, "portico_http_request_duration_seconds_count", { route: "portal_login", method: "POST", status: "2xx" })).toBe(1);
    expect(sample(metricsText, "portico_http_request_duration_seconds_count", { route: "portal_splash", method: "GET", status: "2xx" })).toBe(1);
    expect(metricsText).toContain("process_cpu_user_seconds_total");
  });

  it("reads the delivery queue from the database: the consented record waits for its connector", () => {
    const labels = { connector_id: connectorId, kind: "webhook" };
    expect(sample(metricsText, "portico_delivery_pending", labels)).toBe(1);
    expect(sample(metricsText, "portico_delivery_oldest_pending_age_seconds", labels)).toBeGreaterThanOrEqual(0);
    expect(sample(metricsText, "portico_delivery_failed", labels)).toBe(0);
    expect(sample(metricsText, "portico_metrics_database_error", {})).toBeUndefined();
    expect(metricsText).toMatch(/^portico_metrics_database_error 0$/m);
  });

  it("asks for the bearer token when one is configured", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong-token-of-some-length" } })).status).toBe(401);
  });

  it("gives guest pages a policy that allows exactly their inline script, by its hash", () => {
    const policy = walked.splash.headers.get("content-security-policy")!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(walked.splashHtml)?.[1];
    expect(script).toBeTruthy();
    const hash = createHash("sha256").update(script!, "utf8").digest("base64");
    expect(policy).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-eval");
    for (const response of [walked.splash, walked.success]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
  });
});

describe("request ids", () => {
  it("echoes a well-formed X-Request-Id and replaces anything else with a new UUID", async () => {
    const kept = await fetch(`${base}/p/${venueSlug}`, { headers: { "x-request-id": "lb-7f3a9c.0001" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a9c.0001");
    for (const bad of ["has spaces", "<script>", "x".repeat(200)]) {
      const replaced = await fetch(`${base}/p/${venueSlug}`, { headers: { "x-request-id": bad } });
      expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const fresh = await fetch(`${base}/somewhere-next-serves`);
    expect(fresh.status).toBe(404);
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("HSTS", () => {
  it("is sent when a trusted proxy says the browser came over TLS, and not on an untrusted peer's word", async () => {
    const trusted = await fetch(`${behindProxy}/p/${venueSlug}`, { headers: { "x-forwarded-proto": "https" } });
    expect(trusted.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const untrusted = await fetch(`${base}/p/${venueSlug}`, { headers: { "x-forwarded-proto": "https" } });
    expect(untrusted.headers.get("strict-transport-security")).toBeNull();
    const plain = await fetch(`${behindProxy}/p/${venueSlug}`, { headers: { "x-forwarded-proto": "http" } });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });
});
