// npm run staff:create -- --email ana@example.com --role admin [--name "Ana"] [--password …]
// Creates a staff account, e.g. the first admin. Without --password (or STAFF_PASSWORD) it
// generates a strong one and prints it once. Without DATABASE_URL it opens the embedded
// database in PORTICO_DATA_DIR (Portico must be stopped: the embedded database has one owner).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";

import { createPrismaClient } from "@/lib/db/client";
import { EnvError, readStaffCliEnv, type StaffCliEnv } from "@/lib/env";
import { applyMigrations } from "@/lib/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { isDomainError } from "@/lib/errors";
import { createStaffUser, newStaffUserSchema, systemActor } from "@/lib/staff/create-staff-user";
import { staffRefusal } from "@/lib/staff/messages";

async function main(): Promise<number> {
  let cliEnv: StaffCliEnv;
  try {
    cliEnv = readStaffCliEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
  });
  const generated = !values.password && !cliEnv.STAFF_PASSWORD;
  const parsed = newStaffUserSchema.safeParse({
    email: values.email ?? "",
    role: (values.role ?? "").toUpperCase(),
    name: values.name,
    password: values.password ?? cliEnv.STAFF_PASSWORD ?? randomBytes(18).toString("base64url"),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
    console.error("Usage: npm run staff:create -- --email <email> --role <admin|marketer|legal> [--name <name>] [--password <password>]");
    return 2;
  }
  let embedded: EmbeddedPostgres | undefined;
  if (!cliEnv.DATABASE_URL) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: cliEnv.PORTICO_DATA_DIR });
    } catch (error) {
      if (error instanceof Error && error.name === "DataDirInUseError") {
        console.error(`${error.message}\nStop Portico (Ctrl+C) and run this again, or set DATABASE_URL.`);
        return 1;
      }
      throw error;
    }
    await applyMigrations({ connectionString: embedded.connectionString });
  }
  const prisma = createPrismaClient(embedded?.connectionString ?? cliEnv.DATABASE_URL!, 1);
  try {
    const staff = await createStaffUser(prisma, parsed.data, systemActor("the staff:create command"));
    console.log(`Created ${staff.role} ${staff.email}.`);
    if (generated) console.log(`Password (shown once): ${parsed.data.password}`);
    return 0;
  } catch (error) {
    const refusal = isDomainError(error, "staffEmailTaken") ? staffRefusal(error) : null;
    if (refusal) {
      console.error(refusal.message);
      return 1;
    }
    throw error;
  } finally {
    await prisma.$disconnect();
    await embedded?.stop();
  }
}

main().then((code) => process.exit(code));
