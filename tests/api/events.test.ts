// The events feed: filters, counts, and pagination that never skips or repeats an event
// while others are written, including transactions that take a lower id and commit late.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { apiRoutes } from "@/lib/api/routes";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";
import { call, createAdmin, createKey } from "./api-fixture";

let testDb: TestDatabase;
let token: string;
let venueId: string;
let otherVenueId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const admin = await createAdmin(testDb.prisma);
  venueId = (await createVenueFixture(testDb.prisma, { locales: ["en"] })).venue.id;
  otherVenueId = (await createVenueFixture(testDb.prisma, { locales: ["en"] })).venue.id;
  token = (await createKey(testDb.prisma, admin, { scopes: ["events:read"] })).token;
});
afterAll(async () => {
  await testDb?.drop();
});

type EventJson = { id: string; type: string; venue_id: string | null; occurred_at: string };
type Page = { data: EventJson[]; next_cursor: string | null; has_more: boolean };

async function page(query: Record<string, string>): Promise<Page> {
  const result = await call(testDb.prisma, apiRoutes.listEvents, { token, query });
  expect(result.status, result.text).toBe(200);
  return result.json as unknown as Page;
}

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: testDb.url });
  await c.connect();
  return c;
}

const insert = (c: pg.Client, type: string, venue = venueId) =>
  c.query<{ id: string }>("INSERT INTO event (type, venue_id) VALUES ($1, $2) RETURNING id::text", [type, venue]).then((r) => r.rows[0]!.id);

describe("filters and counts", () => {
  it("filters by type, venue and time, and counts per venue-local day", async () => {
    await testDb.prisma.venue.update({ where: { id: venueId }, data: { timezone: "America/New_York" } });
    const c = await client();
    try {
      await c.query("INSERT INTO event (type, venue_id, occurred_at) VALUES ('count.a', $1, '2026-01-10T10:00:00Z'), ('count.a', $1, '2026-01-10T23:30:00Z'), ('count.b', $1, '2026-01-11T01:00:00Z'), ('count.a', $2, '2026-01-10T12:00:00Z')", [venueId, otherVenueId]);
    } finally {
      await c.end();
    }
    const typed = await page({ type: "count.a,count.b", venue_id: venueId, limit: "50" });
    expect(typed.data.map((e) => e.type)).toEqual(["count.a", "count.a", "count.b"]);
    const ranged = await page({ type: "count.a", from: "2026-01-10T11:00:00Z", to: "2026-01-11T00:00:00Z" });
    // In id order (one statement wrote them), not time order.
    expect(ranged.data.map((e) => e.occurred_at)).toEqual(["2026-01-10T23:30:00.000Z", "2026-01-10T12:00:00.000Z"]);

    const counts = await call(testDb.prisma, apiRoutes.countEvents, { token, query: { from: "2026-01-10", to: "2026-01-11", type: "count.a,count.b" } });
    expect(counts.status).toBe(200);
    expect(counts.json!.data).toEqual(
      expect.arrayContaining([
        // 01:00 UTC on the 11th is still the 10th in New York.
        { day: "2026-01-10", venue_id: venueId, type: "count.a", count: 2 },
        { day: "2026-01-10", venue_id: venueId, type: "count.b", count: 1 },
        { day: "2026-01-10", venue_id: otherVenueId, type: "count.a", count: 1 },
      ]),
    );
    const bad = await call(testDb.prisma, apiRoutes.countEvents, { token, query: { from: "2026-01-11", to: "2026-01-10" } });
    expect(bad.status).toBe(400);
    expect(bad.json!.errors).toEqual([expect.objectContaining({ in: "query", pointer: "to" })]);
    expect((await call(testDb.prisma, apiRoutes.listEvents, { token, query: { after: "999999999" } })).status).toBe(400);
    expect((await call(testDb.prisma, apiRoutes.listEvents, { token, query: { limit: "0" } })).status).toBe(400);
  });
});

describe("paging while events are written", () => {
  it("holds back an event whose transaction is still open and everything after it, then serves both in commit-safe order", async () => {
    const start = (await page({ limit: "1000" })).next_cursor!;
    const early = await client();
    const late = await client();
    try {
      // `late` starts writing first, so its transaction id is the older one…
      await late.query("BEGIN");
      await late.query("UPDATE venue SET name = name WHERE id = $1", [venueId]);
      // …`early` takes a lower event id and stays open…
      await early.query("BEGIN");
      const lowId = await insert(early, "race.low");
      // …while `late` takes a higher id and commits first.
      const highId = await insert(late, "race.high");
      await late.query("COMMIT");
      expect(BigInt(lowId)).toBeLessThan(BigInt(highId));

      const during = await page({ after: start, type: "race.low,race.high" });
      // Served in transaction order: the high id committed by the older transaction may come,
      // but a reader that takes it still gets the low id later, after its cursor.
      const seen = during.data.map((e) => e.id);
      expect(seen).not.toContain(lowId);
      await early.query("COMMIT");

      const after = await page({ after: during.next_cursor!, type: "race.low,race.high" });
      const all = [...seen, ...after.data.map((e) => e.id)];
      expect(all.sort()).toEqual([lowId, highId].sort());
    } finally {
      await early.end();
      await late.end();
    }
  });

  it("a reader paging all along collects every committed event exactly once", async () => {
    const start = (await page({ limit: "1000" })).next_cursor!;
    const writers = await Promise.all(Array.from({ length: 6 }, () => client()));
    const committed: string[] = [];
    let writing = true;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const write = async (c: pg.Client, n: number) => {
      for (let round = 0; round < 12; round++) {
        await c.query("BEGIN");
        const ids: string[] = [];
        for (let i = 0; i < 1 + ((n + round) % 3); i++) ids.push(await insert(c, "stress"));
        await sleep((n * 7 + round * 13) % 25);
        if ((n + round) % 5 === 0) {
          await c.query("ROLLBACK"); // gaps in the ids that never fill
        } else {
          await c.query("COMMIT");
          committed.push(...ids);
        }
      }
    };
    const seen: string[] = [];
    let cursor = start;
    const read = async () => {
      while (writing) {
        const p = await page({ after: cursor, type: "stress", limit: "3" });
        seen.push(...p.data.map((e) => e.id));
        cursor = p.next_cursor!;
        await sleep(3);
      }
    };
    const reader = read();
    await Promise.all(writers.map((c, n) => write(c, n)));
    writing = false;
    await reader;
    await Promise.all(writers.map((c) => c.end()));
    // Drain what is left (another test file's open transaction on this server may hold the
    // horizon back for a moment, so wait for it rather than read once).
    for (let tries = 0; tries < 100 && seen.length < committed.length; tries++) {
      const p = await page({ after: cursor, type: "stress", limit: "1000" });
      seen.push(...p.data.map((e) => e.id));
      cursor = p.next_cursor!;
      if (p.data.length === 0) await sleep(100);
    }
    expect(committed.length).toBeGreaterThan(40);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...committed].sort());
  });
});
