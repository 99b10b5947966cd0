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

function runDatabaseUrl(): string {
  const { stateFile } = e2eRun();
  let state: { databaseUrl?: string };
  try {
    state = JSON.parse(readFileSync(stateFile, "utf8")) as { databaseUrl?: string };
  } catch {
    throw new Error(`No ${stateFile}: the e2e web server (e2e/support/serve.ts) did not prepare a database.`);
  }
  if (!state.databaseUrl) throw new Error(`${stateFile} names no database`);
  assertLocal(new URL(state.databaseUrl));
  return state.databaseUrl;
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
