// The container image's server, outside Docker (no daemon here): lib/runtime/build-standalone.mjs
// assembles .next/standalone as the Dockerfile does, then the Dockerfile's CMD runs in it, on
// a database of its own, with the image's environment, beside `node dist/worker.mjs` as
// compose.yaml runs the worker, and a second app process on the same database (issue 15,
// part 2: two app processes and one worker). The second app process and the worker reach the
// database through a real PgBouncer in transaction mode, migrating over DIRECT_DATABASE_URL
// (the migrations' advisory lock is a session lock). Checks the operations endpoints, a guest
// page, a journey that starts on one app process and finishes on the other (through the
// pooler), the staff sign-in page in a browser under its nonce policy, and the JSON access log.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test } from "@playwright/test";
import pg from "pg";

import { freePort } from "@/bench/support/free-port";
import { createFreshDatabase, dropDatabase } from "@/tests/support/database";
import { startPgBouncer, type PgBouncer } from "@/tests/support/pgbouncer";

const root = path.resolve(import.meta.dirname, "..");
const appDir = path.join(root, ".next/standalone");

/** The Dockerfile's last CMD and its runtime stage's ENV, read from the file itself. */
function imageCommand(): { command: string[]; env: Record<string, string> } {
  const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
  const runtime = dockerfile.slice(dockerfile.lastIndexOf("FROM "));
  const cmd = [...runtime.matchAll(/^CMD (\[.*\])$/gm)].at(-1)![1]!;
  const env: Record<string, string> = {};
  const block = /^ENV ((?:.*\\\n)*.*)$/m.exec(runtime)![1]!.replace(/\\\n/g, " ");
  for (const [, key, value] of block.matchAll(/([A-Z_]+)=(\S+)/g)) env[key!] = value!;
  return { command: JSON.parse(cmd) as string[], env };
}

let databaseUrl: string;
let pgbouncer: PgBouncer;
let app: ChildProcess;
let secondApp: ChildProcess;
let worker: ChildProcess;
let base: string;
let secondBase: string;
let appOutput = "";
let secondOutput = "";
/** The second app process's environment, to start it again in the rolling restart. */
let secondEnv: Record<string, string>;

