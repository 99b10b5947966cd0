// applyMigrations against real PostgreSQL: the bookkeeping must be exactly what
// `prisma migrate deploy` writes and reads, or the two could not take turns on one database.
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";

import { applyMigrations, PRISMA_MIGRATE_LOCK_ID } from "@/lib/db/migrate";
import { createEmptyDatabase, dropDatabase } from "@/tests/support/database";

const MIGRATIONS = path.resolve("prisma/migrations");

const databases: string[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((url) => dropDatabase(url)));
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "portico-migrations-"));
  folders.push(dir);
  return dir;
}

async function emptyDatabase(): Promise<string> {
  const url = await createEmptyDatabase();
  databases.push(url);
  return url;
}

async function copyOfMigrations(): Promise<string> {
  const dir = await tempFolder();
  await cp(MIGRATIONS, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, script: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), script);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

type Row = {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

describe("applyMigrations", () => {
  it("applies every migration to an empty database and records each as prisma migrate deploy does", async () => {
    const url = await emptyDatabase();
    const names = await migrationNames();

    const result = await applyMigrations({ connectionString: url, migrationsDir: MIGRATIONS });

    expect(result).toEqual({ applied: names, alreadyApplied: [] });
    const rows = await query<Row>(url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      // Recomputed from the file's bytes, independently of lib/db/migrate.ts.
      const bytes = await readFile(path.join(MIGRATIONS, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("creates _prisma_migrations with Prisma's exact columns", async () => {
    const url = await emptyDatabase();
    await applyMigrations({ connectionString: url, migrationsDir: MIGRATIONS });

    const columns = await query(
      url,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", length: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", length: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", length: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", length: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", length: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", length: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", length: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", length: null, is_nullable: "NO", column_default: "0" },
    ]);
    const [pk] = await query<{ columns: string }>(
      url,
      `SELECT pg_get_constraintdef(oid) AS columns FROM pg_constraint
       WHERE conrelid = '_prisma_migrations'::regclass AND contype = 'p'`,
    );
    expect(pk?.columns).toBe("PRIMARY KEY (id)");
  });

  it("applies nothing on a second run", async () => {
    const url = await emptyDatabase();
    await applyMigrations({ connectionString: url, migrationsDir: MIGRATIONS });

    const second = await applyMigrations({ connectionString: url, migrationsDir: MIGRATIONS });

    expect(second).toEqual({ applied: [], alreadyApplied: await migrationNames() });
    expect(await query(url, "SELECT 1 FROM _prisma_migrations")).toHaveLength((await migrationNames()).length);
  });

  it("accepts an applied migration whose line endings changed, as Prisma does", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations({ connectionString: url, migrationsDir: dir });
    for (const name of await migrationNames()) {
      const file = path.join(dir, name, "migration.sql");
      await writeFile(file, (await readFile(file, "utf8")).replaceAll("\n", "\r\n"));
    }

    await expect(applyMigrations({ connectionString: url, migrationsDir: dir })).resolves.toMatchObject({ applied: [] });
  });

  it("refuses to run when an applied migration's file changed, naming it, and applies nothing new", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations({ connectionString: url, migrationsDir: dir });
    const [first] = await migrationNames();
    const file = path.join(dir, first!, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- edited after it was applied\n`);
    await addMigration(dir, "29990101000000_later", 'CREATE TABLE "later_probe" ("id" INTEGER);\n');

    await expect(applyMigrations({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      `Migration ${first} was modified after it was applied`,
    );
    expect(await query(url, "SELECT to_regclass('later_probe') AS t")).toEqual([{ t: null }]);
  });

  it("rolls a failing migration back completely and names it with PostgreSQL's message", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations({ connectionString: url, migrationsDir: dir });
    await addMigration(
      dir,
      "29990101000000_broken",
      'CREATE TABLE "broken_probe" ("id" INTEGER);\nINSERT INTO "no_such_table" ("x") VALUES (1);\n',
    );

    const error = await applyMigrations({ connectionString: url, migrationsDir: dir }).catch((e: Error) => e);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("Migration 29990101000000_broken failed and was rolled back");
    expect((error as Error).message).toContain('relation "no_such_table" does not exist');
    expect((error as Error).message).toContain("line 2");
    expect(await query(url, "SELECT to_regclass('broken_probe') AS t")).toEqual([{ t: null }]);
    expect(await query(url, "SELECT 1 FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'")).toEqual([]);

    // Nothing to resolve by hand: fix the file and run again.
    await writeFile(path.join(dir, "29990101000000_broken", "migration.sql"), 'CREATE TABLE "broken_probe" ("id" INTEGER);\n');
    await expect(applyMigrations({ connectionString: url, migrationsDir: dir })).resolves.toMatchObject({
      applied: ["29990101000000_broken"],
    });
  });

  it("refuses to run while a migration is recorded as failed, and runs again once it is marked rolled back", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations({ connectionString: url, migrationsDir: dir });
    await addMigration(dir, "29990101000000_half_done", 'CREATE TABLE "half_done_probe" ("id" INTEGER);\n');
    // What `prisma migrate deploy` leaves behind when a script fails part-way.
    await query(
      url,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ($1, $2, '29990101000000_half_done', 'boom')`,
      ["0b6e3e4a-3f5c-4c1e-9a8e-2f1d7c6b5a49", "0".repeat(64)],
    );

    await expect(applyMigrations({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      /Migration 29990101000000_half_done started at .* never finished/,
    );
    expect(await query(url, "SELECT to_regclass('half_done_probe') AS t")).toEqual([{ t: null }]);

    await query(url, "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '29990101000000_half_done'");
    await expect(applyMigrations({ connectionString: url, migrationsDir: dir })).resolves.toMatchObject({
      applied: ["29990101000000_half_done"],
    });
  });

  it("applies each migration once when several runs start together", async () => {
    const url = await emptyDatabase();

    const runs = await Promise.all(
      [1, 2, 3].map(() => applyMigrations({ connectionString: url, migrationsDir: MIGRATIONS })),
    );

    expect(runs.flatMap((r) => r.applied).sort()).toEqual(await migrationNames());
    const rows = await query<{ migration_name: string; n: number }>(
      url,
      "SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY migration_name",
    );
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it("waits while Prisma's own advisory lock is held by another session", async () => {
    const url = await emptyDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK_ID})`);
      const run = applyMigrations({ connectionString: url, migrationsDir: MIGRATIONS });

      // Until our run is seen queued behind the holder's lock, it must not have touched the schema.
      await expect.poll(async () => {
        const waiting = await holder.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
          [PRISMA_MIGRATE_LOCK_ID],
        );
        return waiting.rowCount;
      }, { timeout: 10_000 }).toBe(1);
      expect((await holder.query("SELECT to_regclass('_prisma_migrations') AS t")).rows).toEqual([{ t: null }]);

      await holder.query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATE_LOCK_ID})`);
      await expect(run).resolves.toMatchObject({ applied: await migrationNames() });
    } finally {
      await holder.end();
    }
  });

  it("refuses a non-empty database that has no _prisma_migrations, as Prisma does", async () => {
    const url = await emptyDatabase();
    await query(url, 'CREATE TABLE "built_by_hand" ("id" INTEGER)');

    await expect(applyMigrations({ connectionString: url, migrationsDir: MIGRATIONS })).rejects.toThrow(
      /not empty \(built_by_hand\).*Baseline/,
    );
  });

  it("refuses a missing or empty migrations folder", async () => {
    const url = await emptyDatabase();
    const empty = await tempFolder();

    await expect(applyMigrations({ connectionString: url, migrationsDir: path.join(empty, "nope") })).rejects.toThrow(
      /No migrations folder/,
    );
    await expect(applyMigrations({ connectionString: url, migrationsDir: empty })).rejects.toThrow(/holds no migrations/);
  });
});
