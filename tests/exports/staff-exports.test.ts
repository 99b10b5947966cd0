// The staff side of exports: who may list and run them, the run/backfill's limits and audit
// entry, and the listing's figures from the export_day rows.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "@/lib/auth/permissions";
import { folderStorage, type ExportStorage } from "@/lib/exports";
import { exportRunSchema } from "@/lib/exports/schemas";
import { listExportDays } from "@/lib/exports/staff/list-export-days";
import { runExports } from "@/lib/exports/staff/run-exports";
import { createStaffUser, systemActor } from "@/lib/staff/create-staff-user";

import { connectGuest } from "../guests/connect-guest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { inStaffWords } from "../support/staff-refusal";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
let root: string;
let storage: ExportStorage;
let admin: Actor;
let marketer: Actor;
let legal: Actor;

beforeAll(async () => {
  testDb = await createTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), "portico-export-staff-"));
  storage = folderStorage(root);
  const staff = (email: string, role: Actor["role"]) => createStaffUser(testDb.prisma, { email, role, password: "correct horse battery staple" }, systemActor("a test fixture"));
  admin = { ...(await staff("admin@exports.test", "ADMIN")), ip: "10.1.1.1" };
  marketer = await staff("marketer@exports.test", "MARKETER");
  legal = await staff("legal@exports.test", "LEGAL");
});
afterAll(async () => {
  await testDb?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

const input = (venueId: string, from: string, to: string, redo = false) => exportRunSchema.parse({ venueId, from, to, ...(redo ? { redo: "on" } : {}) });
const now = new Date("2026-12-01T12:00:00Z");

describe("running exports from the staff area", () => {
  it("lets an admin backfill a range, audited, and lists each day with its files, rows and size", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    await connectGuest(testDb.prisma, venue.slug, `staff-${venue.slug}@example.com`, { grant: ["marketing"], at: new Date("2026-11-03T10:00:00Z") });
    const results = await runExports(testDb.prisma, admin, storage, input(venue.id, "2026-11-01", "2026-11-05"), now);
    expect(results.map((r) => r.status)).toEqual(Array(5).fill("exported"));
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { action: "exports.run", entityId: venue.id } });
    expect(audit).toMatchObject({ actorId: admin.id, ip: "10.1.1.1", after: { from: "2026-11-01", to: "2026-11-05", redo: false } });

    const page = await listExportDays(testDb.prisma, marketer, { venueId: venue.id, size: 3 });
    expect(page.days.map((d) => d.day)).toEqual(["2026-11-05", "2026-11-04", "2026-11-03"]);
    expect(page.older).toBe("2026-11-03");
    const third = page.days[2]!;
    expect(third).toMatchObject({ status: "DONE", fileCount: third.files.length });
    expect(third.files.find((f) => f.name === "guests.csv.gz")?.rows).toBe(1);
    expect(third.byteSize).toBe(third.files.reduce((sum, f) => sum + f.bytes, 0));
    expect((await listExportDays(testDb.prisma, marketer, { venueId: venue.id, before: page.older, size: 3 })).days.map((d) => d.day)).toEqual(["2026-11-02", "2026-11-01"]);

    // Again: nothing new unless asked to redo.
    expect((await runExports(testDb.prisma, admin, storage, input(venue.id, "2026-11-04", "2026-11-06"), now)).map((r) => r.status)).toEqual(["skipped", "skipped", "exported"]);
    expect((await runExports(testDb.prisma, admin, storage, input(venue.id, "2026-11-04", "2026-11-04", true), now)).map((r) => r.status)).toEqual(["exported"]);
    expect(await testDb.prisma.exportDay.count({ where: { venueId: venue.id } })).toBe(6);
  });

  it("refuses marketers and legal the run, legal the list, and ranges too long, reversed or not over yet, exporting nothing", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    await expect(inStaffWords(runExports(testDb.prisma, marketer, storage, input(venue.id, "2026-11-01", "2026-11-01"), now))).rejects.toThrow("Only admins can run or backfill data exports.");
    await expect(inStaffWords(listExportDays(testDb.prisma, legal, { venueId: venue.id }))).rejects.toThrow(/cannot see or download/);
    await expect(inStaffWords(runExports(testDb.prisma, admin, storage, input(venue.id, "2026-10-01", "2026-11-15"), now))).rejects.toThrow("That is 46 days; export at most 31");
    await expect(inStaffWords(runExports(testDb.prisma, admin, storage, { venueId: venue.id, from: "2026-11-02", to: "2026-11-01", redo: false }, now))).rejects.toThrow(/must not be after/);
    await expect(inStaffWords(runExports(testDb.prisma, admin, storage, input(venue.id, "2026-11-30", "2026-12-01"), now))).rejects.toThrow("2026-12-01 has not ended yet in the venue's time zone (UTC)");
    expect(exportRunSchema.safeParse({ venueId: venue.id, from: "2026-11-02", to: "2026-11-01" }).success).toBe(false);
    // The browser's form (react-hook-form) sends the checkbox as a boolean, a plain post as "on" or nothing.
    expect(exportRunSchema.parse({ venueId: venue.id, from: "2026-11-01", to: "2026-11-01", redo: false }).redo).toBe(false);
    expect(exportRunSchema.parse({ venueId: venue.id, from: "2026-11-01", to: "2026-11-01", redo: true }).redo).toBe(true);
    expect(exportRunSchema.parse({ venueId: venue.id, from: "2026-11-01", to: "2026-11-01" }).redo).toBe(false);
    expect(exportRunSchema.safeParse({ venueId: venue.id, from: "2026-02-30", to: "2026-03-01" }).success).toBe(false);
    expect(await testDb.prisma.exportDay.count({ where: { venueId: venue.id } })).toBe(0);
  });
});
