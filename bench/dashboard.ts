// How fast the analytics dashboard answers over a big event log: 10,000,000 events (four per
// visit: guest.created/returned, visit.started, consent.recorded, access.ended) over 50 venues
// in six time zones and two years, with the guests, devices, journeys, visits and consent
// records they describe, bulk-loaded with INSERT … SELECT generate_series in chunks. Then the
// rollups are folded by the job's own code, and the dashboard's queries and a whole page (the
// page's loader + the server render of its view) are timed in several shapes. Prints p50/p95,
// generation and fold time, database and table sizes; asserts nothing about time.
//
//   npm run bench:dashboard [-- --events 10000000 --venues 50 --samples 20 --keep --database portico_bench_dashboard]
import { parseArgs } from "node:util";

import pg from "pg";
import { createElement } from "react";
import { renderToString } from "react-dom/server";

import { registerServerModules } from "@/lib/runtime/register-server-modules";

registerServerModules();

const { createPrismaClient } = await import("@/lib/db/client");
const { logger } = await import("@/lib/log");
const { foldEvents } = await import("@/lib/analytics/fold-events");
const { rollupTables } = await import("@/lib/analytics/fold-sql");
const { loadDashboard, dashboardVenues } = await import("@/lib/analytics/load-dashboard");
const q = await import("@/lib/analytics/dashboard-queries");
const { DashboardView } = await import("@/components/admin/analytics/dashboard-view");
const { createFreshDatabase, dropDatabase } = await import("@/tests/support/database");

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "10000000" },
    venues: { type: "string", default: "50" },
    samples: { type: "string", default: "20" },
    keep: { type: "boolean", default: false },
    /** Created, and dropped at the end unless --keep, on the local test server. */
    database: { type: "string", default: "portico_bench_dashboard" },
  },
});
const eventCount = Number(args.events);
const venueCount = Number(args.venues);
const samples = Number(args.samples);
const visitCount = Math.floor(eventCount / 4);
// A guest comes back about three times; one device each.
const guestCount = Math.max(1, Math.floor(visitCount / 3));
const chunk = 250_000;
logger.level = "warn";

const timeZones = ["Europe/London", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"];
const days = 730;

const url = await createFreshDatabase(args.database);
const db = createPrismaClient(url, 8);
const client = new pg.Client({ connectionString: url });
await client.connect();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const result = await work();
  console.log(`  ${label}: ${seconds(performance.now() - t)}`);
  return result;
};

