// The rollup migrations that fill new tables from rows already folded: the coarse rollups (and
// the "all venues" rows) from the hourly ones, and the cross-venue guest days from the venues'
// day rows. On a database folded before the migration, the filled tables must equal what the
// fold itself writes into them.
import { readFileSync } from "node:fs";

import { afterAll, beforeAll, expect, it } from "vitest";

import { ALL_VENUES } from "@/lib/analytics/dimensions";
import { foldEvents } from "@/lib/analytics/fold-events";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

import { createFixtureVenue, createGuests, writeVisit } from "./analytics-fixture";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

const coarse = ["analytics_period", "analytics_period_count", "analytics_guest_period", "analytics_month_heat"];
const filled = [...coarse, "analytics_hour", "analytics_day_count"];
const migration = readFileSync("prisma/migrations/20261204030000_analytics_coarse_rollups/migration.sql", "utf8");
// The migration's fill: the "all venues" hours and days, then the coarse tables from them.
const backfill = migration.slice(migration.indexOf('-- "All venues" rows'));

/** Every row of the tables, as sorted JSON lines per table. */
async function snapshot(tables = filled): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await database.prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT to_jsonb(t)::text AS row FROM ${table} t`);
    out[table] = rows.map((r) => r.row).sort();
  }
  return out;
}

it("fills the day, week and month rollups from the hourly ones exactly as the fold writes them", async () => {
  const db = database.prisma;
  const venues = [await createFixtureVenue(db, "paris", "Europe/Paris"), await createFixtureVenue(db, "sydney", "Australia/Sydney")];
  const guests = await createGuests(db, 6);
  // Across a month's end, a week's end and Paris's autumn clock change, at two venues.
  const start = Date.parse("2026-10-24T18:00:00Z");
  for (let i = 0; i < 40; i += 1) {
    const venue = venues[i % 2]!;
    await writeVisit(db, {
      venue,
      zoneId: i % 3 === 0 ? null : venue.zones[i % 2]!,
      guestId: guests[i % guests.length]!,
      firstVisit: i < guests.length,
      at: new Date(start + i * 7.5 * 3600_000),
      loginMethod: i % 2 ? "EMAIL" : "LOYALTY",
      deviceType: "MOBILE",
      language: i % 2 ? "fr-FR" : null,
      decisions: [{ purpose: "terms", granted: true }, { purpose: "marketing", granted: i % 3 === 0 }],
      dwellSeconds: i % 4 === 0 ? null : 900 + i * 60,
    });
  }
  await foldEvents(db, { batchSize: 7 });
  const folded = await snapshot();
  expect((folded.analytics_guest_period as unknown[]).length).toBeGreaterThan(0);
  await db.$executeRawUnsafe(`TRUNCATE ${coarse.join(", ")}`);
  // As before the migration: no "all venues" rows yet.
  for (const table of ["analytics_hour", "analytics_day_count"]) await db.$executeRawUnsafe(`DELETE FROM ${table} WHERE venue_id = $1::uuid`, ALL_VENUES);
  for (const statement of backfill.split(";").filter((s) => s.trim())) await db.$executeRawUnsafe(statement);
  expect(await snapshot()).toEqual(folded);
});

it("fills the cross-venue guest days from the venues' day rows exactly as the fold writes them", async () => {
  const db = database.prisma;
  const tables = ["analytics_guest_day", "analytics_unique_day"];
  const folded = await snapshot(tables);
  expect((folded.analytics_guest_day as unknown[]).length).toBeGreaterThan(0);
  const sql = readFileSync("prisma/migrations/20261205010000_analytics_unique_guests/migration.sql", "utf8");
  await db.$executeRawUnsafe(`TRUNCATE ${tables.join(", ")}`);
  for (const statement of sql.slice(sql.indexOf("-- Filled once")).split(";").filter((s) => s.trim())) await db.$executeRawUnsafe(statement);
  expect(await snapshot(tables)).toEqual(folded);
});
