// Throwaway PostgreSQL databases for integration tests and Playwright: each caller gets a
// brand-new database on the local server named by TEST_DATABASE_URL, migrated with the
// same code production uses. Never points anywhere but this machine.
import { randomBytes } from "node:crypto";

import pg from "pg";

import { createPrismaClient, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/test";
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
/** Only databases with this prefix are ever created or dropped here. */
const NAME_PREFIX = "portico_";

export type TestDatabase = { url: string; prisma: Db; drop(): Promise<void> };

/** The server to create databases on; refuses anything that is not this machine. */
export function testServerUrl(): URL {
  const url = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL);
  assertLocal(url);
  return url;
}

/** Throws unless the URL points at this machine: a TCP loopback host or a unix socket. */
export function assertLocal(url: URL): void {
  // pg reads ?host= over the URL's host; an empty host means a socket or PGHOST.
  const host = decodeURIComponent(url.searchParams.get("host") ?? url.hostname) || process.env.PGHOST || "localhost";
  if (!LOCAL_HOSTS.has(host) && !host.startsWith("/")) {
    throw new Error(`Refusing to create or drop test databases on "${host}": only localhost or a unix socket.`);
  }
}

/** A new, migrated database; `name` (prefixed portico_) replaces an existing one of that name. */
export async function createFreshDatabase(name?: string): Promise<string> {
  const url = await createEmptyDatabase(name);
  await applyMigrations({ connectionString: url });
  return url;
}

/** A new database with nothing in it, for tests of the migrations themselves. */
export async function createEmptyDatabase(name = `${NAME_PREFIX}test_${randomBytes(6).toString("hex")}`): Promise<string> {
  assertOurs(name);
  await withServer(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  const url = testServerUrl();
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  assertLocal(url);
  const name = decodeURIComponent(url.pathname.slice(1));
  assertOurs(name);
  await withServer((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A fresh migrated database and a Prisma client on it; `drop()` disconnects and removes both. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = await createFreshDatabase();
  const prisma = createPrismaClient(url, 2);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await dropDatabase(url);
    },
  };
}

function assertOurs(name: string): void {
  // Also keeps the name a plain identifier, so quoting it in DDL is safe.
  if (!new RegExp(`^${NAME_PREFIX}[a-z0-9_]{1,54}$`).test(name)) {
    throw new Error(`Refusing to touch database "${name}": test databases are named ${NAME_PREFIX}<a-z0-9_>.`);
  }
}

async function withServer<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: testServerUrl().toString() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
