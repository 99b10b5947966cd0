// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native
// schema engine (which offline and embedded installs do not have). It keeps the same
// bookkeeping, so a database may move between this and `prisma migrate deploy` either way:
// the same `_prisma_migrations` table and checksums, and the same advisory lock, so the two
// never run at once. Unlike Prisma, each migration commits together with its record, so a
// failed migration leaves nothing behind; and an applied migration whose file was edited is
// refused rather than ignored. No "server-only": CLI scripts and test helpers use it.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import pg from "pg";

/** The key Prisma Migrate passes to pg_advisory_lock (schema-engine, flavour/postgres.rs). */
export const PRISMA_MIGRATE_LOCK_ID = 72707369;

/** How long to wait for another run (ours or Prisma's) to finish before giving up. */
const LOCK_WAIT = "5min";

// Prisma's DDL, verbatim (schema-engine, flavour/postgres.rs create_migrations_table).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export type Migration = { name: string; script: string };

export type MigrationRecord = {
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

export type ApplyMigrationsOptions = {
  connectionString: string;
  /** Defaults to prisma/migrations under the working directory. */
  migrationsDir?: string;
  log?: (line: string) => void;
};

/** An expected refusal: the message says what is wrong and what to do. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migrationName?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Hex SHA-256 of the script's UTF-8 bytes, as Prisma records it. */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Prisma accepts a script whose line endings changed since it was applied (git may check
 * files out with CRLF on Windows), so this does too (schema-engine, checksum.rs).
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

/** The migrations on disk, in the order Prisma applies them (folder name, localeCompare). */
export async function listMigrations(migrationsDir: string): Promise<Migration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new MigrationError(`No migrations folder at ${migrationsDir}.`);
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  if (names.length === 0) throw new MigrationError(`The migrations folder ${migrationsDir} holds no migrations.`);

  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      const script = await readFile(file, "utf8").catch(() => {
        throw new MigrationError(`Migration ${name} has no readable ${file}.`, name);
      });
      return { name, script };
    }),
  );
}

/**
 * Refuses a history Prisma would refuse (an unfinished migration) or that no longer matches
 * the files (an applied migration edited afterwards); returns the migrations still to apply.
 */
export function pendingMigrations(migrations: Migration[], records: MigrationRecord[]): Migration[] {
  const failed = records.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} started at ${failed.started_at.toISOString()} and never finished ` +
        `(_prisma_migrations has no finished_at). Repair the database by hand, then mark the row rolled back ` +
        `(prisma migrate resolve --rolled-back ${failed.migration_name}, or set its rolled_back_at) or applied ` +
        `(--applied). No migrations were applied.`,
      failed.migration_name,
    );
  }

  const applied = records.filter((r) => r.rolled_back_at === null);
  for (const migration of migrations) {
    const record = applied.find((r) => r.migration_name === migration.name);
    if (record && !scriptMatchesChecksum(migration.script, record.checksum)) {
      throw new MigrationError(
        `Migration ${migration.name} was modified after it was applied: its migration.sql no longer matches ` +
          `the checksum in _prisma_migrations. Restore the file and put the change in a new migration. ` +
          `No migrations were applied.`,
        migration.name,
      );
    }
  }
  return migrations.filter((m) => !applied.some((r) => r.migration_name === m.name));
}

export async function applyMigrations(
  options: ApplyMigrationsOptions,
): Promise<{ applied: string[]; alreadyApplied: string[] }> {
  const { connectionString, migrationsDir = path.resolve("prisma/migrations"), log = () => {} } = options;
  const migrations = await listMigrations(migrationsDir);

  const client = new pg.Client({ connectionString });
  // A dropped connection also rejects the running query, which reports it; without a listener
  // the same error, emitted as an event, would crash the process instead.
  client.on("error", () => undefined);
  await client.connect().catch((error: Error) => {
    throw new MigrationError(`Could not connect to PostgreSQL: ${error.message}`);
  });
  try {
    await acquireLock(client, log);
    try {
      await ensureMigrationsTable(client);
      const records = await client.query<MigrationRecord>(
        `SELECT migration_name, checksum, started_at, finished_at, rolled_back_at
         FROM _prisma_migrations ORDER BY started_at`,
      );
      for (const record of records.rows) {
        if (record.finished_at && !migrations.some((m) => m.name === record.migration_name)) {
          log(`Note: ${record.migration_name} is applied but not in ${migrationsDir} (a newer release ran here).`);
        }
      }
      const pending = pendingMigrations(migrations, records.rows);

      const applied: string[] = [];
      for (const migration of pending) {
        log(`Applying ${migration.name}`);
        await applyOne(client, migration);
        applied.push(migration.name);
      }
      const alreadyApplied = migrations.filter((m) => !pending.includes(m)).map((m) => m.name);
      return { applied, alreadyApplied };
    } finally {
      // If the connection died the session, and with it the lock, is gone already.
      await client.query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATE_LOCK_ID})`).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

// A session lock, like Prisma's, so `prisma migrate deploy` and this exclude each other.
// Through a transaction-mode pooler (PgBouncer) session locks do not hold: connect directly.
async function acquireLock(client: pg.Client, log: (line: string) => void): Promise<void> {
  const tried = await client.query<{ locked: boolean }>(
    `SELECT pg_try_advisory_lock(${PRISMA_MIGRATE_LOCK_ID}) AS locked`,
  );
  if (tried.rows[0]?.locked) return;

  log("Another migration run holds the migration lock; waiting for it to finish.");
  await client.query(`SET lock_timeout = '${LOCK_WAIT}'`);
  try {
    await client.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK_ID})`);
  } catch (error) {
    throw new MigrationError(`Gave up waiting ${LOCK_WAIT} for the migration lock: ${(error as Error).message}`);
  } finally {
    await client.query("RESET lock_timeout");
  }
}

// Prisma creates the table only in an empty database: anything else was built another way
// and needs baselining (prisma migrate resolve --applied) before migrations can run on it.
async function ensureMigrationsTable(client: pg.Client): Promise<void> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname = current_schema()`,
  );
  const names = tables.rows.map((row) => row.name);
  if (names.includes("_prisma_migrations")) return;
  if (names.length > 0) {
    throw new MigrationError(
      `The database schema is not empty (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", ..." : ""}) ` +
        `but has no _prisma_migrations table. Baseline it first: https://pris.ly/d/migrate-baseline`,
    );
  }
  await client.query(CREATE_MIGRATIONS_TABLE);
}

// The script and its record commit together: a failure leaves no half-applied schema and no
// row to resolve, and the next run simply tries again.
async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  await client.query("BEGIN");
  try {
    // No parameters: pg uses the simple protocol, which runs a multi-statement script as Prisma does.
    await client.query(migration.script);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migrationChecksum(migration.script), migration.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    // Report the migration's error, not a failed ROLLBACK's: a dead connection rolls back anyway.
    await client.query("ROLLBACK").catch(() => undefined);
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back: ${describeDatabaseError(error, migration.script)}`,
      migration.name,
    );
  }
}

function describeDatabaseError(error: unknown, script: string): string {
  if (!(error instanceof pg.DatabaseError)) return (error as Error).message;
  const where = error.position ? ` (migration.sql line ${lineAt(script, Number(error.position))})` : "";
  return `${error.message}${where} [SQLSTATE ${error.code}]${error.detail ? `\n${error.detail}` : ""}`;
}

/** The 1-based line of a 1-based character position, as PostgreSQL reports it. */
export function lineAt(script: string, position: number): number {
  return script.slice(0, position - 1).split("\n").length;
}
