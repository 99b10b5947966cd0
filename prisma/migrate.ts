// `npm run db:migrate`: applies prisma/migrations to DIRECT_DATABASE_URL, else DATABASE_URL, recording them in
// _prisma_migrations exactly as `prisma migrate deploy` would (see docs/DATABASE.md).
import { applyMigrations, MigrationError } from "@/lib/db/migrate";

async function databaseUrl(): Promise<string> {
  // A bad value becomes a one-line message instead of a stack trace.
  const { EnvError, loadEnv } = await import("@/lib/env");
  const env = (() => {
    try {
      return loadEnv();
    } catch (error) {
      throw error instanceof EnvError ? new MigrationError(error.message) : error;
    }
  })();
  if (!env.DATABASE_URL) {
    throw new MigrationError(
      "DATABASE_URL is not set. Point it at the PostgreSQL database to migrate, e.g.\n" +
        "  DATABASE_URL=postgresql://user:password@localhost:5432/portico npm run db:migrate",
    );
  }
  return env.DIRECT_DATABASE_URL ?? env.DATABASE_URL;
}

async function main(): Promise<void> {
  const { applied, alreadyApplied } = await applyMigrations({
    connectionString: await databaseUrl(),
    log: (line) => console.log(line),
  });

  if (applied.length === 0) {
    console.log(`No pending migrations (${alreadyApplied.length} already applied).`);
  } else {
    console.log(`Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join("\n")}`);
  }
}

main().catch((error: unknown) => {
  // Expected refusals carry their own explanation; anything else is a bug worth its stack.
  console.error(error instanceof MigrationError ? `Migration failed: ${error.message}` : error);
  process.exit(1);
});
