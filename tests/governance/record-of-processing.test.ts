// The record of processing is drawn from the configuration: each venue's purposes with their
// lawful basis and live wording, sponsors' agreements and whether guests are offered them,
// the recipients per purpose with the fields the consent gate lets them see (connectors, and
// websites signed in by SAML with the attributes released to them), and gateways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { recordOfProcessing, retentionFacts, samlWebsiteVendor } from "@/lib/governance/record-of-processing";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";
import { staffActor } from "../venues/staff-actors";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

describe("the record of processing", () => {
  it("lists purposes, wording, sponsors' agreements, recipients with their fields, and gateways", async () => {
    const db = testDb.prisma;
    const { venue, purposes } = await createVenueFixture(db, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }, { slug: "nodpa", name: "No Paper Ltd", withDpa: false }] });
    const marketing = purposes.find((p) => p.key === "marketing")!;
    await db.connector.create({ data: { venueId: venue.id, purposeId: marketing.id, kind: "hubspot", name: "Venue CRM", settings: {} } });
    await db.gateway.create({ data: { venueId: venue.id, slug: "lobby", kind: "meraki", name: "Lobby APs", settings: {} } });
    const acme = purposes.find((p) => p.key === "sponsor:acme")!;
    await db.samlServiceProvider.create({ data: { venueId: venue.id, name: "Acme rewards", entityId: "https://rewards.acme.example/sp", acsUrl: "https://rewards.acme.example/acs", purposeId: acme.id, attributes: ["name", "locale"] } });

    const record = (await recordOfProcessing(db, await staffActor(db, "LEGAL"))).find((r) => r.venue.id === venue.id)!;
    const byKey = new Map(record.purposes.map((p) => [p.key, p]));
    expect(byKey.get("terms")).toMatchObject({ kind: "TERMS", recipients: [], lawfulBasis: expect.stringContaining("Contract") });
    expect(byKey.get("marketing")!.recipients).toEqual([{ name: "Venue CRM", vendor: "HubSpot", status: "ACTIVE", fields: expect.arrayContaining(["email", "phone", "dwellMinutes"]) }]);
    expect(byKey.get("marketing")!.wording).toEqual([expect.objectContaining({ locale: "en", version: 1 })]);
    expect(byKey.get("sponsor:acme")!.sponsor).toMatchObject({ name: "Acme Coffee", offered: true });
    expect(byKey.get("sponsor:acme")!.recipients).toEqual([{ name: "Acme rewards", vendor: samlWebsiteVendor, status: "ACTIVE", fields: ["email", "name", "locale"] }]);
    expect(byKey.get("sponsor:nodpa")!.sponsor).toMatchObject({ offered: false, reasons: ["no data-processing agreement on file"] });
    expect(record.gateways).toEqual([{ name: "Lobby APs", vendor: "Cisco Meraki" }]);
  });

  it("is for legal and admins only", async () => {
    await expect(recordOfProcessing(testDb.prisma, await staffActor(testDb.prisma, "MARKETER"))).rejects.toMatchObject({ code: "notPermitted" });
  });

  it("states retention as configured", () => {
    expect(retentionFacts({ journeyTtlMinutes: 45, exportLinkMinutes: 15 })[0]!.kept).toBe("45 minutes, then cleared within 5 minutes by the job queue");
  });
});
