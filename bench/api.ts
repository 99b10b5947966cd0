// How fast the events feed pages through a large log: 1,000,000 events are loaded into a
// bench database in one INSERT … SELECT over generate_series, then API v1's events listing
// (the real handler: key check, rate limit, the feed query) is walked page by page — all
// venues, one venue's key, and a type filter. Prints pages/s, events/s and latency
// percentiles; asserts nothing about time (tests never do), but exits 1 if a walk repeated
// an event.
//
//   npm run bench:api [-- --events 1000000 --limit 1000 --pages 300 --keep]
import { parseArgs } from "node:util";

import pg from "pg";

import { registerServerModules } from "@/lib/runtime/register-server-modules";

registerServerModules();

const { createPrismaClient } = await import("@/lib/db/client");
const { logger } = await import("@/lib/log");
const { createApiKey } = await import("@/lib/api-keys");
const { handleApiRequest } = await import("@/lib/api/handle");
const { apiRoutes } = await import("@/lib/api/routes");
const { createFreshDatabase, dropDatabase } = await import("@/tests/support/database");

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    limit: { type: "string", default: "1000" },
    /** Pages per walk (each walk starts at the beginning of the log). */
    pages: { type: "string", default: "300" },
    keep: { type: "boolean", default: false },
  },
});
const eventCount = Number(args.events);
const limit = Number(args.limit);
const pagesPerWalk = Number(args.pages);
logger.level = "warn";

const url = await createFreshDatabase();
const db = createPrismaClient(url, 4);
try {
  const venues = await Promise.all(
    ["north", "south", "east", "west"].map((slug) => db.venue.create({ data: { slug, name: `Bench ${slug}`, defaultLocale: "en", locales: ["en"], countryCode: "GB" } })),
  );
  const admin = await db.staffUser.create({ data: { email: "bench@portico.test", role: "ADMIN" } });
  const actor = { id: admin.id, role: "ADMIN" as const };
  const key = (venueId: string) =>
    createApiKey(db, actor, { name: "bench", venueId, scopes: ["events:read"], shareableNamespaces: "", internalNamespaces: "", expiresOn: null, rateLimitPerMinute: 100_000 });
  const allVenues = await key("");
  const oneVenue = await key(venues[0]!.id);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const loadStarted = performance.now();
  // Ten writing transactions of 100,000 rows, so the feed crosses transaction boundaries.
  const batch = Math.ceil(eventCount / 10);
  for (let offset = 0; offset < eventCount; offset += batch) {
    await client.query(
      `INSERT INTO event (type, occurred_at, venue_id, payload)
       SELECT (ARRAY['journey.identified','guest.created','visit.started','consent.recorded','access.granted'])[1 + n % 5],
              timestamptz '2026-01-01' + n * interval '2 seconds',
              ($1::uuid[])[1 + (n / 7) % 4],
              jsonb_build_object('n', n)
       FROM generate_series($2::bigint, $3::bigint) AS n`,
      [venues.map((v) => v.id), offset, Math.min(offset + batch, eventCount) - 1],
    );
  }
  await client.query("ANALYZE event");
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const size = (await client.query("SELECT pg_size_pretty(pg_total_relation_size('event')) AS size")).rows[0].size as string;
  await client.end();
  console.log(`Loaded ${eventCount.toLocaleString("en")} events in ${loadSeconds.toFixed(1)} s (${Math.round(eventCount / loadSeconds).toLocaleString("en")}/s; table with indexes ${size}).`);

  async function walk(label: string, token: string, query: Record<string, string>) {
    const latencies: number[] = [];
    const seen = new Set<string>();
    let repeated = 0;
    let after: string | undefined;
    let events = 0;
    const started = performance.now();
    for (let page = 0; page < pagesPerWalk; page++) {
      const params = new URLSearchParams({ limit: String(limit), ...query, ...(after ? { after } : {}) });
      const request = new Request(`http://bench.invalid/api/v1/events?${params}`, { headers: { authorization: `Bearer ${token}` } });
      const t0 = performance.now();
      const response = await handleApiRequest(db, apiRoutes.listEvents, request, {});
      const body = (await response.json()) as { data: { id: string }[]; next_cursor: string; has_more: boolean };
      latencies.push(performance.now() - t0);
      if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
      for (const e of body.data) {
        if (seen.has(e.id)) repeated++;
        seen.add(e.id);
      }
      events += body.data.length;
      after = body.next_cursor;
      if (!body.has_more) break;
    }
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    console.log(
      `${label.padEnd(34)} ${String(latencies.length).padStart(5)} pages  ${(latencies.length / seconds).toFixed(1).padStart(7)} pages/s  ${Math.round(events / seconds).toLocaleString("en").padStart(9)} events/s  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms${repeated ? `  REPEATED ${repeated}` : ""}`,
    );
    return { repeated, events, pages: latencies.length };
  }

  console.log(`\nEvents listing, ${limit} per page, up to ${pagesPerWalk} pages per walk (in-process handler, PostgreSQL on this machine):`);
  const results = [
    await walk("every venue", allVenues.token, {}),
    await walk("one venue's key", oneVenue.token, {}),
    await walk("one type (every venue)", allVenues.token, { type: "visit.started" }),
    await walk("one venue, one type", oneVenue.token, { type: "consent.recorded" }),
  ];
  if (results.some((r) => r.repeated > 0)) process.exitCode = 1;
} finally {
  await db.$disconnect();
  if (!args.keep) await dropDatabase(url);
  else console.log(`Kept ${url}`);
}
