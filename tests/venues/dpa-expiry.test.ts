// A sponsor whose data-processing agreement expires stops being offered on the consent page at
// the instant of expiry, by the real guest pages (the front door, in this process) and with the
// wording cached under an unchanged content version; the DPA expiry job then records the lapse
// and bumps the version; admins are told 30 days before; a renewed agreement brings it back.
import http from "node:http";
import type { AddressInfo } from "node:net";

import type { Pool } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { createPool } from "@/lib/db/client";
import { parseTrustedProxies } from "@/lib/http/client-address";
import { loadGuestRoutes } from "@/lib/runtime/guest-routes";
import { frontDoor } from "@/lib/runtime/next-app";
import { dpaExpiryJobActor, dpaNotices, lapseExpiredDpas } from "@/lib/venues/dpa-expiry";
import { sponsorVisibility } from "@/lib/venues/sponsor-visibility";
import { updateSponsor } from "@/lib/venues";
import { sponsorSchema } from "@/lib/venues/schemas";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";

let database: TestDatabase;
let pool: Pool;
let base: string;
let server: http.Server;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, 4);
  (globalThis as { porticoPool?: Pool }).porticoPool = pool;
  const guestRoutes = await loadGuestRoutes();
  server = http.createServer(frontDoor({ trust: parseTrustedProxies(undefined), guestRoutes, handle: async (_req, res) => void res.writeHead(404).end(), pool }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await pool?.end();
  await database?.drop();
});

/** The consent page a guest reaches after the email login, as HTML. */
async function consentPage(slug: string, email: string): Promise<string> {
  const gateway = "client_mac=aa:bb:cc:dd:ee:42&client_ip=10.1.2.3&ap_mac=00:11:22:33:44:55";
  const response = await fetch(`${base}/p/${slug}/login`, {
    method: "POST",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ method: "email", email, gateway }),
  });
  expect(response.status).toBe(200);
  return response.text();
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);
const versionOf = async (venueId: string) => (await database.prisma.venue.findUniqueOrThrow({ where: { id: venueId } })).contentVersion;