try {
  console.log(`Generating ${eventCount.toLocaleString("en-GB")} events: ${visitCount.toLocaleString("en-GB")} visits by ${guestCount.toLocaleString("en-GB")} guests at ${venueCount} venues over ${days} days`);
  const generationStarted = performance.now();
  await time("venues, zones, sponsors, purposes, wording", async () => {
    await client.query(
      `INSERT INTO venue (id, slug, name, timezone, default_locale, locales, country_code, updated_at)
       SELECT gen_random_uuid(), 'venue-' || v, 'Venue ' || v, ($2::text[])[1 + v % array_length($2::text[], 1)], 'en', '{en}', 'GB', now() FROM generate_series(1, $1::int) v`,
      [venueCount, timeZones],
    );
    await client.query(`INSERT INTO zone (id, venue_id, slug, name) SELECT gen_random_uuid(), v.id, 'zone-' || z, 'Zone ' || z FROM venue v, generate_series(1, 4) z`);
    await client.query(`INSERT INTO sponsor (id, venue_id, slug, name) SELECT gen_random_uuid(), v.id, s, initcap(s) FROM venue v, unnest('{acme,globex}'::text[]) s`);
    await client.query(
      `INSERT INTO consent_purpose (id, venue_id, kind, key, sponsor_id)
       SELECT gen_random_uuid(), venue_id, kind::consent_purpose_kind, key, sponsor_id FROM (
         SELECT v.id AS venue_id, 'TERMS' AS kind, 'terms' AS key, NULL::uuid AS sponsor_id FROM venue v UNION ALL SELECT v.id, 'MARKETING', 'marketing', NULL FROM venue v
         UNION ALL SELECT s.venue_id, 'SPONSOR', 'sponsor:' || s.slug, s.id FROM sponsor s) p`,
    );
    await client.query(
      `INSERT INTO consent_text (id, purpose_id, locale, version, body, sha256) SELECT gen_random_uuid(), id, 'en', 1, key, encode(sha256(convert_to(key, 'UTF8')), 'hex') FROM consent_purpose`,
    );
  });
  // Numbered lookups so each generated row can find its venue, zones and purposes by arithmetic.
  await client.query(`CREATE UNLOGGED TABLE bench_venue AS SELECT row_number() OVER (ORDER BY slug) - 1 AS vn, id, timezone FROM venue`);
  await client.query(`CREATE UNLOGGED TABLE bench_zone AS SELECT v.vn, row_number() OVER (PARTITION BY z.venue_id ORDER BY z.slug) - 1 AS z, z.id FROM zone z JOIN bench_venue v ON v.id = z.venue_id`);
  await client.query(
    `CREATE UNLOGGED TABLE bench_purpose AS SELECT v.vn, p.key, p.id AS purpose_id, t.id AS text_id FROM consent_purpose p JOIN consent_text t ON t.purpose_id = p.id JOIN bench_venue v ON v.id = p.venue_id`,
  );
  await client.query(`CREATE INDEX ON bench_zone (vn, z); CREATE INDEX ON bench_purpose (vn, key)`);

  await time("guests and devices", async () => {
    for (let from = 1; from <= guestCount; from += chunk) {
      const to = Math.min(guestCount, from + chunk - 1);
      await client.query(
        `INSERT INTO guest (id, email_normalized, email, first_seen_at, last_seen_at, visit_count, updated_at)
         SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'guest' || g || '@bench.test', 'guest' || g || '@bench.test', now(), now(), 3, now()
         FROM generate_series($1::int, $2::int) g`,
        [from, to],
      );
      await client.query(
        `INSERT INTO device (id, guest_id, fingerprint, device_type, os_family, browser, language)
         SELECT ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
                encode(sha256(convert_to(g::text, 'UTF8')), 'hex'),
                (ARRAY['MOBILE','MOBILE','MOBILE','TABLET','DESKTOP','OTHER'])[1 + g % 6]::device_type,
                (ARRAY['iOS','Android','Android','iOS','Windows','macOS','Linux'])[1 + g % 7],
                'Safari', (ARRAY['en-GB','fr-FR','de','es','hi-IN','ar','en-US'])[1 + g % 7]
         FROM generate_series($1::int, $2::int) g`,
        [from, to],
      );
    }
  });

  // Bulk-load practice: the big tables' secondary indexes are dropped for the load and built
  // again afterwards from their own definitions (one sort each instead of 10M index inserts).
  const bulkTables = ["event", "visit", "journey", "consent_record"];
  const { rows: secondaryIndexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY ($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [bulkTables],
  );
  for (const index of secondaryIndexes) await client.query(`DROP INDEX "${index.name}"`);
  // Their foreign keys too: one check per row (a trigger each) costs more than the inserts, and
  // the generator only writes ids it made. Added back (and so validated) after the load.
  const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE contype = 'f' AND conrelid::regclass::text = ANY ($1::text[])`,
    [bulkTables],
  );
  for (const key of foreignKeys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  await client.query("SET synchronous_commit = off");
  await time("journeys, visits, consent records and events", async () => {
    for (let from = 1; from <= visitCount; from += chunk) {
      const to = Math.min(visitCount, from + chunk - 1);
      await client.query("BEGIN");
      // One staging row per visit: who, where, when (busier in the evening, local clock), how.
      await client.query(
        `CREATE TEMP TABLE bench_visit ON COMMIT DROP AS
         SELECT n, bv.vn, bv.id AS venue_id, bz.id AS zone_id,
                CASE WHEN n <= $3::int THEN n ELSE 1 + (n::bigint * 7919) % $3::int END AS g,
                n <= $3::int AS first_visit,
                ((timestamp '2025-01-01' + (hashint4(n) & 2147483647) % $4::int * interval '1 day'
                   + (ARRAY[8,10,12,13,17,18,19,20,21,22])[1 + (hashint4(n * 3) & 2147483647) % 10] * interval '1 hour'
                   + (hashint4(n * 5) & 2147483647) % 3600 * interval '1 second') AT TIME ZONE bv.timezone) AS at,
                (ARRAY['EMAIL','EMAIL','EMAIL','LOYALTY','SAML'])[1 + n % 5]::login_method AS login,
                CASE WHEN n % 10 = 0 THEN NULL ELSE 300 + (hashint4(n * 7) & 2147483647) % 14400 END AS dwell,
                ('00000000-0000-4000-a000-' || lpad(to_hex(n), 12, '0'))::uuid AS journey_id,
                ('00000000-0000-4000-b000-' || lpad(to_hex(n), 12, '0'))::uuid AS visit_id
         FROM generate_series($1::int, $2::int) AS gs(n)
         JOIN bench_venue bv ON bv.vn = n % $5::int
         LEFT JOIN bench_zone bz ON bz.vn = bv.vn AND bz.z = (n / $5::int) % 5`,
        [from, to, guestCount, days, venueCount],
      );
      await client.query(
        `INSERT INTO journey (id, token, venue_id, status, locale, login_method, expires_at, guest_id, created_at, completed_at)
         SELECT journey_id, journey_id::text, venue_id, 'COMPLETED', 'en', login, at + interval '1 hour',
                ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, at, at FROM bench_visit`,
      );
      await client.query(
        `INSERT INTO visit (id, guest_id, venue_id, zone_id, device_id, journey_id, login_method, connected_at, ended_at, dwell_seconds)
         SELECT visit_id, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, venue_id, zone_id, ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid,
                journey_id, login, at, at + COALESCE(dwell, 600) * interval '1 second', dwell FROM bench_visit`,
      );
      await client.query(
        `INSERT INTO consent_record (guest_id, purpose_id, consent_text_id, granted, method, recorded_at, journey_id)
         SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(b.g), 12, '0'))::uuid, p.purpose_id, p.text_id,
                CASE p.key WHEN 'terms' THEN true WHEN 'marketing' THEN b.n % 5 < 2 ELSE b.n % 7 = 0 END, 'PORTAL', b.at, b.journey_id
         FROM bench_visit b JOIN bench_purpose p ON p.vn = b.vn
           AND p.key IN ('terms', 'marketing', CASE WHEN b.n % 2 = 0 THEN 'sponsor:acme' ELSE 'sponsor:globex' END)`,
      );
      await client.query(
        `INSERT INTO event (type, occurred_at, venue_id, zone_id, guest_id, device_id, journey_id, payload)
         SELECT e.type, e.at, b.venue_id, b.zone_id, ('00000000-0000-4000-8000-' || lpad(to_hex(b.g), 12, '0'))::uuid,
                ('00000000-0000-4000-9000-' || lpad(to_hex(b.g), 12, '0'))::uuid, b.journey_id, e.payload
         FROM bench_visit b CROSS JOIN LATERAL (VALUES
           (1, CASE WHEN b.first_visit THEN 'guest.created' ELSE 'guest.returned' END, b.at, jsonb_build_object('visitCount', 1)),
           (2, 'visit.started', b.at, jsonb_build_object('visitId', b.visit_id::text, 'loginMethod', b.login::text)),
           (3, 'consent.recorded', b.at, jsonb_build_object('decisions', jsonb_build_array(
                 jsonb_build_object('purpose', 'terms', 'granted', true), jsonb_build_object('purpose', 'marketing', 'granted', b.n % 5 < 2),
                 jsonb_build_object('purpose', CASE WHEN b.n % 2 = 0 THEN 'sponsor:acme' ELSE 'sponsor:globex' END, 'granted', b.n % 7 = 0)))),
           (4, 'access.ended', b.at + COALESCE(b.dwell, 600) * interval '1 second', jsonb_build_object('dwellSeconds', b.dwell, 'reason', 'Idle-Timeout'))
         ) AS e(position, type, at, payload)
         ORDER BY b.n, e.position`,
      );
      await client.query("COMMIT");
      if (to % 1_000_000 < chunk) console.log(`    … ${(to * 4).toLocaleString("en-GB")} events`);
    }
  });
  await time(`${secondaryIndexes.length} secondary indexes rebuilt`, async () => {
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const index of secondaryIndexes) await client.query(index.definition);
  });
  await time(`${foreignKeys.length} foreign keys added back and validated`, async () => {
    for (const key of foreignKeys) await client.query(`ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.definition}`);
  });
  // Sets hint bits and the visibility map once, as autovacuum would have long before a real fold.
  await time("VACUUM ANALYZE", () => client.query("VACUUM ANALYZE"));
  const generationMs = performance.now() - generationStarted;

  const foldStarted = performance.now();
  const folded = await foldEvents(db, { batchSize: 500_000 });
  const foldMs = performance.now() - foldStarted;
  // As autovacuum would after a fold this size: statistics, and the visibility map that lets the
  // distinct counts read the guest sets by index-only scans.
  await client.query(`VACUUM ANALYZE ${rollupTables.join(", ")}`);
  console.log(`Folded ${folded.events.toLocaleString("en-GB")} events in ${folded.batches} batches: ${seconds(foldMs)} (${Math.round(folded.events / (foldMs / 1000)).toLocaleString("en-GB")} events/s)`);

  // The job's steady state: a minute's worth of new events folded on top.
  await client.query(
    `INSERT INTO event (type, occurred_at, venue_id, guest_id, device_id, payload)
     SELECT 'visit.started', now() - n * interval '1 second', (SELECT id FROM venue ORDER BY slug LIMIT 1), ('00000000-0000-4000-8000-' || lpad(to_hex(1 + n % $1::int), 12, '0'))::uuid,
            ('00000000-0000-4000-9000-' || lpad(to_hex(1 + n % $1::int), 12, '0'))::uuid, '{"loginMethod":"EMAIL"}'
     FROM generate_series(1, 10000) n`,
    [guestCount],
  );
  const incStarted = performance.now();
  const incremental = await foldEvents(db);
  console.log(`Incremental fold of ${incremental.events.toLocaleString("en-GB")} new events: ${((performance.now() - incStarted) / 1000).toFixed(2)} s`);

  const venues = await dashboardVenues(db);
  const zones = await db.zone.findMany({ select: { id: true, venueId: true } });
  const pick = <T>(items: T[], i: number) => items[(i * 7) % items.length]!;
  const end = "2026-12-31";
  type Shape = { name: string; scope: (i: number) => { venue?: string; zone?: string; from: string; to: string; granularity: "hour" | "day" | "week" } };
  const shapes: Shape[] = [
    { name: "one venue, last month, per day", scope: (i) => ({ venue: pick(venues, i).id, from: "2026-12-01", to: end, granularity: "day" }) },
    { name: "one venue, 1 year, per week", scope: (i) => ({ venue: pick(venues, i).id, from: "2026-01-01", to: end, granularity: "week" }) },
    { name: "one venue and zone, 1 year, per week", scope: (i) => { const z = pick(zones, i); return { venue: z.venueId, zone: z.id, from: "2026-01-01", to: end, granularity: "week" }; } },
    { name: "one venue and zone, 7 days, per hour", scope: (i) => { const z = pick(zones, i); return { venue: z.venueId, zone: z.id, from: "2026-12-25", to: end, granularity: "hour" }; } },
    { name: "all venues, last month, per day", scope: () => ({ from: "2026-12-01", to: end, granularity: "day" }) },
    { name: "all venues, 28 days, per day", scope: () => ({ from: "2026-12-04", to: end, granularity: "day" }) },
    { name: "all venues, 1 year, per week", scope: () => ({ from: "2026-01-01", to: end, granularity: "week" }) },
    { name: "all venues, 2 years, per week", scope: () => ({ from: "2025-01-01", to: end, granularity: "week" }) },
  ];

  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  // One markdown row per shape, printed at the end for docs/TESTING.md.
  const table: string[][] = [];
  const report = (label: string, times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`  ${label.padEnd(16)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms`);
    table.at(-1)!.push(`${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 95).toFixed(1)}`);
  };
  const queries: [string, (s: ReturnType<Shape["scope"]>) => Promise<unknown>][] = [];
  const rollupScope = (s: ReturnType<Shape["scope"]>) => ({ venueIds: s.venue ? [s.venue] : venues.map((v) => v.id), zoneId: s.zone, from: s.from, to: s.to, everyVenue: !s.venue });
  queries.push(["totals", (s) => q.queryTotals(db, rollupScope(s))]);
  queries.push(["series", (s) => q.querySeries(db, rollupScope(s), s.granularity)]);
  queries.push(["heatmap", (s) => q.queryHeatmap(db, rollupScope(s))]);
  queries.push(["splits", (s) => q.querySplits(db, rollupScope(s))]);
  queries.push(["opt-ins", (s) => q.queryOptIns(db, rollupScope(s))]);
  queries.push(["opt-in trend", (s) => q.queryOptInTrend(db, rollupScope(s), s.granularity)]);
  queries.push(["top zones", (s) => q.queryTopZones(db, rollupScope(s))]);

  console.log(`\nLatency over ${samples} samples each (a different venue or zone per sample where the shape names one):`);
  for (const shape of shapes) {
    console.log(`${shape.name}`);
    table.push([shape.name]);
    for (const [label, run] of queries) {
      const times: number[] = [];
      for (let i = 0; i < samples; i += 1) {
        const t = performance.now();
        await run(shape.scope(i));
        times.push(performance.now() - t);
      }
      report(label, times);
    }
    const page: number[] = [];
    const loading: number[] = [];
    const rendering: number[] = [];
    let bytes = 0;
    for (let i = 0; i < samples; i += 1) {
      const t = performance.now();
      const data = await loadDashboard(db, shape.scope(i), venues);
      const loaded = performance.now();
      bytes = renderToString(createElement(DashboardView, { data, csvPath: "/admin/dashboard/export" })).length;
      page.push(performance.now() - t);
      loading.push(loaded - t);
      rendering.push(performance.now() - loaded);
    }
    report("page: loader", loading);
    report("page: render", rendering);
    report("whole page", page);
    console.log(`  (page HTML ${Math.round(bytes / 1024)} KiB)`);
  }

  const sizes = await client.query<{ name: string; size: string }>(
    `SELECT 'database' AS name, pg_size_pretty(pg_database_size(current_database())) AS size
     UNION ALL SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class
     WHERE relname = ANY ($1::text[])`,
    [["event", "visit", "consent_record", "journey", "guest", ...rollupTables]],
  );
  const rows = await client.query<{ name: string; rows: string }>(rollupTables.map((t) => `SELECT '${t}' AS name, count(*)::text AS rows FROM ${t}`).join(" UNION ALL "));
  console.log(`\n| shape (p50 / p95, ms) | ${queries.map(([label]) => label).join(" | ")} | page: loader | page: render | whole page |`);
  console.log(`| --- |${" --- |".repeat(queries.length + 3)}`);
  for (const row of table) console.log(`| ${row.join(" | ")} |`);
  console.log(`\nGeneration: ${seconds(generationMs)}; fold: ${seconds(foldMs)}`);
  console.log(`Sizes: ${sizes.rows.map((r) => `${r.name} ${r.size}`).join(", ")}`);
  console.log(`Rollup rows: ${rows.rows.map((r) => `${r.name} ${Number(r.rows).toLocaleString("en-GB")}`).join(", ")}`);
} finally {
  await client.end();
  await db.$disconnect();
  if (!args.keep) await dropDatabase(url);
}
