// `npm run export` as a person runs it: a child process against a real database, clear
// refusals of bad input, a recorded backfill, and a local one-format copy with --out.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ExportManifest } from "@/lib/exports";

import { connectGuest } from "../guests/connect-guest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { readCsvGz, sha256 } from "../support/export-files";
import { createVenueFixture } from "../support/venue-fixture";

const root = path.resolve(import.meta.dirname, "../..");
let testDb: TestDatabase;
let folder: string;
let venueSlug: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  folder = await mkdtemp(path.join(tmpdir(), "portico-export-cli-"));
  const { venue } = await createVenueFixture(testDb.prisma);
  venueSlug = venue.slug;
  await connectGuest(testDb.prisma, venue.slug, `cli-${venue.slug}@example.com`, { grant: ["marketing"], at: new Date("2026-11-02T09:00:00Z") });
});
afterAll(async () => {
  await testDb?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

function runExport(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const loader = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
  const child = spawn(process.execPath, ["--import", loader, path.join(root, "lib/cli/export.ts"), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: testDb.url, PORTICO_EXPORT_DIR: path.join(folder, "store"), ...env } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

describe("npm run export", () => {
  it("refuses bad input with exit code 2, naming the argument, and writes nothing", async () => {
    const cases: [string[], RegExp][] = [
      [["--from", "2026-11-01"], /--venue: name the venue by its slug/],
      [["--venue", venueSlug], /--from: give the first day/],
      [["--venue", venueSlug, "--from", "2026-11-31"], /--from: Enter a day as YYYY-MM-DD/],
      [["--venue", venueSlug, "--from", "2026-11-05", "--to", "2026-11-01"], /--to: the last day must not be before the first/],
      [["--venue", venueSlug, "--from", "2026-11-01", "--format", "xml", "--out", folder], /--format: Choose csv or ndjson/],
      [["--venue", venueSlug, "--from", "2026-11-01", "--format", "csv"], /--format: a single format goes to a local copy only/],
      [["--venue", venueSlug, "--from", "2026-11-01", "--colour", "red"], /Unknown option '--colour'/],
      [["--venue", "nowhere", "--from", "2026-11-01"], /--venue: there is no venue "nowhere"/],
    ];
    for (const [args, message] of cases) {
      const { code, output } = await runExport(args);
      expect({ args, code, output }).toMatchObject({ code: 2, output: expect.stringMatching(message) });
    }
    const bad = await runExport(["--venue", venueSlug, "--from", "2026-11-01"], { PORTICO_EXPORT_S3_ACCESS_KEY_ID: "only-one" });
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/PORTICO_EXPORT_S3_ACCESS_KEY_ID: set it together with PORTICO_EXPORT_S3_SECRET_ACCESS_KEY/);
    expect(await testDb.prisma.exportDay.count()).toBe(0);
  });

  it("backfills a range into the configured storage, one recorded export per day, and skips done days on a second run", async () => {
    const first = await runExport(["--venue", venueSlug, "--from", "2026-11-01", "--to", "2026-11-03"]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/2026-11-02: \d+ files, \d+ rows/);
    const second = await runExport(["--venue", venueSlug, "--from", "2026-11-01", "--to", "2026-11-03"]);
    expect(second.output).toMatch(/2026-11-02: already exported/);
    expect(await testDb.prisma.exportDay.count({ where: { status: "DONE" } })).toBe(3);
    const manifest = JSON.parse(await readFile(path.join(folder, "store", venueSlug, "2026-11-02", "manifest.json"), "utf8")) as ExportManifest;
    const guests = manifest.files.find((f) => f.name === "guests.csv.gz")!;
    const bytes = await readFile(path.join(folder, "store", venueSlug, "2026-11-02", guests.name));
    expect(sha256(bytes)).toBe(guests.sha256);
    expect(readCsvGz(bytes).rows.map((r) => r.email)).toEqual([`cli-${venueSlug}@example.com`]);
  });

  it("writes a local copy in one format with --out, the same bytes as the recorded files, recording nothing", async () => {
    const out = path.join(folder, "copy");
    const before = await testDb.prisma.exportDay.count();
    const { code, output } = await runExport(["--venue", venueSlug, "--from", "2026-11-02", "--format", "csv", "--out", out, "--redo"]);
    expect(code, output).toBe(0);
    const names = await readdir(path.join(out, venueSlug, "2026-11-02"));
    expect(names.every((n) => n.endsWith(".csv.gz") || n === "manifest.json")).toBe(true);
    expect(await testDb.prisma.exportDay.count()).toBe(before);
    const copy = await readFile(path.join(out, venueSlug, "2026-11-02", "guests.csv.gz"));
    const recorded = await readFile(path.join(folder, "store", venueSlug, "2026-11-02", "guests.csv.gz"));
    expect(sha256(copy)).toBe(sha256(recorded));
  });
});
