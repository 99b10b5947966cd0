// The rollups against the raw tables: for random visits across three time zones (London over
// both 2026 clock changes, Kolkata's half-hour offset, New York), every dashboard figure equals
// a direct count over visit, event, device and consent_record; and it stays so after an event
// commits late with a lower id, and after a guest is erased.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { foldEvents, rebuildRollups, rebuildVenueRollups } from "@/lib/analytics/fold-events";
import { loadDashboard, type DashboardData } from "@/lib/analytics/load-dashboard";
import type { DashboardFilters } from "@/lib/analytics/schemas";
import { dwellBucket } from "@/lib/analytics/dimensions";
import { Prisma } from "@/lib/generated/prisma/client";
import { eraseGuest } from "@/lib/rights/erase-guest";
import { updateVenue } from "@/lib/venues";
import { venueUpdateSchema } from "@/lib/venues/schemas";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { startTestQueue } from "@/tests/support/job-queue";

import { createFixtureVenue, createGuests, writeVisit, writeVisitOn, type FixtureVenue, type VisitSpec } from "./analytics-fixture";

let database: TestDatabase;
let venues: FixtureVenue[];
let guests: string[];
const seen = new Set<string>();

beforeAll(async () => {
  database = await createTestDatabase();
  venues = [
    await createFixtureVenue(database.prisma, "london", "Europe/London"),
    await createFixtureVenue(database.prisma, "kolkata", "Asia/Kolkata"),
    await createFixtureVenue(database.prisma, "newyork", "America/New_York"),
  ];
  guests = await createGuests(database.prisma, 40);
}, 60_000);
afterAll(async () => database?.drop());

const db = () => database.prisma;

