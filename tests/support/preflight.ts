// `npm test` runs this first (tsx tests/support/preflight.ts): within seconds it either has
// the machine ready — a supported Node.js, Chromium for Playwright, the PostgreSQL server
// named by TEST_DATABASE_URL up and holding its database — or stops with what to do,
// instead of a suite failing minutes later. It installs Chromium with apt-get and starts a
// local PostgreSQL cluster when this user may (root or password-less sudo).
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

import { chromium } from "@playwright/test";
import pg from "pg";

import { requiredNodeRange, unsupportedNodeMessage } from "@/lib/runtime/node-version";
import { chromiumExecutable } from "@/e2e/support/run";

import { testServerUrl } from "./database";
import { commandExists, debianClusters, detectPrivilege, ensureAptTool, ensureChromium, ensurePostgres, systemShell, type ProbeResult, type StepResult } from "./machine-setup";

const log = (line: string) => console.log(`[preflight] ${line}`);

/** Connection errors that mean "no server there (yet)", as opposed to a server saying no. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOENT", "ETIMEDOUT", "EHOSTUNREACH", "57P03" /* the database system is starting up */]);

async function probe(url: URL): Promise<ProbeResult> {
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { state: "up" };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const reason = error instanceof Error && error.message ? error.message : code || String(error);
    if (code === "3D000") return { state: "no-database" };
    if (UNREACHABLE.has(code) || /timeout/i.test(reason)) return { state: "down", reason };
    return { state: "refused", reason };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** CREATE DATABASE for TEST_DATABASE_URL's database, through the server's `postgres` database. */
async function createDatabase(url: URL): Promise<void> {
  const name = decodeURIComponent(url.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function checkNode(): StepResult {
  const problem = unsupportedNodeMessage(process.versions.node, requiredNodeRange());
  return problem ? { ok: false, problem } : { ok: true, detail: process.versions.node };
}

async function checkPostgres(): Promise<StepResult> {
  let url: URL;
  try {
    url = testServerUrl();
  } catch (error) {
    return { ok: false, problem: `TEST_DATABASE_URL: ${(error as Error).message}` };
  }
  return ensurePostgres({ url, probe, clusters: debianClusters, createDatabase, shell: systemShell, privilege: detectPrivilege, sleep });
}

async function main(): Promise<number> {
  const node = checkNode();
  if (!node.ok) {
    console.error(`[preflight] ${node.problem}`);
    return 1;
  }
  const browser = ensureChromium({
    configured: process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined,
    find: chromiumExecutable,
    playwrightsOwn: ownPlaywrightChromium,
    shell: systemShell,
    privilege: detectPrivilege,
    hasAptGet: commandExists("apt-get"),
    exists: existsSync,
  });
  const postgres = await checkPostgres();
  // tests/network/radius.test.ts runs the real radiusd and radclient (docs/RADIUS.md).
  const freeradius = ensureAptTool({
    name: "FreeRADIUS",
    present: () => commandExists("freeradius") && commandExists("radclient") && existsSync("/usr/lib/freeradius/rlm_rest.so"),
    packages: ["freeradius", "freeradius-rest", "freeradius-utils"],
    shell: systemShell,
    privilege: detectPrivilege,
    hasAptGet: commandExists("apt-get"),
    help: "install Debian's freeradius, freeradius-rest and freeradius-utils (sudo apt-get install freeradius freeradius-rest freeradius-utils).",
  });
  // tests/saml and e2e/saml-sp.spec.ts sign in at a real SAML IdP: SimpleSAMLphp under php -S (docs/SAML-SP.md).
  const simplesamlphp = ensureAptTool({
    name: "SimpleSAMLphp",
    present: () => commandExists("php") && existsSync("/usr/share/simplesamlphp/www/saml2/idp/SSOService.php"),
    packages: ["simplesamlphp", "php-cli", "php-xml"],
    shell: systemShell,
    privilege: detectPrivilege,
    hasAptGet: commandExists("apt-get"),
    help: "install Debian's simplesamlphp, php-cli and php-xml (sudo apt-get install simplesamlphp php-cli php-xml).",
  });

  // e2e/standalone-server.spec.ts runs processes behind a real PgBouncer in transaction mode.
  const pgbouncer = ensureAptTool({
    name: "PgBouncer",
    present: () => existsSync("/usr/sbin/pgbouncer"),
    packages: ["pgbouncer"],
    shell: systemShell,
    privilege: detectPrivilege,
    hasAptGet: commandExists("apt-get"),
    help: "install Debian's pgbouncer (sudo apt-get install pgbouncer).",
  });

  const steps = [
    ["Node.js", node],
    ["Chromium", browser],
    ["PostgreSQL", postgres],
    ["FreeRADIUS", freeradius],
    ["PgBouncer", pgbouncer],
    ["SimpleSAMLphp", simplesamlphp],
  ] as const;
  for (const [name, result] of steps) if (result.ok) log(`${name}: ${result.detail}`);
  const problems = steps.filter(([, result]) => !result.ok);
  if (problems.length === 0) return 0;
  console.error("[preflight] The tests cannot run on this machine yet:");
  for (const [name, result] of problems) if (!result.ok) console.error(`  ${name}: ${result.problem}`);
  return 1;
}

function ownPlaywrightChromium(): string | undefined {
  const own = chromium.executablePath();
  return own && existsSync(own) ? own : undefined;
}

process.exitCode = await main();
