// `npm start` and `npm run dev` (with --dev): one command from checkout to a working portal.
// Without DATABASE_URL it starts the embedded PostgreSQL (PGlite) in PORTICO_DATA_DIR, then
// migrates, seeds the demo venue into an empty embedded database, builds Next if needed and
// serves it in this process.
//
// The embedded database takes one client session at a time (see embedded-postgres.ts): the
// migrations close their connection before the process's one pool opens, and everything
// after (seed, job queue, Next's Prisma client) shares that pool, one connection when embedded.
import type { ChildProcess } from "node:child_process";

import { loadEnv, provideEnv, readStartEnv, type StartEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import type { EmbeddedPostgres } from "./embedded-postgres";
import { assertSupportedNode } from "./node-version";

const dev = process.argv.includes("--dev");

/** Run newest first on SIGINT/SIGTERM, or when start-up fails. */
const closers: Array<{ name: string; close: () => Promise<void> }> = [];
let stopping: Promise<never> | undefined;

/** Closes everything once, however many signals and failures ask for it. */
function stop(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    for (const { name, close } of closers.splice(0).reverse()) {
      await close().catch((error: unknown) => {
        console.error(`Could not stop ${name} cleanly:`, error);
        exitCode = 1;
      });
    }
    process.exit(exitCode);
  })();
  return stopping;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) {
      console.error(`\n${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    console.log(`\n${signal}: stopping Portico.`);
    void stop(0);
  });
}

/**
 * Without DATABASE_URL, the embedded database. Its address is handed to the app through the
 * environment: Next's bundled copy of lib/env.ts parses it when the app first reads it.
 */
async function provideDatabase(startEnv: StartEnv): Promise<EmbeddedPostgres | undefined> {
  if (startEnv.DATABASE_URL) return undefined;
  const { startEmbeddedPostgres } = await import("./embedded-postgres");
  const embedded = await startEmbeddedPostgres({ dataDir: startEnv.PORTICO_DATA_DIR });
  closers.push({ name: "the embedded database", close: embedded.stop });
  provideEnv({ DATABASE_URL: embedded.connectionString, DATABASE_POOL_MAX: "1" });
  return embedded;
}

/**
 * Staff sessions are signed with NEXTAUTH_SECRET. A newcomer has none, so one is created
 * once and kept beside the embedded data (.portico/auth-secret, readable by this user only);
 * deployments set their own. NEXTAUTH_URL defaults to this machine for a local trial only:
 * lib/env.ts refuses a production start on an external database without it.
 */
async function provideAuthConfig(startEnv: StartEnv): Promise<{ nextAuthUrl: string; defaulted: boolean }> {
  if (!startEnv.NEXTAUTH_SECRET) {
    const { randomBytes } = await import("node:crypto");
    const { mkdir, readFile, writeFile } = await import("node:fs/promises");
    const file = ".portico/auth-secret";
    let secret = await readFile(file, "utf8").catch(() => "");
    if (secret.trim().length < 32) {
      secret = randomBytes(32).toString("base64url");
      await mkdir(".portico", { recursive: true });
      await writeFile(file, secret, { mode: 0o600 });
    }
    provideEnv({ NEXTAUTH_SECRET: secret.trim() });
  }
  if (startEnv.NEXTAUTH_URL) return { nextAuthUrl: startEnv.NEXTAUTH_URL, defaulted: false };
  const nextAuthUrl = `http://localhost:${startEnv.PORT}`;
  provideEnv({ NEXTAUTH_URL: nextAuthUrl });
  return { nextAuthUrl, defaulted: true };
}

/**
 * Connector credentials are sealed with PORTICO_SECRET_KEY (lib/crypto). As with the session
 * secret, a newcomer's is created once into .portico/secret-key (this user only); lib/env.ts
 * refuses a production start on an external database without one. Unlike the session secret,
 * an existing file is never replaced: what the key sealed cannot be opened without it.
 */
async function provideSecretKey(startEnv: StartEnv): Promise<void> {
  if (startEnv.PORTICO_SECRET_KEY) return;
  const { randomBytes } = await import("node:crypto");
  const { mkdir, readFile, writeFile } = await import("node:fs/promises");
  const file = ".portico/secret-key";
  const existing = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  let key = existing?.trim() ?? "";
  if (!key) {
    key = randomBytes(32).toString("base64url");
    await mkdir(".portico", { recursive: true });
    // "wx" where there was no file: of two starts at once, one fails rather than both keeping a key.
    await writeFile(file, key, { mode: 0o600, flag: existing === null ? "wx" : "w" });
  }
  // lib/env.ts checks its form with the rest of the configuration, just below.
  provideEnv({ PORTICO_SECRET_KEY: key });
}

/** Where the data lives, for the start-up banner; never the password. */
function describeDatabase(url: string, embedded: EmbeddedPostgres | undefined): string {
  if (embedded) return `embedded PostgreSQL (PGlite), data in ${embedded.dataDir}`;
  const parsed = new URL(url);
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
  return `PostgreSQL ${user}${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

/** Seeds the demo venue into an empty database; returns the slug the portal banner shows. */
async function prepareData(prisma: PrismaClient, seedDemo: boolean): Promise<string | undefined> {
  if (seedDemo && (await prisma.venue.count()) === 0) {
    const { seedDemoVenue } = await import("@/lib/demo");
    await seedDemoVenue(prisma);
    console.log("Seeded the demo venue (Harbour Hotel).");
  }
  const first = await prisma.venue.findFirst({ orderBy: { createdAt: "asc" }, select: { slug: true } });
  return first?.slug;
}

function browsableHost(host: string): string {
  return ["0.0.0.0", "::", "127.0.0.1", "::1"].includes(host) ? "localhost" : host;
}

async function main(): Promise<void> {
  // First, before anything that might fail for want of a newer Node.js.
  assertSupportedNode();
  const startEnv = readStartEnv({ dev });
  // React and Next choose development or production code from NODE_ENV when first loaded.
  // Telemetry off: a privacy product does not report its use, nor does the build it runs.
  provideEnv({ NODE_ENV: startEnv.NODE_ENV, NEXT_TELEMETRY_DISABLED: "1" });

  const embedded = await provideDatabase(startEnv);
  const auth = await provideAuthConfig(startEnv);
  await provideSecretKey(startEnv);
  // The app's configuration, complete now: a bad value stops the start, not the first request.
  const env = loadEnv();
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL should have been set by now.");

  const { applyMigrations } = await import("@/lib/db/migrate");
  // Over a direct connection when DATABASE_URL is a transaction-mode pooler (the lock is a session lock).
  const migrations = await applyMigrations({ connectionString: env.DIRECT_DATABASE_URL ?? databaseUrl, log: (line) => console.log(line) });
  console.log(
    migrations.applied.length > 0
      ? `Applied ${migrations.applied.length} migration(s): ${migrations.applied.join(", ")}.`
      : `Database schema is up to date (${migrations.alreadyApplied.length} migration(s)).`,
  );

  // One pool for the whole process: Next's Prisma client (lib/db.ts picks it up from
  // globalThis), the seed and the job queue all take their connections from it. On the
  // embedded database, which serves one session at a time, it holds exactly one.
  const { createPool, createPrismaClient } = await import("@/lib/db/client");
  const pool = createPool(databaseUrl, embedded ? 1 : (env.DATABASE_POOL_MAX ?? 10));
  (globalThis as { porticoPool?: typeof pool }).porticoPool = pool;
  closers.push({ name: "the database connections", close: () => pool.end() });
  const prisma = createPrismaClient(pool);

  const venueSlug = await prepareData(prisma, embedded !== undefined || startEnv.PORTICO_SEED_DEMO);
  let firstAdmin: { email: string; password: string } | null = null;
  if (embedded) {
    const { ensureFirstAdmin } = await import("./first-admin");
    firstAdmin = await ensureFirstAdmin(prisma);
  }

  if (!dev) {
    const { buildIfMissing } = await import("./next-app");
    let build: ChildProcess | undefined;
    closers.push({ name: "next build", close: async () => void build?.kill("SIGTERM") });
    await buildIfMissing((child) => (build = child));
    closers.pop();
  }

  // Background jobs (deliveries to connectors, purging abandoned journeys) run in this process
  // by default; `npm run worker` adds more processes on an external database.
  const { registerServerModules } = await import("./register-server-modules");
  registerServerModules();
  const { startJobRunner } = await import("@/lib/jobs/job-runner");
  const { connectorSecretStore } = await import("@/lib/delivery/secret-store");
  const { mailSettingsFromEnv } = await import("@/lib/mail");
  const jobs = await startJobRunner({ db: prisma, pool, delivery: { secrets: connectorSecretStore() }, mail: { settings: mailSettingsFromEnv() } });
  closers.push({ name: "the job queue", close: jobs.stop });

  const { serveNext } = await import("./next-app");
  const app = await serveNext({ dev, host: env.HOST, port: env.PORT, trustedProxies: env.PORTICO_TRUSTED_PROXIES, pool, metricsToken: env.PORTICO_METRICS_TOKEN });
  closers.push({ name: "the web server", close: app.close });

  const origin = `http://${browsableHost(env.HOST)}:${env.PORT}`;
  console.log(
    [
      "",
      `Portico is running (${dev ? "development" : "production"}).`,
      venueSlug
        ? `  Portal:   ${origin}/p/${venueSlug}`
        : `  Portal:   no venue yet. Seed the demo with PORTICO_SEED_DEMO=1 (or npm run db:seed), then open ${origin}/p/demo`,
      `  Staff:    ${origin}/admin`,
      ...(auth.defaulted
        ? [`            NEXTAUTH_URL is not set: sign-in links point at ${auth.nextAuthUrl}. Set it to the public address before staff use another machine.`]
        : []),
      ...(firstAdmin
        ? [`            first admin ${firstAdmin.email}, password ${firstAdmin.password} (shown once: change it under "Your account")`]
        : []),
      `  Database: ${describeDatabase(databaseUrl, embedded)}`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

/** Refusals whose message says what to do; anything else may need its stack to be understood. */
function explainsItself(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  return ["EnvError", "UnsupportedNodeError", "MigrationError", "DataDirInUseError", "NextBuildError"].includes(error.name) || (error as NodeJS.ErrnoException).code === "EADDRINUSE";
}

main().catch(async (error: unknown) => {
  // A step interrupted by Ctrl+C fails as a matter of course; the shutdown is already under way.
  if (stopping) return;
  if (explainsItself(error)) {
    console.error(`Portico did not start: ${error.message}`);
  } else {
    console.error("Portico did not start:", error);
  }
  await stop(1);
});
