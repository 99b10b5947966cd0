// API keys: who gets in (401 for every kind of bad key, saying nothing), what they reach
// (403 for another venue or scope, 404 for guests they may not see), the per-key rate limit
// in PostgreSQL, and the staff side: shown once, stored hashed, audited, revocable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApiKey, revokeApiKey, shareableNamespaces } from "@/lib/api-keys";
import { hashApiToken } from "@/lib/api-keys/token";
import { apiRoutes } from "@/lib/api/routes";
import { isDomainError } from "@/lib/errors";

import { connectGuest } from "../guests/connect-guest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";
import { call, createAdmin, createKey } from "./api-fixture";

let testDb: TestDatabase;
let admin: { id: string; role: "ADMIN" };
let venueA: { id: string; slug: string };
let venueB: { id: string; slug: string };
let guestB: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  admin = await createAdmin(testDb.prisma);
  venueA = (await createVenueFixture(testDb.prisma, { locales: ["en"] })).venue;
  venueB = (await createVenueFixture(testDb.prisma, { locales: ["en"] })).venue;
  await connectGuest(testDb.prisma, venueA.slug, "a@guests.test");
  await connectGuest(testDb.prisma, venueB.slug, "b@guests.test");
  guestB = (await testDb.prisma.guest.findUniqueOrThrow({ where: { emailNormalized: "b@guests.test" } })).id;
});
afterAll(async () => {
  await testDb?.drop();
});

