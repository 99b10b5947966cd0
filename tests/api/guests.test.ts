// Guests through the API: the change feed with updated_since, by id and email, consents with
// their wording versions, visits, and erased guests as anonymous ids only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { apiRoutes } from "@/lib/api/routes";
import { hashConsentWording } from "@/lib/consent/wording-hash";

import { connectGuest } from "../guests/connect-guest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture, publishWording } from "../support/venue-fixture";
import { call, createAdmin, createKey } from "./api-fixture";

let testDb: TestDatabase;
let token: string;
let venue: { id: string; slug: string };
let marketingId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const admin = await createAdmin(testDb.prisma);
  const fixture = await createVenueFixture(testDb.prisma, { locales: ["en"] });
  venue = fixture.venue;
  marketingId = fixture.purposes.find((p) => p.key === "marketing")!.id;
  token = (await createKey(testDb.prisma, admin, { scopes: ["guests:read"] })).token;
});
afterAll(async () => {
  await testDb?.drop();
});

type GuestJson = { id: string; email?: string; erased: boolean; visit_count?: number };
type Page = { data: GuestJson[]; next_cursor: string; has_more: boolean };

async function feed(query: Record<string, string>): Promise<Page> {
  const result = await call(testDb.prisma, apiRoutes.listGuests, { token, query });
  expect(result.status, result.text).toBe(200);
  return result.json as unknown as Page;
}

const guestId = async (email: string) => (await testDb.prisma.guest.findUniqueOrThrow({ where: { emailNormalized: email } })).id;

describe("the guest change feed", () => {
  it("pages through every guest once, then serves only guests changed since, each once per change", async () => {
    for (const n of [1, 2, 3, 4, 5]) await connectGuest(testDb.prisma, venue.slug, `feed${n}@guests.test`);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await feed({ limit: "2", ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((g) => g.email!));
      cursor = page.next_cursor;
      if (!page.has_more) break;
    }
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5].map((n) => `feed${n}@guests.test`));
    expect((await feed({ cursor: cursor! })).data).toEqual([]);

    // A returning guest moves to the end of the feed: the saved cursor finds exactly it.
    await connectGuest(testDb.prisma, venue.slug, "feed2@guests.test");
    const changed = await feed({ cursor: cursor! });
    expect(changed.data.map((g) => [g.email, g.visit_count])).toEqual([["feed2@guests.test", 2]]);
    expect((await feed({ cursor: changed.next_cursor })).data).toEqual([]);
  });

  it("starts a first sync from updated_since, and refuses a cursor it did not give out", async () => {
    const cut = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await connectGuest(testDb.prisma, venue.slug, "since@guests.test");
    expect((await feed({ updated_since: cut.toISOString() })).data.map((g) => g.email)).toEqual(["since@guests.test"]);
    const bad = await call(testDb.prisma, apiRoutes.listGuests, { token, query: { cursor: "bm9wZQ" } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await call(testDb.prisma, apiRoutes.listGuests, { token, query: { updated_since: "yesterday" } })).status).toBe(400);
  });
});