function start(command: string[], env: Record<string, string>, onOutput: (text: string) => void): ChildProcess {
  const child = spawn(command[0] === "node" ? process.execPath : command[0]!, command.slice(1), {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? "", HOME: "/tmp", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => onOutput(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => onOutput(chunk.toString()));
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const assembled = spawnSync(process.execPath, ["lib/runtime/build-standalone.mjs"], { cwd: root, encoding: "utf8" });
  expect(assembled.status, assembled.stderr).toBe(0);
  databaseUrl = await createFreshDatabase(`portico_standalone_${randomBytes(4).toString("hex")}`);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const image = imageCommand();
  const env = {
    ...image.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTICO_SECRET_KEY: randomBytes(32).toString("base64"),
    PORTICO_SEED_DEMO: "1",
  };
  app = start(image.command, env, (text) => (appOutput += text));
  await upAt(base, app, () => appOutput);
  // The second starts once the first has migrated and seeded (both would wait on the lock anyway).
  // It and the worker share 4 server connections through the pooler, which hands each
  // transaction (or lone statement) whichever connection is free.
  const direct = new URL(databaseUrl);
  pgbouncer = await startPgBouncer({ host: direct.hostname, port: Number(direct.port || 5432), user: decodeURIComponent(direct.username) || "postgres" }, 4);
  const pooled = { ...env, DATABASE_URL: pgbouncer.pooledUrl(databaseUrl), DIRECT_DATABASE_URL: databaseUrl };
  const secondPort = await freePort();
  secondBase = `http://127.0.0.1:${secondPort}`;
  secondEnv = { ...pooled, PORT: String(secondPort) };
  secondApp = start(image.command, secondEnv, (text) => (secondOutput += text));
  worker = start(["node", "dist/worker.mjs"], pooled, () => undefined);
  await upAt(secondBase, secondApp, () => secondOutput);
});

async function upAt(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await fetch(`${origin}/healthz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the standalone server did not come up:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test.afterAll(async () => {
  await stop(worker);
  await stop(secondApp);
  await stop(app);
  await pgbouncer?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

test("answers /healthz, and /readyz with the migrations applied and all three job-queue processes alive", async () => {
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  await expect
    .poll(async () => ((await (await fetch(`${base}/readyz`)).json()) as { checks: { jobQueue: { workersAlive?: number } } }).checks.jobQueue.workersAlive, { timeout: 30_000 })
    .toBe(3);
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: { ok: true }, migrations: { ok: true } } });
});

test("serves a guest page through Portico's own server, with its headers and a request id in the log", async () => {
  const page = await fetch(`${base}/p/demo?client_mac=aa:bb:cc:dd:ee:07&client_ip=10.9.8.7`, { headers: { "x-request-id": "standalone-check-1" } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Harbour Hotel");
  expect(page.headers.get("x-request-id")).toBe("standalone-check-1");
  expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  await expect.poll(() => appOutput.split("\n").find((line) => line.includes('"reqId":"standalone-check-1"')), { timeout: 5_000 }).toBeTruthy();
  const line = JSON.parse(appOutput.split("\n").find((each) => each.includes('"reqId":"standalone-check-1"'))!) as Record<string, unknown>;
  expect(line).toMatchObject({ msg: "request", route: "portal_splash", path: "/p/demo", status: 200 });
  // Neither the gateway's parameters (the device's MAC and address) nor the caller's address.
  expect(JSON.stringify(line)).not.toMatch(/aa:bb|10\.9\.8\.7|127\.0\.0\.1/);
  const favicon = await fetch(`${base}/favicon.ico`);
  expect(favicon.status).toBe(200);
  expect((await fetch(`${base}/robots.txt`).then((r) => r.text()))).toContain("Disallow: /admin");
});

test("a journey started on one app process finishes on the other", async () => {
  const gateway = "client_mac=aa:bb:cc:dd:ee:08&client_ip=10.9.8.8&ap_mac=00:11:22:33:44:55";
  expect((await fetch(`${base}/p/demo?${gateway}`)).status).toBe(200);
  const login = await fetch(`${base}/p/demo/login`, {
    method: "POST",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ method: "email", email: `two.processes.${randomBytes(4).toString("hex")}@example.com`, gateway }),
  });
  const consentPage = await login.text();
  expect(login.status).toBe(200);
  const token = /name="j" value="([A-Za-z0-9_-]+)"/.exec(consentPage)![1]!;
  const consent = new URLSearchParams({ j: token, termsAccepted: "yes", lang: "en" });
  for (const [, id] of consentPage.matchAll(/name="shown" value="([0-9a-f-]{36})"/g)) consent.append("shown", id!);
  const success = await fetch(`${secondBase}/p/demo/consent`, { method: "POST", headers: { origin: secondBase, "content-type": "application/x-www-form-urlencoded" }, body: consent });
  expect(success.status).toBe(200);
  expect(await success.text()).toContain(`data-location="/p/demo/success?j=${token}"`);
  const steps = async (origin: string, step: string) => sampled(await (await fetch(`${origin}/metrics`)).text(), step);
  // Each process counts what it did: the login on the first, the consent on the second.
  expect(await steps(base, "login")).toBeGreaterThanOrEqual(1);
  expect(await steps(secondBase, "consent")).toBe(1);
  expect(await steps(secondBase, "login")).toBe(0);
  // The second process really went through the pooler.
  expect(pgbouncer.output()).toMatch(new RegExp(`login attempt: db=${new URL(databaseUrl).pathname.slice(1)} user=`));
});

function sampled(text: string, step: string): number {
  const line = text.split("\n").find((each) => each.startsWith(`portico_journey_steps_total{step="${step}"}`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

test("the staff sign-in page runs under its nonce policy without a violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(`${base}/admin/sign-in`);
  const policy = response!.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  // Next put this request's nonce on its scripts, and hydrated the page with them.
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => Boolean((window as unknown as { next?: unknown }).next))).toBe(true);
  expect(violations).toEqual([]);
});

test("exposes Prometheus metrics, the delivery gauges among them", async () => {
  const text = await (await fetch(`${base}/metrics`)).text();
  expect(text).toContain("portico_journey_steps_total");
  expect(text).toMatch(/^portico_metrics_database_error 0$/m);
  expect(text).toContain('portico_http_request_duration_seconds_bucket{le="0.005",route="portal_splash"');
});

test("a rolling restart loses nothing: a stopping process answers what it took, and its journeys finish on the new one", async () => {
  test.setTimeout(120_000);
  const gateway = "client_mac=aa:bb:cc:dd:ee:09&client_ip=10.9.8.9";
  const emails = Array.from({ length: 40 }, (_, i) => `rolling.${i}.${randomBytes(3).toString("hex")}@example.com`);
  const login = (email: string) =>
    fetch(`${secondBase}/p/demo/login`, {
      method: "POST",
      headers: { origin: secondBase, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ method: "email", email, gateway }),
    }).then(
      async (response) => ({ email, status: response.status, body: await response.text() }),
      () => ({ email, status: 0, body: "" }),
    );
  // The logins go out together; the process is told to stop while they are being answered.
  const answers = Promise.all(emails.map(login));
  await new Promise((resolve) => setTimeout(resolve, 30));
  const exited = new Promise<number | null>((resolve) => secondApp.once("exit", resolve));
  secondApp.kill("SIGTERM");
  const results = await answers;
  expect(await exited).toBe(0);

  // Every answer is whole: a consent page, or no connection at all (refused once it stopped
  // listening) — never an error page or a cut-off response.
  const answered = results.filter((r) => r.status !== 0);
  for (const r of answered) {
    expect(r.status, r.body.slice(0, 200)).toBe(200);
    expect(r.body).toContain("</html>");
  }
  expect(answered.length).toBeGreaterThan(0);
  test.info().annotations.push({ type: "answered before stopping", description: `${answered.length} of ${results.length}` });

  // The new process comes up on the same port and carries on the journeys the old one opened.
  secondOutput = "";
  secondApp = start(imageCommand().command, secondEnv, (text) => (secondOutput += text));
  await upAt(secondBase, secondApp, () => secondOutput);
  for (const r of answered) {
    const token = /name="j" value="([A-Za-z0-9_-]+)"/.exec(r.body)![1]!;
    const consent = new URLSearchParams({ j: token, termsAccepted: "yes", lang: "en" });
    for (const [, id] of r.body.matchAll(/name="shown" value="([0-9a-f-]{36})"/g)) consent.append("shown", id!);
    const success = await fetch(`${secondBase}/p/demo/consent`, { method: "POST", headers: { origin: secondBase, "content-type": "application/x-www-form-urlencoded" }, body: consent });
    expect(success.status).toBe(200);
  }
  // Nothing half-done: exactly the logins that were answered opened a journey, and each is now a guest.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ email: string }>("SELECT email FROM guest WHERE email = ANY($1)", [emails]);
    expect(rows.map((row) => row.email).sort()).toEqual(answered.map((r) => r.email).sort());
    const journeys = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM journey WHERE identity->>'email' = ANY($1) OR guest_id IN (SELECT id FROM guest WHERE email = ANY($1))", [emails]);
    expect(journeys.rows[0]!.count).toBe(answered.length);
  } finally {
    await db.end();
  }
});
