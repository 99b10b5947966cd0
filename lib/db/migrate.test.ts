import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import {
  lineAt,
  listMigrations,
  migrationChecksum,
  pendingMigrations,
  scriptMatchesChecksum,
  type MigrationRecord,
} from "@/lib/db/migrate";

const record = (name: string, script: string, extra: Partial<MigrationRecord> = {}): MigrationRecord => ({
  migration_name: name,
  checksum: migrationChecksum(script),
  started_at: new Date("2026-11-23T00:00:00Z"),
  finished_at: new Date("2026-11-23T00:00:01Z"),
  rolled_back_at: null,
  ...extra,
});

describe("migration checksums", () => {
  it("are zero-padded hex SHA-256 of the script, like Prisma's (its own test vector)", () => {
    expect(migrationChecksum("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  });

  it("match whatever line endings git checked the file out with", () => {
    const pairs = [
      ["ab\ncd\nef\ngh\rab", "ab\r\ncd\r\nef\r\ngh\rab"],
      ["ab\ncd\nef\ngh\rab\n", "ab\r\ncd\r\nef\r\ngh\rab\r\n"],
    ];
    for (const pair of pairs) {
      for (const script of pair) {
        for (const other of pair) expect(scriptMatchesChecksum(script, migrationChecksum(other))).toBe(true);
      }
    }
  });

  it("do not match any other change, not even a trailing newline", () => {
    expect(scriptMatchesChecksum("abc", migrationChecksum("abcd"))).toBe(false);
    expect(scriptMatchesChecksum("abc\n", migrationChecksum("abc"))).toBe(false);
  });
});

describe("pendingMigrations", () => {
  const a = { name: "20260101000000_a", script: "SELECT 1;" };
  const b = { name: "20260102000000_b", script: "SELECT 2;" };

  it("returns the migrations with no applied record, in order", () => {
    expect(pendingMigrations([a, b], [record(a.name, a.script)])).toEqual([b]);
    expect(pendingMigrations([a, b], [])).toEqual([a, b]);
  });

  it("treats a rolled-back record as not applied", () => {
    const rolledBack = record(a.name, a.script, { finished_at: null, rolled_back_at: new Date() });
    expect(pendingMigrations([a, b], [rolledBack])).toEqual([a, b]);
  });

  it("refuses an unfinished record, naming it", () => {
    const failed = record(b.name, b.script, { finished_at: null });
    expect(() => pendingMigrations([a, b], [record(a.name, a.script), failed])).toThrow(/20260102000000_b .*never finished/);
  });

  it("refuses an applied migration whose script changed, naming it", () => {
    expect(() => pendingMigrations([a, b], [record(a.name, "SELECT 0;")])).toThrow(
      /20260101000000_a was modified after it was applied/,
    );
  });
});

describe("listMigrations", () => {
  const folders: string[] = [];
  const tempFolder = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "portico-migrations-"));
    folders.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("reads each folder's migration.sql in folder-name order and ignores loose files", async () => {
    const dir = await tempFolder();
    for (const name of ["20260102000000_b", "20260101000000_a"]) {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, "migration.sql"), `-- ${name}\n`);
    }
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');

    const migrations = await listMigrations(dir);
    expect(migrations.map((m) => m.name)).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(migrations[0]?.script).toBe("-- 20260101000000_a\n");
  });

  it("refuses a folder without migration.sql, naming it", async () => {
    const dir = await tempFolder();
    await mkdir(path.join(dir, "20260101000000_empty"));
    await expect(listMigrations(dir)).rejects.toThrow(/20260101000000_empty has no readable/);
  });
});

describe("lineAt", () => {
  it("turns PostgreSQL's 1-based error position into a line number", () => {
    const script = "-- one\nCREATE TABLE x ();\nSELEC 1;\n";
    expect(lineAt(script, script.indexOf("SELEC") + 1)).toBe(3);
    expect(lineAt(script, 1)).toBe(1);
  });
});
