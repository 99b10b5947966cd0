// Fixtures every journey spec shares: a Prisma client on this run's database (tests assert
// on what was stored, never on a mock), unique guest emails, and page screenshots kept as
// artifacts under test-results/.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

import { test as base, type Page } from "@playwright/test";

import { createPrismaClient, type Db } from "@/lib/db/client";
import { assertLocal } from "@/tests/support/database";

import { e2eRun } from "./run";

export { expect } from "@playwright/test";

interface TestFixtures {
  /** A fresh address for this test; `label` keeps it readable in the database. */
  uniqueEmail: (label: string) => string;
  /** Saves a full-page screenshot as test-results/<test>/NN-<name>.png and attaches it to the report. */
  snap: (page: Page, name: string) => Promise<void>;
}

interface WorkerFixtures {
  db: Db;
}

interface RunState {
  databaseUrl?: string;
  /** The app's PORTICO_SECRET_KEY, for specs that store credentials as the staff area would. */
  secretKey?: string;
}

function runState(): RunState {
  const { stateFile } = e2eRun();
  try {
    return JSON.parse(readFileSync(stateFile, "utf8")) as RunState;
  } catch {
    throw new Error(`No ${stateFile}: the e2e web server (e2e/support/serve.ts) did not prepare a database.`);
  }
}

function runDatabaseUrl(): string {
  const state = runState();
  if (!state.databaseUrl) throw new Error(`${e2eRun().stateFile} names no database`);
  assertLocal(new URL(state.databaseUrl));
  return state.databaseUrl;
}

/** This run's PORTICO_SECRET_KEY, as the app reads it. */
export function runSecretKey(): Buffer {
  const key = runState().secretKey;
  if (!key) throw new Error(`${e2eRun().stateFile} names no secret key`);
  return Buffer.from(key, "base64url");
}

// Fixture bodies call their callback `provide`, not `use`, so React's hook lint rule leaves them be.
export const test = base.extend<TestFixtures, WorkerFixtures>({
  db: [
    async ({}, provide) => {
      const db = createPrismaClient(runDatabaseUrl(), 2);
      await provide(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],

  uniqueEmail: async ({}, provide) => {
    await provide((label) => `${label}.${Date.now().toString(36)}${randomBytes(3).toString("hex")}@example.com`);
  },

  snap: async ({}, provide, testInfo) => {
    let count = 0;
    await provide(async (page, name) => {
      count += 1;
      const file = testInfo.outputPath(`${String(count).padStart(2, "0")}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(name, { path: file, contentType: "image/png" });
    });
  },
});
