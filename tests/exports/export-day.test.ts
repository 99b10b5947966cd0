// A venue-day's export against real PostgreSQL: the files hold exactly what the database holds
// for that day in the venue's time zone, the manifest's counts and checksums are the files',
// marketing lists follow the consent gate, and re-running or backfilling never duplicates.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { dayWindow, exportVenueDay, exportVenueDays, folderStorage, type ExportManifest, type ExportStorage } from "@/lib/exports";
import { eventTypes } from "@/lib/events/record-event";
import { isDomainError } from "@/lib/errors";
import { exportYesterday } from "@/lib/exports/export-yesterday";

import { connectGuest } from "../guests/connect-guest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { withdraw } from "../support/delivery-fixture";
import { readCsvGz, readNdjsonGz, sha256 } from "../support/export-files";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
let root: string;
let storage: ExportStorage;

beforeAll(async () => {
  testDb = await createTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), "portico-export-test-"));
  storage = folderStorage(root);
});
afterAll(async () => {
  await testDb?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

const day = "2026-11-10";
// New York is UTC-5 on 10 November 2026: the venue's day is 05:00Z on the 10th to 05:00Z on the 11th.
const justBefore = new Date("2026-11-10T04:59:59.999Z");
const firstInstant = new Date("2026-11-10T05:00:00.000Z");
const lastInstant = new Date("2026-11-11T04:59:59.999Z");
const justAfter = new Date("2026-11-11T05:00:00.000Z");

async function newYorkVenue() {
  const { venue } = await createVenueFixture(testDb.prisma, { sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
  const updated = await testDb.prisma.venue.update({ where: { id: venue.id }, data: { timezone: "America/New_York" } });
  return { id: updated.id, slug: updated.slug, name: updated.name, timezone: updated.timezone };
}

const guestId = async (email: string) => (await testDb.prisma.guest.findUniqueOrThrow({ where: { emailNormalized: email } })).id;
const fileBytes = (venueSlug: string, name: string, at = day) => readFile(path.join(root, venueSlug, at, name));
const manifestOf = async (venueSlug: string, at = day) => JSON.parse((await fileBytes(venueSlug, "manifest.json", at)).toString("utf8")) as ExportManifest;

describe("a venue-day's files", () => {
  it("hold the day's events and guests in the venue's time zone, with the manifest's row counts, sizes and checksums", async () => {
    const venue = await newYorkVenue();
    const t = venue.slug;
    await connectGuest(testDb.prisma, venue.slug, `before-${t}@example.com`, { grant: ["marketing"], at: justBefore });
    await connectGuest(testDb.prisma, venue.slug, `first-${t}@example.com`, { grant: ["marketing", "sponsor:acme"], at: firstInstant });
    await connectGuest(testDb.prisma, venue.slug, `last-${t}@example.com`, { grant: [], at: lastInstant });
    await connectGuest(testDb.prisma, venue.slug, `after-${t}@example.com`, { grant: ["marketing"], at: justAfter });
    const inDay = [await guestId(`first-${t}@example.com`), await guestId(`last-${t}@example.com`)].sort();

    const result = await exportVenueDay({ db: testDb.prisma, storage, venue, day });
    expect(result.status).toBe("exported");
    const manifest = await manifestOf(venue.slug);
    expect(manifest.window).toEqual({ from: firstInstant.toISOString(), to: justAfter.toISOString() });

    // Every file the manifest names is there, byte for byte as recorded.
    for (const file of manifest.files) {
      const bytes = await fileBytes(venue.slug, file.name);
      expect({ name: file.name, bytes: bytes.length, sha256: sha256(bytes) }).toEqual({ name: file.name, bytes: file.bytes, sha256: file.sha256 });
      const rows = file.format === "csv" ? readCsvGz(bytes).rows : readNdjsonGz(bytes);
      expect(rows, file.name).toHaveLength(file.rows);
    }
    // One file per event type of the vocabulary and format, plus guests and a list per optional purpose.
    expect(manifest.files.map((f) => f.name)).toEqual(
      [...eventTypes.map((type) => `events.${type}`), "guests", "list.marketing", "list.sponsor.acme"].flatMap((d) => [`${d}.csv.gz`, `${d}.ndjson.gz`]).sort(),
    );

    // The events match the database's for that window, type by type, in time order.
    const dbEvents = await testDb.prisma.event.findMany({
      where: { venueId: venue.id, occurredAt: { gte: firstInstant, lt: justAfter } },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    });
    expect(dbEvents.length).toBeGreaterThan(0);
    for (const type of eventTypes) {
      const expected = dbEvents.filter((e) => e.type === type).map((e) => e.id.toString());
      const csv = readCsvGz(await fileBytes(venue.slug, `events.${type}.csv.gz`));
      expect(csv.header).toEqual(["event_id", "type", "occurred_at", "zone", "guest_id", "device_id", "journey_id", "payload"]);
      expect(csv.rows.map((r) => r.event_id), type).toEqual(expected);
      const ndjson = readNdjsonGz(await fileBytes(venue.slug, `events.${type}.ndjson.gz`));
      expect(ndjson.map((r) => String(r.event_id))).toEqual(expected);
    }
    const visits = readCsvGz(await fileBytes(venue.slug, "events.visit.started.csv.gz")).rows;
    expect(visits.map((r) => r.occurred_at)).toEqual([firstInstant.toISOString(), lastInstant.toISOString()]);
    expect(visits[0]).toMatchObject({ zone: "lobby" });
    const dbPayload = dbEvents.find((e) => e.type === "visit.started")!.payload;
    expect(JSON.parse(visits[0]!.payload!)).toEqual(dbPayload);

    // Guests: those who connected that day, by id, with the consent gate's flags.
    const guests = readCsvGz(await fileBytes(venue.slug, "guests.csv.gz"));
    expect(guests.rows.map((r) => r.guest_id)).toEqual(inDay);
    const first = guests.rows.find((r) => r.email === `first-${t}@example.com`)!;
    expect(first).toMatchObject({ erased: "false", visits_on_day: "1", consent_marketing: "true", consent_sponsor_acme: "true", first_connected_at: firstInstant.toISOString() });
    expect(guests.rows.find((r) => r.email === `last-${t}@example.com`)).toMatchObject({ consent_marketing: "false", consent_sponsor_acme: "false" });
    // The portal's own namespace is shareable (the portal's answers, e.g. how the guest signed in).
    expect(Object.keys(JSON.parse(first.visitor_data!) as object)).toEqual(["portal"]);
  });

  it("are the same bytes when the day is exported again, and a done day is skipped unless redone", async () => {
    const venue = await newYorkVenue();
    await connectGuest(testDb.prisma, venue.slug, `ana-${venue.slug}@example.com`, { grant: ["marketing"], at: firstInstant });
    await connectGuest(testDb.prisma, venue.slug, `ben-${venue.slug}@example.com`, { grant: ["sponsor:acme"], at: lastInstant });
    await exportVenueDay({ db: testDb.prisma, storage, venue, day });
    const manifest = await manifestOf(venue.slug);
    const before = await Promise.all([...manifest.files.map((f) => f.name), "manifest.json"].map((name) => fileBytes(venue.slug, name)));

    expect(await exportVenueDay({ db: testDb.prisma, storage, venue, day })).toEqual({ status: "skipped", day, reason: "done" });
    const again = await exportVenueDay({ db: testDb.prisma, storage, venue, day, redo: true });
    expect(again.status).toBe("exported");
    const after = await Promise.all([...manifest.files.map((f) => f.name), "manifest.json"].map((name) => fileBytes(venue.slug, name)));
    expect(after.map(sha256)).toEqual(before.map(sha256));
    expect(await testDb.prisma.exportDay.count({ where: { venueId: venue.id } })).toBe(1);
  });
});

describe("marketing lists", () => {
  it("hold only the day's guests whose current consent covers the purpose: a withdrawal before the export leaves them out", async () => {
    const venue = await newYorkVenue();
    const t = venue.slug;
    await connectGuest(testDb.prisma, venue.slug, `stays-${t}@example.com`, { grant: ["marketing", "sponsor:acme"], at: firstInstant });
    await connectGuest(testDb.prisma, venue.slug, `withdraws-${t}@example.com`, { grant: ["marketing", "sponsor:acme"], at: firstInstant });
    await connectGuest(testDb.prisma, venue.slug, `never-${t}@example.com`, { grant: [], at: firstInstant });
    await withdraw(testDb.prisma, await guestId(`withdraws-${t}@example.com`), venue.id, "sponsor:acme");

    await exportVenueDay({ db: testDb.prisma, storage, venue, day });
    const sponsor = readCsvGz(await fileBytes(venue.slug, "list.sponsor.acme.csv.gz"));
    const marketing = readCsvGz(await fileBytes(venue.slug, "list.marketing.csv.gz"));
    expect(sponsor.rows.map((r) => r.email)).toEqual([`stays-${t}@example.com`]);
    expect(marketing.rows.map((r) => r.email).sort()).toEqual([`stays-${t}@example.com`, `withdraws-${t}@example.com`].sort());
    // A sponsor sees what its purpose covers: no phone number, unlike the venue's own list.
    expect(sponsor.header).toEqual(["guest_id", "email", "name", "locale", "granted_at", "wording_locale", "wording_version", "wording_sha256"]);
    expect(marketing.header).toContain("phone");
    const wording = await testDb.prisma.consentText.findFirstOrThrow({ where: { purpose: { venueId: venue.id, key: "sponsor:acme" }, locale: "en", status: "PUBLISHED" } });
    expect(sponsor.rows[0]).toMatchObject({ wording_version: String(wording.version), wording_sha256: wording.sha256, granted_at: firstInstant.toISOString() });
    const guests = readCsvGz(await fileBytes(venue.slug, "guests.csv.gz")).rows;
    expect(guests.find((r) => r.email === `withdraws-${t}@example.com`)).toMatchObject({ consent_marketing: "true", consent_sponsor_acme: "false" });
  });

  it("leave out erased guests, who appear in the guest file as an anonymised id only", async () => {
    const venue = await newYorkVenue();
    await connectGuest(testDb.prisma, venue.slug, `erased-${venue.slug}@example.com`, { grant: ["marketing"], at: firstInstant });
    const id = await guestId(`erased-${venue.slug}@example.com`);
    await testDb.prisma.guest.update({ where: { id }, data: { email: null, emailNormalized: null, name: null, erasedAt: new Date() } });

    await exportVenueDay({ db: testDb.prisma, storage, venue, day });
    expect(readCsvGz(await fileBytes(venue.slug, "list.marketing.csv.gz")).rows).toEqual([]);
    const [row] = readNdjsonGz(await fileBytes(venue.slug, "guests.ndjson.gz"));
    expect(row).toMatchObject({ guest_id: id, erased: true, email: null, locale: null, visit_count: null, consent_marketing: false });
  });
});

describe("visitor data in the guest file", () => {
  it("holds the shareable namespaces only, never the internal ones, with keys in a stable order", async () => {
    const venue = await newYorkVenue();
    const email = `vd-${venue.slug}@example.com`;
    await connectGuest(testDb.prisma, venue.slug, email, { at: firstInstant });
    const id = await guestId(email);
    await testDb.prisma.visitorDataNamespace.createMany({ data: [{ name: "crm", shareable: true }, { name: "fraud", shareable: false }], skipDuplicates: true });
    const guest = await testDb.prisma.guest.findUniqueOrThrow({ where: { id } });
    await testDb.prisma.guest.update({
      where: { id },
      data: { visitorData: { ...(guest.visitorData as object), crm: { tier: "gold", id: "C-1" }, fraud: { score: 0.9 }, undeclared: { x: 1 } } },
    });

    await exportVenueDay({ db: testDb.prisma, storage, venue, day });
    const [row] = readNdjsonGz(await fileBytes(venue.slug, "guests.ndjson.gz"));
    const data = row!.visitor_data as Record<string, unknown>;
    expect(data.crm).toEqual({ id: "C-1", tier: "gold" });
    expect(Object.keys(data)).not.toContain("fraud");
    expect(Object.keys(data)).not.toContain("undeclared");
    const [csvRow] = readCsvGz(await fileBytes(venue.slug, "guests.csv.gz")).rows;
    expect(csvRow!.visitor_data).toContain('"crm":{"id":"C-1","tier":"gold"}');
  });
});

describe("days and ranges", () => {
  it("follow the venue's time zone across a daylight saving change (1 November 2026 is 25 hours in New York)", async () => {
    const venue = await newYorkVenue();
    const window = await dayWindow(testDb.prisma, venue, "2026-11-01");
    expect([window.from.toISOString(), window.to.toISOString()]).toEqual(["2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
  });

  it("a backfill creates exactly one export per day, however often it runs", async () => {
    const venue = await newYorkVenue();
    await connectGuest(testDb.prisma, venue.slug, `daily-${venue.slug}@example.com`, { grant: ["marketing"], at: firstInstant });
    const first = await exportVenueDays({ db: testDb.prisma, storage, venue, from: "2026-11-08", to: "2026-11-12" });
    expect(first.map((r) => r.status)).toEqual(["exported", "exported", "exported", "exported", "exported"]);
    const second = await exportVenueDays({ db: testDb.prisma, storage, venue, from: "2026-11-06", to: "2026-11-12" });
    expect(second.map((r) => `${r.day}:${r.status}`)).toEqual([
      "2026-11-06:exported",
      "2026-11-07:exported",
      ...["08", "09", "10", "11", "12"].map((d) => `2026-11-${d}:skipped`),
    ]);
    const rows = await testDb.prisma.exportDay.findMany({ where: { venueId: venue.id }, orderBy: { day: "asc" } });
    expect(rows.map((r) => [r.day.toISOString().slice(0, 10), r.status])).toEqual(
      ["06", "07", "08", "09", "10", "11", "12"].map((d) => [`2026-11-${d}`, "DONE"]),
    );
    const tenth = rows.find((r) => r.day.toISOString().startsWith(day))!;
    expect(tenth.rowCount).toBeGreaterThan(0n);
    expect(Number(tenth.byteSize)).toBe((tenth.manifest as unknown as ExportManifest).files.reduce((sum, f) => sum + f.bytes, 0));
  });

  it("refuses a day that has not ended in the venue's time zone", async () => {
    const venue = await newYorkVenue();
    const refusal = await exportVenueDay({ db: testDb.prisma, storage, venue, day, now: () => lastInstant }).catch((error: unknown) => error);
    expect(isDomainError(refusal, "exportDayNotOver")).toBe(true);
    expect(await testDb.prisma.exportDay.count({ where: { venueId: venue.id } })).toBe(0);
  });

  it("the daily job exports each venue's previous day in its own time zone, once", async () => {
    const newYork = await newYorkVenue();
    const tokyo = await newYorkVenue();
    await testDb.prisma.venue.update({ where: { id: tokyo.id }, data: { timezone: "Asia/Tokyo" } });
    // 03:00Z on 11 November: 22:00 on the 10th in New York, noon on the 11th in Tokyo.
    const now = new Date("2026-11-11T03:00:00Z");
    const first = await exportYesterday(testDb.prisma, storage, now);
    expect(first.failed).toBe(0);
    const days = async (venueId: string) => (await testDb.prisma.exportDay.findMany({ where: { venueId } })).map((r) => [r.day.toISOString().slice(0, 10), r.status]);
    expect(await days(newYork.id)).toEqual([["2026-11-09", "DONE"]]);
    expect(await days(tokyo.id)).toEqual([["2026-11-10", "DONE"]]);
    expect(await exportYesterday(testDb.prisma, storage, now)).toEqual({ exported: 0, failed: 0 });
  });
});
