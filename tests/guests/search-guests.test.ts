import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readPageRequest, type PageRequest } from "@/lib/pagination/keyset-cursor";
import { guestSearchSchema } from "@/lib/guests/schemas";
import { searchGuests } from "@/lib/guests/search-guests";
import { DomainError } from "@/lib/errors";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";
import { connectGuest } from "./connect-guest";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

const marketer = { role: "MARKETER" as const };
const firstPage = (size = 25): PageRequest => ({ cursor: null, direction: "older", size });

/** Searches as the page does: the raw query string through the shared schema. */
async function search(q: string, options: { venue?: string; page?: PageRequest } = {}) {
  const input = guestSearchSchema.parse({ q, venue: options.venue });
  return searchGuests(testDb.prisma, marketer, input, options.page ?? firstPage());
}

async function guests(emails: string[], lastSeenAt = new Date()) {
  for (const email of emails) {
    await testDb.prisma.guest.create({ data: { email, emailNormalized: email.normalize("NFC").toLowerCase(), lastSeenAt } });
  }
}

const emailsOf = (result: Awaited<ReturnType<typeof search>>) => result.items.map((g) => g.email);

describe("searching guests by email", () => {
  it("says there are no guests yet on an empty database, whatever the search", async () => {
    const empty = await createTestDatabase();
    try {
      for (const q of ["", "someone@"]) {
        const result = await searchGuests(empty.prisma, marketer, guestSearchSchema.parse({ q }), firstPage());
        expect(result).toMatchObject({ items: [], empty: "no-guests" });
      }
    } finally {
      await empty.drop();
    }
  });

  it("normalises the query like guest emails: spaces, case and Unicode composition", async () => {
    await guests(["Ana.Silva@Norm.test", "José@Norm.test"]);
    expect(emailsOf(await search("  ANA.SILVA@norm.TEST  "))).toEqual(["Ana.Silva@Norm.test"]);
    // "é" typed as e + combining acute accent (NFD) finds the NFC-stored address.
    expect(emailsOf(await search("jose\u0301@NORM"))).toEqual(["José@Norm.test"]);
  });

  it("matches a prefix or any part of the address", async () => {
    await guests(["maria.lopez@part.test", "lopez.m@part.test", "other@part.test"]);
    expect(emailsOf(await search("maria")).sort()).toEqual(["maria.lopez@part.test"]);
    expect(emailsOf(await search("LOPEZ")).sort()).toEqual(["lopez.m@part.test", "maria.lopez@part.test"]);
  });

  it("treats LIKE wildcards and backslashes in the query as plain characters", async () => {
    await guests(["a_b@wild.test", "axb@wild.test", "a%b@wild.test", "a\\b@wild.test"]);
    expect(emailsOf(await search("a_b@wild"))).toEqual(["a_b@wild.test"]);
    expect(emailsOf(await search("%b@wild"))).toEqual(["a%b@wild.test"]);
    expect(emailsOf(await search("a\\b@wild"))).toEqual(["a\\b@wild.test"]);
    expect(emailsOf(await search("_"))).toEqual(["a_b@wild.test"]);
  });

  it("tells 'nothing matches' apart from 'no guests yet'", async () => {
    await guests(["someone@empty.test"]);
    expect(await search("nobody-like-this@")).toMatchObject({ items: [], empty: "no-match" });
  });

  it("leaves out erased guests", async () => {
    await testDb.prisma.guest.create({ data: { emailNormalized: null, email: null, erasedAt: new Date() } });
    await guests(["kept@erased.test"]);
    const all = await search("", { page: firstPage(200) });
    expect(all.items.every((g) => g.email !== null)).toBe(true);
  });

  it("narrows to guests who visited a venue, and lists each guest's venues", async () => {
    const harbour = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    const airport = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    await connectGuest(testDb.prisma, harbour.venue.slug, "both@venue.test");
    await connectGuest(testDb.prisma, airport.venue.slug, "both@venue.test");
    await connectGuest(testDb.prisma, airport.venue.slug, "airport-only@venue.test");

    const atHarbour = await search("@venue.test", { venue: harbour.venue.slug });
    expect(emailsOf(atHarbour)).toEqual(["both@venue.test"]);
    expect(atHarbour.items[0]!.venues).toEqual([harbour.venue.name, airport.venue.name].sort());
    expect(emailsOf(await search("@venue.test", { venue: airport.venue.slug })).sort()).toEqual(["airport-only@venue.test", "both@venue.test"]);
    expect(await search("@venue.test", { venue: "no-such-venue" })).toMatchObject({ items: [], unknownVenue: true });
  });

  it("refuses a role without guests.view", async () => {
    // Every role has it today; the check is what keeps a future role from reading guests.
    const stranger = { role: "NOBODY" as unknown as "ADMIN" };
    await expect(searchGuests(testDb.prisma, stranger, guestSearchSchema.parse({}), firstPage())).rejects.toBeInstanceOf(DomainError);
  });
});