/** Folds until every committed event is in: the horizon is server-wide, so another database's open transaction can hold a run back for a moment. */
async function foldAll(batchSize?: number): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    await foldEvents(db(), { batchSize });
    const [left] = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM event, analytics_watermark w WHERE w.id = 'events' AND (event.tx_id, event.id) > (w.tx_id, w.event_id)`;
    if (left!.n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the fold did not catch up within 30 s");
}

// Times near both of London's 2026 clock changes (29 March 01:00 UTC, 25 October 01:00 UTC).
const windows = [Date.parse("2026-03-27T00:00:00Z"), Date.parse("2026-10-23T00:00:00Z")];
const visitArb = fc.record({
  venue: fc.nat({ max: 2 }),
  zone: fc.integer({ min: -1, max: 1 }),
  guest: fc.nat({ max: 39 }),
  window: fc.nat({ max: 1 }),
  offsetMinutes: fc.nat({ max: 5 * 24 * 60 }),
  loginMethod: fc.constantFrom("EMAIL", "LOYALTY", "SAML" as const),
  deviceType: fc.constantFrom("MOBILE", "TABLET", "DESKTOP", "OTHER" as const),
  language: fc.constantFrom("en-GB", "fr", "hi-IN", null),
  marketing: fc.option(fc.boolean()),
  sponsor: fc.option(fc.boolean()),
  dwell: fc.option(fc.option(fc.nat({ max: 6 * 3600 })), { nil: undefined }),
});

type VisitRow = typeof visitArb extends fc.Arbitrary<infer T> ? T : never;

function spec(r: VisitRow): VisitSpec {
  const venue = venues[r.venue]!;
  const guestId = guests[r.guest]!;
  const firstVisit = !seen.has(guestId);
  seen.add(guestId);
  const decisions = [{ purpose: "terms", granted: true }];
  if (r.marketing !== null) decisions.push({ purpose: "marketing", granted: r.marketing });
  if (r.sponsor !== null) decisions.push({ purpose: "sponsor:acme", granted: r.sponsor });
  return {
    venue,
    zoneId: r.zone < 0 ? null : venue.zones[r.zone]!,
    guestId,
    firstVisit,
    at: new Date(windows[r.window]! + r.offsetMinutes * 60_000 + 1234),
    loginMethod: r.loginMethod,
    deviceType: r.deviceType,
    language: r.language,
    decisions,
    dwellSeconds: r.dwell,
  };
}

type Scope = { venueIds: string[]; zoneId?: string; from: string; to: string; granularity: "hour" | "day" | "week" };

/** The same figures, counted from the raw tables in each venue's time zone. */
async function truth(s: Scope) {
  const zone = (column: Prisma.Sql) => (s.zoneId ? Prisma.sql`AND ${column} = ${s.zoneId}::uuid` : Prisma.empty);
  const local = (column: Prisma.Sql) => Prisma.sql`(${column} AT TIME ZONE vn.timezone)`;
  const inRange = (column: Prisma.Sql) => Prisma.sql`${local(column)} >= ${s.from}::date AND ${local(column)} < ${s.to}::date + 1`;
  const venueIn = Prisma.sql`vn.id = ANY (${s.venueIds}::uuid[])`;
  const g = Prisma.raw(`'${s.granularity}'`);
  const series = await db().$queryRaw<{ bucket: string; visits: number; uniqueGuests: number }[]>`
    SELECT to_char(date_trunc(${g}, ${local(Prisma.sql`v.connected_at`)}), 'YYYY-MM-DD"T"HH24:MI') AS bucket, count(*)::int AS visits, count(DISTINCT v.guest_id)::int AS "uniqueGuests"
    FROM visit v JOIN venue vn ON vn.id = v.venue_id WHERE ${venueIn} ${zone(Prisma.sql`v.zone_id`)} AND ${inRange(Prisma.sql`v.connected_at`)} GROUP BY 1 ORDER BY 1`;
  const guestKinds = await db().$queryRaw<{ bucket: string; newGuests: number; returningGuests: number }[]>`
    SELECT to_char(date_trunc(${g}, ${local(Prisma.sql`e.occurred_at`)}), 'YYYY-MM-DD"T"HH24:MI') AS bucket,
           count(*) FILTER (WHERE e.type = 'guest.created')::int AS "newGuests", count(*) FILTER (WHERE e.type = 'guest.returned')::int AS "returningGuests"
    FROM event e JOIN venue vn ON vn.id = e.venue_id WHERE e.type IN ('guest.created', 'guest.returned') AND ${venueIn} ${zone(Prisma.sql`e.zone_id`)} AND ${inRange(Prisma.sql`e.occurred_at`)}
    GROUP BY 1`;
  const [unique] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT v.guest_id)::int AS n FROM visit v JOIN venue vn ON vn.id = v.venue_id WHERE ${venueIn} ${zone(Prisma.sql`v.zone_id`)} AND ${inRange(Prisma.sql`v.connected_at`)}`;
  const splits = await db().$queryRaw<{ login: string; device: string; language: string | null }[]>`
    SELECT v.login_method::text AS login, d.device_type::text AS device, d.language
    FROM visit v JOIN venue vn ON vn.id = v.venue_id JOIN device d ON d.id = v.device_id WHERE ${venueIn} ${zone(Prisma.sql`v.zone_id`)} AND ${inRange(Prisma.sql`v.connected_at`)}`;
  const dwell = await db().$queryRaw<{ dwell: number | null }[]>`
    SELECT v.dwell_seconds AS dwell FROM visit v JOIN venue vn ON vn.id = v.venue_id
    WHERE v.ended_at IS NOT NULL AND ${venueIn} ${zone(Prisma.sql`v.zone_id`)} AND ${inRange(Prisma.sql`v.ended_at`)}`;
  const optIns = await db().$queryRaw<{ purpose: string; shown: number; granted: number }[]>`
    SELECT p.key AS purpose, count(*)::int AS shown, count(*) FILTER (WHERE r.granted)::int AS granted
    FROM consent_record r JOIN consent_purpose p ON p.id = r.purpose_id JOIN venue vn ON vn.id = p.venue_id JOIN visit v ON v.journey_id = r.journey_id
    WHERE p.key <> 'terms' AND ${venueIn} ${zone(Prisma.sql`v.zone_id`)} AND ${inRange(Prisma.sql`r.recorded_at`)} GROUP BY 1 ORDER BY 1`;
  const heat = await db().$queryRaw<{ d: number; h: number; n: number }[]>`
    SELECT extract(isodow FROM ${local(Prisma.sql`v.connected_at`)})::int AS d, extract(hour FROM ${local(Prisma.sql`v.connected_at`)})::int AS h, count(*)::int AS n
    FROM visit v JOIN venue vn ON vn.id = v.venue_id WHERE ${venueIn} ${zone(Prisma.sql`v.zone_id`)} AND ${inRange(Prisma.sql`v.connected_at`)} GROUP BY 1, 2`;
  const tally = (values: string[]) => Object.fromEntries([...new Set(values)].sort().map((k) => [k, values.filter((x) => x === k).length]));
  return {
    series: series.filter((r) => r.visits > 0),
    guestKinds: guestKinds.filter((r) => r.newGuests + r.returningGuests > 0).sort((a, b) => a.bucket.localeCompare(b.bucket)),
    uniqueGuests: unique!.n,
    login: tally(splits.map((r) => r.login)),
    device: tally(splits.map((r) => r.device)),
    language: tally(splits.map((r) => (r.language ? r.language.split("-")[0]!.toLowerCase() : "unknown"))),
    dwell: tally(dwell.map((r) => dwellBucket(r.dwell))),
    optIns,
    heat: heat.filter((r) => r.n > 0).sort((a, b) => a.d - b.d || a.h - b.h),
  };
}

