// Visitor data through the API: ETags and If-Match (428, 412), each key writing only its own
// namespaces, the portal's read-only, internal namespaces hidden from other keys, and bad
// bodies refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { apiRoutes } from "@/lib/api/routes";
import { maxBodyBytes } from "@/lib/api/read-body";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { call, createAdmin, createKey } from "./api-fixture";

let testDb: TestDatabase;
let admin: { id: string; role: "ADMIN" };
let crm: string; // writes "crm" (shareable)
let loyalty: string; // writes "loyalty-internal" (internal)

beforeAll(async () => {
  testDb = await createTestDatabase();
  admin = await createAdmin(testDb.prisma);
  crm = (await createKey(testDb.prisma, admin, { shareable: "crm" })).token;
  loyalty = (await createKey(testDb.prisma, admin, { internal: "loyalty-internal" })).token;
});
afterAll(async () => {
  await testDb?.drop();
});

async function newGuest(visitorData: Record<string, unknown> = { portal: { source: "wifi" } }) {
  const guest = await testDb.prisma.guest.create({ data: { email: `${crypto.randomUUID()}@vd.test`, visitorData: visitorData as never } });
  return guest.id;
}

const stored = async (guestId: string) => (await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guestId } })).visitorData;
const read = (token: string, guestId: string) => call(testDb.prisma, apiRoutes.getVisitorData, { token, params: { guestId } });
const patch = (token: string, guestId: string, body: unknown, etag?: string | null, contentType = "application/merge-patch+json") =>
  call(testDb.prisma, apiRoutes.patchVisitorData, {
    token,
    params: { guestId },
    body,
    headers: { "content-type": contentType, ...(etag ? { "if-match": etag } : {}) },
  });
const put = (token: string, guestId: string, body: unknown, etag?: string | null) =>
  call(testDb.prisma, apiRoutes.putVisitorData, { token, params: { guestId }, body, headers: etag ? { "if-match": etag } : {} });

describe("reading", () => {
  it("shows shareable namespaces and the key's own, with an ETag; others' internal namespaces stay hidden", async () => {
    const guestId = await newGuest({ portal: { source: "wifi" }, crm: { tier: "gold" }, "loyalty-internal": { points: 10 }, undeclared: { x: 1 } });
    const asCrm = await read(crm, guestId);
    expect(asCrm.status).toBe(200);
    expect(asCrm.json).toEqual({ portal: { source: "wifi" }, crm: { tier: "gold" } });
    expect(asCrm.headers.get("etag")).toMatch(/^"[0-9a-f]{64}"$/);
    expect(asCrm.headers.get("portico-writable-namespaces")).toBe("crm");
    const asLoyalty = await read(loyalty, guestId);
    expect(asLoyalty.json).toEqual({ portal: { source: "wifi" }, crm: { tier: "gold" }, "loyalty-internal": { points: 10 } });
    expect(asLoyalty.headers.get("etag")).not.toBe(asCrm.headers.get("etag"));
  });
});