describe("paging through guests", () => {
  // 3 seen at the same millisecond: the id breaks the tie, so no page boundary loses or repeats one.
  const base = Date.parse("2026-06-01T12:00:00.000Z");
  const seen = [0, 1, 1, 1, 2, 3, 4, 5].map((minutesAgo) => new Date(base - minutesAgo * 60_000));

  async function pagingGuests() {
    for (const [i, at] of seen.entries()) await guests([`guest${i}@paging.test`], at);
    return testDb.prisma.guest.findMany({
      where: { emailNormalized: { endsWith: "@paging.test" } },
      orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
  }

  const toRequest = (params: Record<string, string>) => readPageRequest(params, { size: 3, idKind: "uuid" });

  it("walks older pages with no gaps or duplicates, newest seen first, then back up again", async () => {
    const expected = (await pagingGuests()).map((g) => g.id);

    const pages: string[][] = [];
    let request = toRequest({});
    for (;;) {
      const page = await search("@paging.test", { page: request });
      pages.push(page.items.map((g) => g.id));
      if (pages.length > 1) expect(page.newer, "every later page links back").toBeTruthy();
      if (!page.older) break;
      request = toRequest({ older: page.older });
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(expected);

    // Walking back with the "newer" links shows the same pages in reverse.
    const back: string[][] = [];
    let page = await search("@paging.test", { page: request });
    while (page.newer) {
      page = await search("@paging.test", { page: toRequest({ newer: page.newer }) });
      back.unshift(page.items.map((g) => g.id));
    }
    expect(back).toEqual(pages.slice(0, -1));
    expect(page.newer).toBeUndefined();
  });

  it("keeps a page stable when a guest is seen again meanwhile", async () => {
    await guests(["a@stable.test", "b@stable.test", "c@stable.test", "d@stable.test"], new Date("2026-05-01T00:00:00Z"));
    const first = await search("@stable.test", { page: toRequest({}) });
    // The guest on page two returns: they move to the top, and page two does not repeat page one.
    const secondPageGuest = await testDb.prisma.guest.findMany({
      where: { emailNormalized: { endsWith: "@stable.test" }, id: { notIn: first.items.map((g) => g.id) } },
    });
    await testDb.prisma.guest.update({ where: { id: secondPageGuest[0]!.id }, data: { lastSeenAt: new Date() } });
    const second = await search("@stable.test", { page: toRequest({ older: first.older! }) });
    expect(second.items.map((g) => g.id)).not.toContain(first.items[0]!.id);
    expect(second.items.filter((g) => first.items.some((f) => f.id === g.id))).toEqual([]);
  });

  it("reports a tampered page link instead of guessing", () => {
    expect(toRequest({ older: "not-a-cursor" }).invalid).toBe(true);
    expect(toRequest({ older: Buffer.from("2026-01-01T00:00:00.000Z|1 OR 1=1").toString("base64url") }).invalid).toBe(true);
  });
});