describe("a sponsor's DPA expiry", () => {
  it("hides the sponsor on the consent page from the expiry instant, in a process that cached the wording, before any job ran", async () => {
    const { venue } = await createVenueFixture(database.prisma, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }, { slug: "north", name: "Northwind" }] });
    const today = new Date();
    const expiry = new Date(`${utcDay(new Date(today.getTime() + 86_400_000))}T00:00:00Z`);
    const acme = await database.prisma.sponsor.findFirstOrThrow({ where: { venueId: venue.id, slug: "acme" } });
    await database.prisma.sponsor.update({ where: { id: acme.id }, data: { dpaExpiresAt: expiry } });

    const before = await consentPage(venue.slug, "before@example.org");
    expect(before).toContain("sponsor:acme wording (en) v1");
    expect(before).toContain("sponsor:north wording (en) v1");
    expect(await dpaNotices(database.prisma, { venueId: venue.id })).toEqual([
      expect.objectContaining({ sponsorName: "Acme Coffee", expiresOn: utcDay(expiry), state: "expiring" }),
    ]);
    const version = await versionOf(venue.id);

    // Only the clock moves: nothing in the database changes, the wording stays cached under the same version.
    vi.useFakeTimers({ toFake: ["Date"], now: expiry.getTime() - 1000 });
    expect(await consentPage(venue.slug, "just-before@example.org")).toContain("sponsor:acme wording (en) v1");
    vi.setSystemTime(expiry.getTime());
    const after = await consentPage(venue.slug, "after@example.org");
    expect(after).not.toContain("sponsor:acme wording");
    expect(after).not.toContain("Acme Coffee");
    expect(after).toContain("sponsor:north wording (en) v1");
    expect(await versionOf(venue.id)).toBe(version);
    expect(sponsorVisibility({ ...acme, dpaExpiresAt: expiry })).toEqual({ shown: false, reasons: [`data-processing agreement expired on ${utcDay(expiry)}`] });

    // The job records the lapse once, bumps the version, and says so in the audit trail.
    expect(await lapseExpiredDpas(database.prisma, new Date())).toBe(1);
    expect(await lapseExpiredDpas(database.prisma, new Date())).toBe(0);
    expect(await versionOf(venue.id)).toBeGreaterThan(version);
    const audit = await database.prisma.auditEntry.findFirstOrThrow({ where: { action: "sponsor.dpaLapsed", entityId: acme.id } });
    expect(audit).toMatchObject({ actorId: null, actorDescription: dpaExpiryJobActor });
    expect(audit.after).toMatchObject({ dpaExpiresAt: utcDay(expiry), offered: false });
    expect(await consentPage(venue.slug, "later@example.org")).not.toContain("sponsor:acme wording");
    expect(await dpaNotices(database.prisma, { venueId: venue.id })).toEqual([expect.objectContaining({ sponsorName: "Acme Coffee", state: "expired" })]);

    // A renewed agreement is offered again, and may lapse again later.
    const admin = await database.prisma.staffUser.create({ data: { email: "admin-dpa@portico.invalid", role: "ADMIN" } });
    const renewed = new Date(expiry.getTime() + 365 * 86_400_000);
    const updated = await updateSponsor(database.prisma, { id: admin.id, role: "ADMIN", ip: null }, {
      venueId: venue.id,
      sponsorId: acme.id,
      name: acme.name,
      dpaReference: acme.dpaReference,
      dpaSignedAt: acme.dpaSignedAt,
      dpaExpiresAt: renewed,
      active: true,
    });
    expect(updated).toMatchObject({ dpaLapsedAt: null });
    expect(await consentPage(venue.slug, "renewed@example.org")).toContain("sponsor:acme wording (en) v1");
    expect(await dpaNotices(database.prisma, { venueId: venue.id })).toEqual([]);
  });

  it("tells admins only about active sponsors expiring within 30 days", async () => {
    const { venue } = await createVenueFixture(database.prisma, { locales: ["en"], sponsors: [{ slug: "soon", name: "Soon" }, { slug: "later", name: "Later" }, { slug: "off", name: "Off" }] });
    const now = new Date("2026-12-03T12:00:00Z");
    const set = (slug: string, data: object) => database.prisma.sponsor.updateMany({ where: { venueId: venue.id, slug }, data });
    await set("soon", { dpaExpiresAt: new Date("2027-01-01") });
    await set("later", { dpaExpiresAt: new Date("2027-01-03") });
    await set("off", { dpaExpiresAt: new Date("2026-12-10"), active: false });
    expect((await dpaNotices(database.prisma, { venueId: venue.id, now })).map((n) => n.sponsorName)).toEqual(["Soon"]);
  });
});

describe("the sponsor form's expiry date", () => {
  const form = { venueId: "01a23c10-1fef-7169-9580-c801225ff37e", name: "Acme", slug: "acme", active: "on" };
  it("is optional, a real day after the signing date, and only with an agreement", () => {
    expect(sponsorSchema.parse({ ...form, dpaReference: "DPA-1", dpaSignedAt: "2026-01-01", dpaExpiresAt: "" }).dpaExpiresAt).toBeNull();
    expect(sponsorSchema.parse({ ...form, dpaReference: "DPA-1", dpaSignedAt: "2026-01-01", dpaExpiresAt: "2027-01-01" }).dpaExpiresAt).toEqual(new Date("2027-01-01T00:00:00Z"));
    const issues = (values: object) => sponsorSchema.safeParse({ ...form, ...values }).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ dpaReference: "DPA-1", dpaSignedAt: "2026-01-01", dpaExpiresAt: "2025-12-31" })).toEqual(["dpaExpiresAt: The agreement must expire after the day it was signed."]);
    expect(issues({ dpaExpiresAt: "2027-01-01" })).toEqual(["dpaExpiresAt: An expiry date belongs to an agreement: enter its reference and signing date, or clear the expiry."]);
    expect(issues({ dpaReference: "DPA-1", dpaSignedAt: "2026-01-01", dpaExpiresAt: "2027-02-30" })).toEqual(["dpaExpiresAt: Enter the date the agreement expires."]);
  });
});