describe("writing", () => {
  it("needs If-Match (428) and a fresh ETag (412), and writes nothing otherwise", async () => {
    const guestId = await newGuest();
    const before = await stored(guestId);
    const missing = await patch(crm, guestId, { crm: { tier: "gold" } });
    expect(missing.status).toBe(428);
    expect(missing.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await patch(crm, guestId, { crm: { tier: "gold" } }, "*")).status).toBe(428);
    const stale = await patch(crm, guestId, { crm: { tier: "gold" } }, `"${"0".repeat(64)}"`);
    expect(stale.status).toBe(412);
    expect(await stored(guestId)).toEqual(before);

    const etag = (await read(crm, guestId)).headers.get("etag")!;
    const written = await patch(crm, guestId, { crm: { tier: "gold", tags: ["a"] } }, etag);
    expect(written.status).toBe(200);
    expect(written.json).toEqual({ portal: { source: "wifi" }, crm: { tier: "gold", tags: ["a"] } });
    expect(written.headers.get("etag")).not.toBe(etag);
    // The same ETag again is now stale: a second writer that read before cannot clobber.
    expect((await patch(crm, guestId, { crm: { tier: "silver" } }, etag)).status).toBe(412);
    expect(await stored(guestId)).toEqual({ portal: { source: "wifi" }, crm: { tier: "gold", tags: ["a"] } });
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: guestId, action: "visitorData.write" } });
    expect(audit.actorDescription).toMatch(/^API key "/);
    expect(JSON.stringify(audit.after)).not.toContain("gold");
  });

  it("merge-patches deeply and removes with null; PUT replaces the key's namespaces and keeps the rest", async () => {
    const guestId = await newGuest({ portal: { source: "wifi" }, crm: { a: { b: 1, c: 2 }, d: 3 } });
    let etag = (await read(crm, guestId)).headers.get("etag")!;
    const patched = await patch(crm, guestId, { crm: { a: { c: null, e: 5 }, d: null } }, etag);
    expect(patched.json).toEqual({ portal: { source: "wifi" }, crm: { a: { b: 1, e: 5 } } });
    etag = patched.headers.get("etag")!;
    // The portal's namespace left out of the whole object stays as it is.
    const replaced = await put(crm, guestId, { crm: { only: true } }, etag);
    expect(replaced.status).toBe(200);
    expect(await stored(guestId)).toEqual({ portal: { source: "wifi" }, crm: { only: true } });
    // Sent back unchanged is fine too; the key's own namespace left out is removed.
    const again = await put(crm, guestId, { portal: { source: "wifi" } }, replaced.headers.get("etag"));
    expect(again.status).toBe(200);
    expect(await stored(guestId)).toEqual({ portal: { source: "wifi" } });
  });

  it("refuses any change to the portal's namespace or another key's, and writes nothing", async () => {
    const guestId = await newGuest({ portal: { source: "wifi" }, crm: { tier: "gold" } });
    const etag = (await read(loyalty, guestId)).headers.get("etag")!;
    for (const body of [{ portal: { source: "forged" } }, { portal: null }, { crm: { tier: "hacked" } }, { "loyalty-internal": { ok: 1 }, crm: null }]) {
      const refused = await patch(loyalty, guestId, body, etag);
      expect(refused.status, JSON.stringify(body)).toBe(403);
    }
    const putRefused = await put(loyalty, guestId, { portal: { source: "forged" }, "loyalty-internal": { ok: 1 } }, etag);
    expect(putRefused.status).toBe(403);
    expect(await stored(guestId)).toEqual({ portal: { source: "wifi" }, crm: { tier: "gold" } });
    // A namespace no key declared is nobody's to write either.
    expect((await patch(loyalty, guestId, { other: { x: 1 } }, etag)).status).toBe(403);
  });

  it("two keys writing their own namespaces at the same moment both keep their change", async () => {
    const guestId = await newGuest();
    const [crmTag, loyaltyTag] = [(await read(crm, guestId)).headers.get("etag")!, (await read(loyalty, guestId)).headers.get("etag")!];
    const [a, b] = await Promise.all([patch(crm, guestId, { crm: { tier: "gold" } }, crmTag), patch(loyalty, guestId, { "loyalty-internal": { points: 5 } }, loyaltyTag)]);
    // The loyalty key sees the shareable crm namespace, so it may be told to read again; never is a change lost.
    expect(a.status).toBe(200);
    if (b.status === 412) {
      const fresh = (await read(loyalty, guestId)).headers.get("etag")!;
      expect((await patch(loyalty, guestId, { "loyalty-internal": { points: 5 } }, fresh)).status).toBe(200);
    } else {
      expect(b.status).toBe(200);
    }
    expect(await stored(guestId)).toEqual({ portal: { source: "wifi" }, crm: { tier: "gold" }, "loyalty-internal": { points: 5 } });
  });

  it("many concurrent writers with the same ETag: exactly one wins, the rest get 412", async () => {
    const guestId = await newGuest();
    const etag = (await read(crm, guestId)).headers.get("etag")!;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => patch(crm, guestId, { crm: { writer: i } }, etag)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(7);
  });
});

describe("bodies that are refused before anything is written", () => {
  it("answers bad JSON 400, the wrong type 415, too large 413, too deep or the wrong shape 422, each as problem+json", async () => {
    const guestId = await newGuest();
    const before = await stored(guestId);
    const etag = (await read(crm, guestId)).headers.get("etag")!;
    const raw = (rawBody: string, contentType = "application/merge-patch+json") =>
      call(testDb.prisma, apiRoutes.patchVisitorData, { token: crm, params: { guestId }, rawBody, headers: { "content-type": contentType, "if-match": etag } });

    const cases: [string, Awaited<ReturnType<typeof raw>>][] = [
      ["400", await raw("{ not json")],
      ["415", await raw(JSON.stringify({ crm: {} }), "text/plain")],
      ["413", await raw(JSON.stringify({ crm: { blob: "x".repeat(maxBodyBytes) } }))],
      ["422", await raw(JSON.stringify({ crm: { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } } }))],
      ["422", await raw(JSON.stringify({ crm: "a string, not an object" }))],
      ["422", await raw(JSON.stringify({ "Not A Namespace": {} }))],
    ];
    for (const [status, result] of cases) {
      expect(String(result.status), result.text).toBe(status);
      expect(result.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(result.json!.status).toBe(result.status);
    }
    expect(await stored(guestId)).toEqual(before);
  });
});
