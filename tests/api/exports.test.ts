// The export files through API v1: a key with exports:read lists its venues' finished days,
// each file with its figures and a signed link that the download route accepts; other keys
// are refused.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { apiRoutes } from "@/lib/api/routes";
import { folderStorage } from "@/lib/exports";
import { checkDownloadLink } from "@/lib/exports/download-link";
import { exportLinkKeys } from "@/lib/exports/export-links";
import { exportRunSchema } from "@/lib/exports/schemas";
import { runExports } from "@/lib/exports/staff/run-exports";

import { connectGuest } from "../guests/connect-guest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";
import { call, createAdmin, createKey } from "./api-fixture";

// The links are signed with a key derived from PORTICO_SECRET_KEY, read on first use.
process.env.PORTICO_SECRET_KEY ??= randomBytes(32).toString("base64");

let testDb: TestDatabase;
let root: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), "portico-api-exports-"));
});
afterAll(async () => {
  await testDb?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("GET /api/v1/exports", () => {
  it("lists the key's venues' finished days, newest first, with signed links to every file", async () => {
    const db = testDb.prisma;
    const admin = await createAdmin(db);
    const { venue } = await createVenueFixture(db);
    const { venue: other } = await createVenueFixture(db);
    await connectGuest(db, venue.slug, `api-export-${venue.slug}@example.com`, { grant: ["marketing"], at: new Date("2026-11-03T10:00:00Z") });
    const run = (venueId: string) => runExports(db, { ...admin, ip: null }, folderStorage(root), exportRunSchema.parse({ venueId, from: "2026-11-02", to: "2026-11-03" }), new Date("2026-12-01T12:00:00Z"));
    await run(venue.id);
    await run(other.id);

    const { token } = await createKey(db, admin, { venueId: venue.id, scopes: ["exports:read"] });
    const listed = await call(db, apiRoutes.listExports, { token });
    expect(listed.status).toBe(200);
    const days = listed.json!.data as { venue_id: string; day: string; files: { name: string; rows: number; sha256: string; url: string; url_expires_at: string }[] }[];
    expect(days.map((d) => [d.venue_id, d.day])).toEqual([
      [venue.id, "2026-11-03"],
      [venue.id, "2026-11-02"],
    ]);
    const guests = days[0]!.files.find((f) => f.name === "guests.csv.gz")!;
    expect(guests.rows).toBe(1);
    const stored = await db.exportDay.findFirstOrThrow({ where: { venueId: venue.id, day: new Date("2026-11-03T00:00:00Z") } });
    expect((stored.manifest as { files: { name: string; sha256: string }[] }).files.find((f) => f.name === "guests.csv.gz")!.sha256).toBe(guests.sha256);
    const link = new URL(guests.url, "http://portico.test");
    expect(link.pathname).toBe(`/exports/${venue.slug}/2026-11-03/guests.csv.gz`);
    const check = checkDownloadLink(exportLinkKeys(), { venueSlug: venue.slug, day: "2026-11-03", file: "guests.csv.gz" }, { expires: link.searchParams.get("expires"), signature: link.searchParams.get("signature") }, new Date());
    expect(check).toBe("valid");

    expect((await call(db, apiRoutes.listExports, { token, query: { from: "2026-11-03", to: "2026-11-03" } })).json!.data).toHaveLength(1);
    expect((await call(db, apiRoutes.listExports, { token, query: { venue_id: other.id } })).status).toBe(403);
    const noScope = await createKey(db, admin, { venueId: venue.id, scopes: ["events:read"] });
    expect((await call(db, apiRoutes.listExports, { token: noScope.token })).status).toBe(403);
    expect((await call(db, apiRoutes.listExports, { token: null })).status).toBe(401);
    expect((await call(db, apiRoutes.listExports, { token, query: { from: "3 Nov" } })).status).toBe(400);
  });
});