function expectUnauthorized(result: Awaited<ReturnType<typeof call>>) {
  expect(result.status).toBe(401);
  expect(result.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(result.headers.get("www-authenticate")).toMatch(/^Bearer/);
  expect(result.json).toEqual({
    type: "https://portico.invalid/problems/unauthorized",
    title: expect.any(String),
    status: 401,
    detail: expect.any(String),
  });
  expect(result.text).not.toContain("@guests.test");
}

describe("authentication", () => {
  it("answers 401 problem+json, the same for every kind of bad key", async () => {
    const good = await createKey(testDb.prisma, admin);
    const revoked = await createKey(testDb.prisma, admin);
    await revokeApiKey(testDb.prisma, admin, revoked.id);
    const expiring = await createKey(testDb.prisma, admin, { expiresOn: new Date(Date.now() + 86_400_000) });
    await testDb.prisma.apiKey.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const wrongSecret = `${good.token.slice(0, -4)}AAAA` === good.token ? `${good.token.slice(0, -4)}BBBB` : `${good.token.slice(0, -4)}AAAA`;

    const route = apiRoutes.listGuests;
    expectUnauthorized(await call(testDb.prisma, route, {}));
    expectUnauthorized(await call(testDb.prisma, route, { headers: { authorization: good.token } })); // no "Bearer"
    expectUnauthorized(await call(testDb.prisma, route, { token: "ptk_nonsense" }));
    expectUnauthorized(await call(testDb.prisma, route, { token: wrongSecret }));
    expectUnauthorized(await call(testDb.prisma, route, { token: revoked.token }));
    expectUnauthorized(await call(testDb.prisma, route, { token: expiring.token }));
    const ok = await call(testDb.prisma, route, { token: good.token });
    expect(ok.status).toBe(200);
    expect((ok.json!.data as unknown[]).length).toBe(2);
  });

  it("stores only the token's hash, audits creation and revocation, and marks use at most once a minute", async () => {
    const key = await createKey(testDb.prisma, admin, { shareable: "loyalty", scopes: ["guests:read", "visitor-data:write"] });
    const row = await testDb.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toBe(hashApiToken(key.token));
    const secret = key.token.slice("ptk_".length + 32 + 1); // base64url may itself hold "_"
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.lastUsedAt).toBeNull();

    await call(testDb.prisma, apiRoutes.listVenues, { token: key.token });
    const firstUse = (await testDb.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    expect(firstUse).not.toBeNull();
    await call(testDb.prisma, apiRoutes.listVenues, { token: key.token });
    expect((await testDb.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(firstUse);

    await revokeApiKey(testDb.prisma, admin, key.id);
    const audit = await testDb.prisma.auditEntry.findMany({ where: { entityType: "api_key", entityId: key.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["apiKey.create", "apiKey.revoke"]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(secret);
    await expect(revokeApiKey(testDb.prisma, admin, key.id)).rejects.toSatisfy((e) => isDomainError(e, "apiKeyAlreadyRevoked"));
  });

  it("refuses to create keys that write the portal's namespace or flip a namespace's shareability", async () => {
    await expect(createKey(testDb.prisma, admin, { internal: "portal" })).rejects.toSatisfy((e) => isDomainError(e, "apiKeyNamespaceReserved"));
    await createKey(testDb.prisma, admin, { internal: "crm-internal" });
    await expect(createKey(testDb.prisma, admin, { shareable: "crm-internal" })).rejects.toSatisfy((e) => isDomainError(e, "apiKeyNamespaceShareability"));
    await expect(createKey(testDb.prisma, admin, { internal: "Bad Name" })).rejects.toSatisfy((e) => isDomainError(e, "apiKeyNamespaceInvalid"));
    await expect(createKey(testDb.prisma, admin, { internal: "x", scopes: ["guests:read"] })).rejects.toSatisfy((e) =>
      isDomainError(e, "apiKeyNamespacesWithoutWrite"),
    );
    await expect(createApiKey(testDb.prisma, { id: admin.id, role: "MARKETER" as never }, {} as never)).rejects.toSatisfy((e) => isDomainError(e, "notPermitted"));
    expect(await shareableNamespaces(testDb.prisma)).toEqual(expect.arrayContaining(["portal", "loyalty"]));
    expect(await shareableNamespaces(testDb.prisma)).not.toContain("crm-internal");
  });
});

describe("what a key reaches", () => {
  it("a venue-scoped key sees its venue's guests only; another venue's guest is 404, naming another venue 403", async () => {
    const key = await createKey(testDb.prisma, admin, { venueId: venueA.id });
    const list = await call(testDb.prisma, apiRoutes.listGuests, { token: key.token });
    expect((list.json!.data as { email: string }[]).map((g) => g.email)).toEqual(["a@guests.test"]);

    for (const route of [apiRoutes.getGuest, apiRoutes.getGuestConsents, apiRoutes.listGuestVisits, apiRoutes.getVisitorData]) {
      const other = await call(testDb.prisma, route, { token: key.token, params: { guestId: guestB } });
      expect(other.status, route.operationId).toBe(404);
      expect(other.text).not.toContain("b@guests.test");
    }
    const byEmail = await call(testDb.prisma, apiRoutes.getGuestByEmail, { token: key.token, query: { email: "b@guests.test" } });
    expect(byEmail.status).toBe(404);

    const otherVenue = await call(testDb.prisma, apiRoutes.listEvents, { token: key.token, query: { venue_id: venueB.id } });
    expect(otherVenue.status).toBe(403);
    expect(otherVenue.json!.type).toBe("https://portico.invalid/problems/forbidden");
    expect((await call(testDb.prisma, apiRoutes.getVenue, { token: key.token, params: { venueId: venueB.id } })).status).toBe(403);
    const venues = await call(testDb.prisma, apiRoutes.listVenues, { token: key.token });
    expect((venues.json!.data as { id: string }[]).map((v) => v.id)).toEqual([venueA.id]);
    const events = await call(testDb.prisma, apiRoutes.listEvents, { token: key.token });
    expect((events.json!.data as { venue_id: string }[]).every((e) => e.venue_id === venueA.id)).toBe(true);
    expect((events.json!.data as unknown[]).length).toBeGreaterThan(0);
  });

  it("a key without the scope an operation needs gets 403 and no data", async () => {
    const eventsOnly = await createKey(testDb.prisma, admin, { scopes: ["events:read"] });
    const refused = await call(testDb.prisma, apiRoutes.listGuests, { token: eventsOnly.token });
    expect(refused.status).toBe(403);
    expect(refused.json!.detail).toContain("guests:read");
    expect(refused.text).not.toContain("@guests.test");
    const readOnly = await createKey(testDb.prisma, admin, { scopes: ["guests:read"] });
    const write = await call(testDb.prisma, apiRoutes.patchVisitorData, { token: readOnly.token, params: { guestId: guestB }, body: {}, headers: { "if-match": '"x"' } });
    expect(write.status).toBe(403);
    expect((await call(testDb.prisma, apiRoutes.listEvents, { token: eventsOnly.token })).status).toBe(200);
  });
});

describe("rate limit", () => {
  it("lets a key's allowance through, then answers 429 with Retry-After, whichever client asks", async () => {
    const key = await createKey(testDb.prisma, admin, { rateLimitPerMinute: 3 });
    const other = await createKey(testDb.prisma, admin, { rateLimitPerMinute: 3 });
    // Concurrent requests share the row in PostgreSQL: exactly three of five get through.
    const results = await Promise.all(Array.from({ length: 5 }, () => call(testDb.prisma, apiRoutes.listVenues, { token: key.token })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
    const limited = results.find((r) => r.status === 429)!;
    expect(limited.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(20);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited.json!.type).toBe("https://portico.invalid/problems/rate-limited");
    // Another key's allowance is its own.
    expect((await call(testDb.prisma, apiRoutes.listVenues, { token: other.token })).status).toBe(200);
  });
});