describe("one guest", () => {
  it("is found by id and by email however it is typed; erased guests are only an anonymous id", async () => {
    await connectGuest(testDb.prisma, venue.slug, "Ana.Lopez@Guests.test");
    const id = await guestId("ana.lopez@guests.test");
    const byId = await call(testDb.prisma, apiRoutes.getGuest, { token, params: { guestId: id } });
    expect(byId.json).toMatchObject({ id, erased: false, email: "Ana.Lopez@Guests.test", visit_count: 1 });
    const byEmail = await call(testDb.prisma, apiRoutes.getGuestByEmail, { token, query: { email: "  ANA.LOPEZ@guests.test " } });
    expect(byEmail.json!.id).toBe(id);
    expect((await call(testDb.prisma, apiRoutes.getGuest, { token, params: { guestId: "not-a-uuid" } })).status).toBe(404);
    expect((await call(testDb.prisma, apiRoutes.getGuest, { token, params: { guestId: "00000000-0000-4000-8000-000000000000" } })).status).toBe(404);

    // Erasure itself is another issue's work; erased_at is its marker.
    await testDb.prisma.guest.update({ where: { id }, data: { erasedAt: new Date(), email: null, emailNormalized: null, name: null } });
    const erased = await call(testDb.prisma, apiRoutes.getGuest, { token, params: { guestId: id } });
    expect(Object.keys(erased.json!).sort()).toEqual(["erased", "id", "updated_at"]);
    expect(erased.json!.erased).toBe(true);
    const inFeed = (await feed({ limit: "1000" })).data.find((g) => g.id === id)!;
    expect(inFeed).toEqual({ id, erased: true, updated_at: expect.any(String) });
  });

  it("has its consent per purpose now and in full, each with the wording version and hash shown", async () => {
    await connectGuest(testDb.prisma, venue.slug, "consent@guests.test", { grant: ["marketing"], at: new Date("2026-03-01T10:00:00Z") });
    const v2 = await publishWording(testDb.prisma, marketingId, "en", "Offers by email, v2.");
    await connectGuest(testDb.prisma, venue.slug, "consent@guests.test", { at: new Date("2026-03-08T10:00:00Z") });
    const id = await guestId("consent@guests.test");
    const result = await call(testDb.prisma, apiRoutes.getGuestConsents, { token, params: { guestId: id } });
    expect(result.status).toBe(200);
    const body = result.json as { current: { purpose: { key: string }; granted: boolean; wording: { version: number; sha256: string } }[]; history: unknown[] };
    expect(body.history).toHaveLength(4);
    const marketing = body.current.find((c) => c.purpose.key === "marketing")!;
    expect(marketing).toMatchObject({ granted: false, decision: "declined", wording: { version: 2, sha256: v2.sha256 } });
    expect(body.current.map((c) => c.purpose.key).sort()).toEqual(["marketing", "terms"]);
  });

  it("has its visits, newest first, paginated", async () => {
    for (const day of [1, 2, 3]) await connectGuest(testDb.prisma, venue.slug, "visits@guests.test", { at: new Date(`2026-04-0${day}T10:00:00Z`) });
    const id = await guestId("visits@guests.test");
    const first = await call(testDb.prisma, apiRoutes.listGuestVisits, { token, params: { guestId: id }, query: { limit: "2" } });
    const firstData = first.json!.data as { connected_at: string; venue_id: string }[];
    expect(firstData.map((v) => v.connected_at)).toEqual(["2026-04-03T10:00:00.000Z", "2026-04-02T10:00:00.000Z"]);
    expect(firstData[0]!.venue_id).toBe(venue.id);
    const second = await call(testDb.prisma, apiRoutes.listGuestVisits, { token, params: { guestId: id }, query: { cursor: first.json!.next_cursor as string } });
    expect((second.json!.data as { connected_at: string }[]).map((v) => v.connected_at)).toEqual(["2026-04-01T10:00:00.000Z"]);
    expect(second.json!.next_cursor).toBeNull();
  });
});

describe("venues and wording", () => {
  it("lists venues with zones and the wording guests were shown, never drafts", async () => {
    await testDb.prisma.consentText.create({ data: { purposeId: marketingId, locale: "en", version: 99, body: "draft", sha256: hashConsentWording("draft") } });
    const venues = await call(testDb.prisma, apiRoutes.listVenues, { token });
    expect((venues.json!.data as { id: string; zones: { slug: string }[] }[]).find((v) => v.id === venue.id)!.zones.map((z) => z.slug)).toEqual(["lobby"]);
    const texts = await call(testDb.prisma, apiRoutes.listConsentTexts, { token, query: { venue_id: venue.id } });
    const rows = texts.json!.data as { body: string; status: string; version: number; purpose: { key: string } }[];
    expect(rows.some((t) => t.body === "draft")).toBe(false);
    expect(rows.filter((t) => t.purpose.key === "marketing").map((t) => [t.version, t.status])).toEqual([
      [1, "RETIRED"],
      [2, "PUBLISHED"],
    ]);
  });
});

describe("consent flags on guests", () => {
  it("carry the latest decision per optional purpose of the key's venues, as the consent gate reads it", async () => {
    const db = testDb.prisma;
    const email = "flags@guests.test";
    await connectGuest(db, venue.slug, email, { grant: ["marketing"] });
    const id = await guestId(email);
    const first = await call(db, apiRoutes.getGuest, { token, params: { guestId: id } });
    const consent = (first.json as { consent: { venue_id: string; purpose: string; granted: boolean }[] }).consent;
    expect(consent.map(({ venue_id, purpose, granted }) => ({ venue_id, purpose, granted }))).toEqual([{ venue_id: venue.id, purpose: "marketing", granted: true }]);

    // Later the guest says no (a newer record): the flag follows the newest decision.
    const text = await db.consentText.findFirstOrThrow({ where: { purposeId: marketingId, status: "PUBLISHED" } });
    await db.consentRecord.create({ data: { guestId: id, purposeId: marketingId, consentTextId: text.id, granted: false, method: "WITHDRAWAL" } });
    const after = await call(db, apiRoutes.getGuest, { token, params: { guestId: id } });
    expect((after.json as { consent: { granted: boolean }[] }).consent).toMatchObject([{ purpose: "marketing", granted: false }]);

    // Accepting the terms of use is not a consent to anything: never a flag.
    expect(JSON.stringify(after.json)).not.toContain('"terms"');
  });
});
