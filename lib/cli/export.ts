// npm run export -- --venue demo --from 2026-11-01 --to 2026-11-30 [--format csv|ndjson] [--out dir] [--redo]
// The BI export from the command line (docs/EXPORTS.md). Without --out it does what the daily
// job does: both formats into the configured storage (PORTICO_EXPORT_DIR or the S3 bucket),
// each day recorded once in export_day, so the staff area lists it. With --out it writes a
// local copy (optionally one format only) into that folder and records nothing.
// Without DATABASE_URL it opens the embedded database (Portico must be stopped).
import { parseArgs } from "node:util";

import { z } from "zod";

import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { EnvError, readExportCliEnv, type ExportCliEnv } from "@/lib/env";
import { isDomainError } from "@/lib/errors";
import { daysBetween, exportFormats, exportStorageFrom, exportVenueDays, folderStorage, type ExportDayResult } from "@/lib/exports";
import { exportDaySchema, exportFormatSchema } from "@/lib/exports/schemas";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { staffRefusal } from "@/lib/staff/messages";

const usage = "Usage: npm run export -- --venue <slug> --from <YYYY-MM-DD> [--to <YYYY-MM-DD>] [--format csv|ndjson] [--out <folder>] [--redo]";

const argsSchema = z
  .object({
    venue: z.string({ message: "name the venue by its slug, e.g. --venue demo" }).min(1, "name the venue by its slug, e.g. --venue demo"),
    from: z.string({ message: "give the first day, e.g. --from 2026-11-01" }).pipe(exportDaySchema),
    to: exportDaySchema.optional(),
    format: exportFormatSchema.optional(),
    out: z.string().min(1, "name a folder").optional(),
    redo: z.boolean().optional(),
  })
  .transform((args) => ({ ...args, to: args.to ?? args.from }))
  .refine((args) => args.from <= args.to, { path: ["to"], message: "the last day must not be before the first" })
  .refine((args) => !args.format || args.out, { path: ["format"], message: "a single format goes to a local copy only: add --out <folder> (recorded exports always hold both formats)" });

async function main(): Promise<number> {
  let cliEnv: ExportCliEnv;
  let values: Record<string, string | boolean | undefined>;
  try {
    cliEnv = readExportCliEnv();
    ({ values } = parseArgs({
      options: { venue: { type: "string" }, from: { type: "string" }, to: { type: "string" }, format: { type: "string" }, out: { type: "string" }, redo: { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : `${(error as Error).message}\n${usage}`);
    return 2;
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".") || "arguments"}: ${issue.message}`);
    console.error(usage);
    return 2;
  }
  const args = parsed.data;

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
    const venue = await prisma.venue.findUnique({ where: { slug: args.venue }, select: { id: true, slug: true, name: true, timezone: true } });
    if (!venue) {
      const known = (await prisma.venue.findMany({ select: { slug: true }, orderBy: { slug: "asc" }, take: 20 })).map((v) => v.slug);
      console.error(`--venue: there is no venue "${args.venue}".${known.length ? ` Venues: ${known.join(", ")}.` : ""}`);
      return 2;
    }
    const local = Boolean(args.out);
    const storage = args.out ? folderStorage(args.out) : exportStorageFrom(cliEnv);
    const where = args.out ? args.out : cliEnv.PORTICO_EXPORT_S3_BUCKET ? `s3://${cliEnv.PORTICO_EXPORT_S3_BUCKET}` : cliEnv.PORTICO_EXPORT_DIR;
    console.log(`Exporting ${venue.name} (${venue.timezone}), ${daysBetween(args.from, args.to).length} day(s), to ${where}.`);
    await exportVenueDays({
      db: prisma,
      storage,
      venue,
      from: args.from,
      to: args.to,
      formats: args.format ? [args.format] : exportFormats,
      record: !local,
      redo: args.redo ?? false,
      onDay: (result) => console.log(describe(venue.slug, result)),
    });
    return 0;
  } catch (error) {
    const refusal = isDomainError(error) ? staffRefusal(error) : null;
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

function describe(slug: string, result: ExportDayResult): string {
  if (result.status === "skipped") return `${result.day}: ${result.reason === "done" ? "already exported (--redo writes it again)" : "being exported by another run"}`;
  const rows = result.manifest.files.reduce((sum, f) => sum + f.rows, 0);
  return `${result.day}: ${result.manifest.files.length} files, ${rows} rows → ${slug}/${result.day}/`;
}

main().then((code) => process.exit(code));