async function dashboard(s: Scope): Promise<DashboardData> {
  const filters: DashboardFilters = { venue: s.venueIds.length === 1 ? s.venueIds[0] : undefined, zone: s.zoneId, from: s.from, to: s.to, granularity: s.granularity };
  const all = await db().venue.findMany({ select: { id: true, name: true, timezone: true } });
  return loadDashboard(db(), filters, s.venueIds.length === 1 ? all : all.filter((v) => s.venueIds.includes(v.id)));
}

/** The dashboard's figures in the shape truth() gives them. */
function figures(d: DashboardData) {
  const tally = (items: { value: string; count: number }[]) => Object.fromEntries(items.map((i) => [i.value, i.count]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  return {
    series: d.series.filter((p) => p.visits > 0).map((p) => ({ bucket: p.bucket, visits: p.visits, uniqueGuests: p.uniqueGuests })),
    guestKinds: d.series.filter((p) => p.newGuests + p.returningGuests > 0).map((p) => ({ bucket: p.bucket, newGuests: p.newGuests, returningGuests: p.returningGuests })),
    uniqueGuests: d.totals.uniqueGuests,
    login: tally(d.splits.login),
    device: tally(d.splits.device),
    language: tally(d.splits.language),
    dwell: tally(d.splits.dwell),
    optIns: d.optIns.map((o) => ({ purpose: o.purpose, shown: o.shown, granted: o.granted })),
    heat: d.heatmap.flatMap((row, i) => row.map((n, h) => ({ d: i + 1, h, n }))).filter((r) => r.n > 0),
  };
}

function scopes(): Scope[] {
  const [london, kolkata] = venues;
  const wide = { from: "2026-03-20", to: "2026-11-05" };
  return [
    { venueIds: venues.map((v) => v.id), ...wide, granularity: "day" },
    { venueIds: venues.map((v) => v.id), ...wide, granularity: "week" },
    { venueIds: [london!.id], ...wide, granularity: "day" },
    { venueIds: [kolkata!.id], zoneId: kolkata!.zones[0], ...wide, granularity: "day" },
    // Hour by hour across the spring change (London skips 01:00) and the autumn one (01:00 twice).
    { venueIds: [london!.id], from: "2026-03-27", to: "2026-04-01", granularity: "hour" },
    { venueIds: [london!.id], from: "2026-10-23", to: "2026-10-28", granularity: "hour" },
    { venueIds: [kolkata!.id], from: "2026-03-28", to: "2026-03-29", granularity: "hour" },
    // A part of the range: unique guests over a range that is not a sum of days.
    { venueIds: venues.map((v) => v.id), from: "2026-03-28", to: "2026-10-24", granularity: "week" },
    // Whole months only (month rows), and whole weeks with no edge days (week rows).
    { venueIds: venues.map((v) => v.id), from: "2026-03-01", to: "2026-10-31", granularity: "day" },
    { venueIds: [london!.id], from: "2026-03-23", to: "2026-11-01", granularity: "week" },
    { venueIds: [london!.id], zoneId: london!.zones[1], ...wide, granularity: "week" },
  ];
}

async function expectRollupsMatchTruth(): Promise<void> {
  for (const s of scopes()) expect(figures(await dashboard(s)), JSON.stringify(s)).toEqual(await truth(s));
  await expectGuestDaysChained();
}

/** The cross-venue guest days are the venues' day rows chained per guest, and their counts are those days grouped. */
async function expectGuestDaysChained(): Promise<void> {
  const rows = (query: Prisma.Sql) => db().$queryRaw<{ row: string }[]>(query).then((r) => r.map((x) => x.row).sort());
  const derived = await rows(Prisma.sql`
    SELECT concat_ws(' ', guest_id, period, COALESCE(lag(period) OVER (PARTITION BY guest_id ORDER BY period), '-infinity'::date), count(*)) AS row
    FROM analytics_guest_period WHERE grain = 'd' GROUP BY guest_id, period`);
  expect(derived.length).toBeGreaterThan(0);
  expect(await rows(Prisma.sql`SELECT concat_ws(' ', guest_id, day, previous_day, venues) AS row FROM analytics_guest_day`)).toEqual(derived);
  expect(await rows(Prisma.sql`SELECT concat_ws(' ', day, previous_day, guests) AS row FROM analytics_unique_day WHERE guests <> 0`)).toEqual(
    await rows(Prisma.sql`SELECT concat_ws(' ', day, previous_day, count(*)) AS row FROM analytics_guest_day GROUP BY day, previous_day`),
  );
}

describe("analytics rollups", () => {
  it("equal direct counts over the raw tables for random visits across time zones and clock changes, folded in batches as they arrive", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(visitArb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 40 }), async (rows, batchSize) => {
        for (const r of rows) await writeVisit(db(), spec(r));
        await foldAll(batchSize);
        await expectRollupsMatchTruth();
      }),
      { numRuns: 12 },
    );
    // The hourly series of the autumn change day has London's repeated 01:00 as one bucket of two hours.
    const buckets = (await dashboard({ venueIds: [venues[0]!.id], from: "2026-10-25", to: "2026-10-25", granularity: "hour" })).series.map((p) => p.bucket);
    expect(buckets).toHaveLength(24);
  }, 300_000);

  it("folds an event that commits after a run, with a lower id than events already folded", async () => {
    const london = venues[0]!;
    const late = new pg.Client({ connectionString: database.url });
    await late.connect();
    try {
      await foldAll();
      const before = (await dashboard(scopes()[2]!)).totals.visits;
      await late.query("BEGIN");
      await writeVisitOn(late, spec({ venue: 0, zone: 0, guest: 1, window: 0, offsetMinutes: 60, loginMethod: "EMAIL", deviceType: "MOBILE", language: "en-GB", marketing: true, sponsor: null, dwell: 1800 }));
      const [{ lateId }] = (await late.query<{ lateId: string }>("SELECT max(id)::text AS \"lateId\" FROM event")).rows as [{ lateId: string }];
      // Written and committed after the late transaction took its ids.
      await writeVisit(db(), spec({ venue: 0, zone: 1, guest: 2, window: 0, offsetMinutes: 120, loginMethod: "SAML", deviceType: "DESKTOP", language: "fr", marketing: false, sponsor: true, dwell: null }));
      await foldEvents(db());
      const [{ maxFolded }] = await db().$queryRaw<[{ maxFolded: string }]>`SELECT event_id::text AS "maxFolded" FROM analytics_watermark WHERE id = 'events'`;
      // The open transaction holds the horizon: nothing at or after it is folded yet.
      expect((await dashboard(scopes()[2]!)).totals.visits).toBe(before);
      expect(BigInt(maxFolded) < BigInt(lateId)).toBe(true);
      await late.query("COMMIT");
      await foldAll();
      expect((await dashboard(scopes()[2]!)).totals.visits).toBe(before + 2);
      await expectRollupsMatchTruth();
      expect(london.id).toBeTruthy();
    } finally {
      await late.end();
    }
  }, 120_000);

  it("are unchanged by erasing a guest, folded on or rebuilt from the log", async () => {
    await foldAll();
    const snapshot = await Promise.all(scopes().map((s) => dashboard(s).then(figures)));
    const admin = await db().staffUser.create({ data: { email: "analytics-admin@portico.test", role: "ADMIN" } });
    for (const guestId of guests.slice(0, 3)) {
      if (seen.has(guestId)) await eraseGuest(db(), { id: admin.id, role: "ADMIN" }, { guestId, reason: "Asked to be forgotten" }, { wake: false });
    }
    const [{ erased }] = await db().$queryRaw<[{ erased: number }]>`SELECT count(*)::int AS erased FROM guest WHERE erased_at IS NOT NULL`;
    expect(erased).toBeGreaterThan(0);
    await foldAll();
    expect(await Promise.all(scopes().map((s) => dashboard(s).then(figures)))).toEqual(snapshot);
    await rebuildRollups(db(), { batchSize: 17 });
    expect(await Promise.all(scopes().map((s) => dashboard(s).then(figures)))).toEqual(snapshot);
    await expectRollupsMatchTruth();
  }, 120_000);

  it("rebuild a venue whose time zone changes, by the job the change queues in its transaction", async () => {
    await foldAll();
    const queue = await startTestQueue(database.url, db());
    try {
      const kolkata = await db().venue.findUniqueOrThrow({ where: { id: venues[1]!.id } });
      const actor = { id: (await db().staffUser.create({ data: { email: "analytics-tz@portico.test", role: "ADMIN" } })).id, role: "ADMIN" as const, ip: "192.0.2.1" };
      const form = { venueId: kolkata.id, name: kolkata.name, slug: kolkata.slug, countryCode: kolkata.countryCode, locales: kolkata.locales, defaultLocale: kolkata.defaultLocale };
      const jobs = () => db().$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE name = 'analytics-venue-rebuild' AND data ->> 'venueId' = ${kolkata.id}`;
      // A refused change (another venue's slug) queues nothing.
      await expect(updateVenue(db(), actor, venueUpdateSchema.parse({ ...form, slug: "london", timezone: "Asia/Tokyo" }))).rejects.toThrow();
      expect(await jobs()).toEqual([]);

      // +05:30 to +09:00: visits late in Kolkata's evening move to the next day (and month) in Tokyo.
      await updateVenue(db(), actor, venueUpdateSchema.parse({ ...form, timezone: "Asia/Tokyo" }));
      for (let i = 0; i < 150 && (await jobs()).some((j) => j.state !== "completed"); i += 1) await new Promise((r) => setTimeout(r, 200));
      expect(await jobs()).toEqual([{ state: "completed" }]);
      await expectRollupsMatchTruth();
      // Rebuilding again changes nothing (the rebuild replaces the venue's rows, never adds to them).
      const snapshot = await Promise.all(scopes().map((s) => dashboard(s).then(figures)));
      await rebuildVenueRollups(db(), kolkata.id);
      expect(await Promise.all(scopes().map((s) => dashboard(s).then(figures)))).toEqual(snapshot);
    } finally {
      await queue.stop();
    }
  }, 120_000);
});
