// The zero-setup path `npm start` takes without DATABASE_URL: embedded PostgreSQL in a data
// directory, migrated and seeded, surviving a restart, taking one client session at a time.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations, listMigrations } from "@/lib/db/migrate";
import { seedDemoVenue } from "@/lib/demo";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/runtime/embedded-postgres";

import { seedSnapshot } from "./seed-snapshot";

const SLOW = 120_000;

async function withPrisma<T>(url: string, run: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient(url, 1);
  try {
    return await run(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

describe("embedded PostgreSQL", () => {
  let workDir: string;
  let dataDir: string;
  let database: EmbeddedPostgres | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), "portico-embedded-"));
    // Nested and missing: startEmbeddedPostgres creates it.
    dataDir = path.join(workDir, "state", "pgdata");
  });

  afterAll(async () => {
    await database?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it(
    "starts in an empty directory, migrates and takes the demo seed",
    async () => {
      database = await startEmbeddedPostgres({ dataDir, port: 0 });
      expect(database.dataDir).toBe(dataDir);
      expect(database.connectionString).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres\?sslmode=disable$/);

      const migrations = await applyMigrations({ connectionString: database.connectionString });
      expect(migrations.applied).toContain("20261123000000_init");

      await withPrisma(database.connectionString, async (prisma) => {
        await seedDemoVenue(prisma);

        const venue = await prisma.venue.findUniqueOrThrow({
          where: { slug: "demo" },
          include: {
            zones: { orderBy: { slug: "asc" } },
            accessPoints: { include: { zone: true } },
            sponsors: { orderBy: { slug: "asc" } },
            consentPurposes: { orderBy: { position: "asc" }, include: { sponsor: true, texts: true } },
            portalCopies: { orderBy: { locale: "asc" } },
          },
        });
        expect(venue).toMatchObject({
          name: "Harbour Hotel",
          timezone: "Europe/London",
          defaultLocale: "en",
          locales: ["en", "fr", "hi", "es", "de", "ar"],
          countryCode: "GB",
        });
        expect(venue.zones.map((z) => [z.slug, z.name])).toEqual([
          ["lobby", "Lobby"],
          ["pool", "Pool terrace"],
        ]);
        expect(venue.accessPoints.map((ap) => [ap.mac, ap.zone?.slug])).toEqual([["00:11:22:33:44:55", "lobby"]]);
        expect(venue.sponsors.map((s) => s.slug)).toEqual(["acme-coffee", "northwind-air"]);
        for (const sponsor of venue.sponsors) {
          expect(sponsor.dpaReference).toBeTruthy();
          expect(sponsor.dpaSignedAt).toBeInstanceOf(Date);
        }

        expect(venue.consentPurposes.map((p) => [p.key, p.kind, p.position, p.sponsor?.slug ?? null])).toEqual([
          ["terms", "TERMS", 0, null],
          ["marketing", "MARKETING", 1, null],
          ["sponsor:acme-coffee", "SPONSOR", 2, "acme-coffee"],
          ["sponsor:northwind-air", "SPONSOR", 3, "northwind-air"],
        ]);
        for (const purpose of venue.consentPurposes) {
          expect(purpose.texts.map((t) => t.locale).sort()).toEqual(["ar", "de", "en", "es", "fr", "hi"]);
          for (const text of purpose.texts) {
            expect(text).toMatchObject({ version: 1, status: "PUBLISHED" });
            expect(text.publishedAt).toBeInstanceOf(Date);
            expect(text.reviewedAt).toBeInstanceOf(Date);
          }
        }
        const marketingEn = venue.consentPurposes[1]?.texts.find((t) => t.locale === "en");
        expect(marketingEn?.body).toBe(
          "Send me offers and news from Harbour Hotel by email. You can unsubscribe at any time.",
        );
        expect(venue.portalCopies.map((c) => [c.locale, c.status, c.version])).toEqual(
          ["ar", "de", "en", "es", "fr", "hi"].map((locale) => [locale, "PUBLISHED", 1]),
        );
      });
    },
    SLOW,
  );

  it(
    "admits one client session at a time and queues the next until the first ends",
    async () => {
      const url = database!.connectionString;
      const first = new pg.Client({ connectionString: url });
      await first.connect();
      await first.query("BEGIN");
      await first.query("UPDATE venue SET name = 'Uncommitted' WHERE slug = 'demo'");

      const second = new pg.Client({ connectionString: url });
      let secondReady = false;
      const secondConnected = second.connect().then(() => {
        secondReady = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // A second session would otherwise run inside the first one's transaction.
      expect(secondReady).toBe(false);

      // The first client disappears mid-transaction: its work is rolled back before the next.
      await first.end();
      await secondConnected;
      const { rows } = await second.query<{ name: string }>("SELECT name FROM venue WHERE slug = 'demo'");
      expect(rows).toEqual([{ name: "Harbour Hotel" }]);
      await second.end();
    },
    SLOW,
  );

  it(
    "replaces a pool's idle connection without failing the next query",
    async () => {
      // pg opens the replacement before the old socket has closed; a plain pglite-socket
      // server refuses it ("Connection terminated unexpectedly").
      const pool = new pg.Pool({ connectionString: database!.connectionString, max: 1, idleTimeoutMillis: 5 });
      const failures: string[] = [];
      pool.on("error", (error) => failures.push(error.message));
      try {
        for (let i = 0; i < 40; i += 1) {
          await pool.query("SELECT 1").catch((error: Error) => failures.push(error.message));
          await new Promise((resolve) => setTimeout(resolve, 4 + (i % 4)));
        }
      } finally {
        await pool.end();
      }
      expect(failures).toEqual([]);
    },
    SLOW,
  );

  it(
    "refuses to open a data directory that is already open",
    async () => {
      await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toThrow(/already open/);
    },
    SLOW,
  );

  it(
    "keeps its data across a restart, where migrating and seeding again change nothing",
    async () => {
      const before = await withPrisma(database!.connectionString, seedSnapshot);
      await database!.stop();
      await expect(new pg.Client({ connectionString: database!.connectionString }).connect()).rejects.toThrow();

      database = await startEmbeddedPostgres({ dataDir, port: 0 });
      const migrations = await applyMigrations({ connectionString: database.connectionString });
      const all = (await listMigrations(path.resolve("prisma/migrations"))).map((m) => m.name);
      expect(migrations).toEqual({ applied: [], alreadyApplied: all });

      await withPrisma(database.connectionString, async (prisma) => {
        expect(await seedSnapshot(prisma)).toEqual(before);
        await seedDemoVenue(prisma);
        expect(await seedSnapshot(prisma)).toEqual(before);
      });
      // Four purposes and the portal copy, in each of the demo's six languages.
      expect(before.texts).toHaveLength(24);
      expect(before.copies).toHaveLength(6);
    },
    SLOW,
  );
});
