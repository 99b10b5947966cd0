// Serves the production build on a brand-new database holding only the demo venue: the
// web server Playwright starts (playwright.config.ts) and the one the page-weight benchmark
// measures. Builds first when there is no build (PORTICO_E2E_BUILD=1 forces a rebuild).
// On SIGTERM/SIGINT it stops the app, then drops the database it created.
//
//   tsx e2e/support/serve.ts      (port and names from e2e/support/run.ts)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { createPrismaClient } from "@/lib/db/client";
import { seedDemoVenue } from "@/lib/demo";
import { createFreshDatabase, dropDatabase } from "@/tests/support/database";

import { ssoClient, ssoName, startTestIdentityProvider, type TestIdentityProvider } from "./identity-provider";
import { e2eRun } from "./run";

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const tsxBin = path.resolve("node_modules/.bin/tsx");
const run = e2eRun();
/** This run's BI export folder (PORTICO_EXPORT_DIR), removed with its database. */
const exportDir = path.join(tmpdir(), `portico-e2e-exports-${run.id}`);
/** This run's PORTICO_SECRET_KEY. */
const secretKey = randomBytes(32).toString("base64url");
const log = (line: string) => console.log(`[serve] ${line}`);

let databaseUrl: string | undefined;
let app: ChildProcess | undefined;
let identityProvider: TestIdentityProvider | undefined;
let stopping: Promise<void> | undefined;

function buildIfNeeded(): void {
  if (existsSync(".next/BUILD_ID") && process.env.PORTICO_E2E_BUILD !== "1") return;
  log("building the app (next build)");
  const built = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) throw new Error(`next build failed (exit ${built.status ?? built.signal})`);
}

async function prepareDatabase(): Promise<string> {
  const url = await createFreshDatabase(run.databaseName);
  databaseUrl = url;
  const prisma = createPrismaClient(url, 1);
  try {
    await seedDemoVenue(prisma);
  } finally {
    await prisma.$disconnect();
  }
  await writeFile(run.stateFile, JSON.stringify({ databaseUrl: url, baseURL: run.baseURL, secretKey }));
  log(`database ${run.databaseName} migrated and seeded`);
  return url;
}

/**
 * Portico's own runtime (what `npm start` runs): its front door resolves client addresses
 * and its job queue runs in the same process, exactly as in production.
 */
function startApp(url: string, sso: TestIdentityProvider): ChildProcess {
  const child = spawn(tsxBin, ["lib/runtime/start.ts"], {
    stdio: "inherit",
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(run.port),
      DATABASE_URL: url,
      // Tests run one at a time; a small pool also catches leaked connections early.
      DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? "4",
      // Staff sessions: a throwaway secret per run, and the origin next-auth redirects to.
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: run.baseURL,
      // Connector and gateway credentials are sealed with it; required in production on this
      // database. Specs that store credentials themselves read it from the state file.
      PORTICO_SECRET_KEY: secretKey,
      PORTICO_EXPORT_DIR: exportDir,
      // Guest emails ("Manage my data") go to the SMTP server e2e/self-service.spec.ts starts on
      // this port; in other specs nothing listens there and the mail job retries in vain.
      PORTICO_SMTP_URL: `smtp://127.0.0.1:${run.smtpPort}`,
      PORTICO_MAIL_FROM: "Portico e2e <wifi@portico.invalid>",
      // Staff single sign-on against the local identity provider (e2e/admin/sso.spec.ts).
      STAFF_OIDC_ISSUER: sso.issuer,
      STAFF_OIDC_CLIENT_ID: ssoClient.id,
      STAFF_OIDC_CLIENT_SECRET: ssoClient.secret,
      STAFF_OIDC_NAME: ssoName,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
  });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    log(`the app exited on its own (${signal ?? `exit ${code}`})`);
    void stop(1);
  });
  log(`app starting on ${run.baseURL}`);
  return child;
}

async function stop(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app!.once("exit", resolve));
      app.kill("SIGTERM");
      const timer = setTimeout(() => app?.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await identityProvider?.close();
    await rm(run.stateFile, { force: true });
    await rm(exportDir, { recursive: true, force: true });
    if (databaseUrl) {
      await dropDatabase(databaseUrl).then(
        () => log(`dropped ${run.databaseName}`),
        (error: unknown) => console.error(`[serve] could not drop ${run.databaseName}:`, error),
      );
    }
  })();
  await stopping;
  process.exit(exitCode);
}

process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));

try {
  buildIfNeeded();
  const url = await prepareDatabase();
  identityProvider = await startTestIdentityProvider(`${run.baseURL}/api/auth/callback/oidc`);
  log(`identity provider on ${identityProvider.issuer}`);
  app = startApp(url, identityProvider);
} catch (error) {
  console.error("[serve] could not start:", error);
  await stop(1);
}
