// A gateway's walled garden as the staff page and the technician's check work it out, against
// real PostgreSQL: Portico's own origin first, the venue's sign-in sources, the hosts staff
// added; the change audited, bad lines refused with nothing stored, and only admins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isDomainError } from "@/lib/errors";
import { updateGatewayWalledGarden } from "@/lib/network/staff/manage-gateways";
import { gatewayToCheck, gatewayWalledGarden, walledGardenSources } from "@/lib/network/walled-garden/gateway-walled-garden";
import { walledGardenFormSchema } from "@/lib/network/walled-garden/schemas";

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

async function venueWithGateway(kind = "mikrotik") {
  const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
  const gateway = await testDb.prisma.gateway.create({
    data: { venueId: venue.id, slug: "lobby", kind, name: "Lobby", settings: { routerAddresses: ["10.5.50.1"] } },
  });
  return { venue, gateway };
}

describe("a gateway's walled garden", () => {
  it("starts with Portico's own origin, then the sign-in sources, then the hosts staff added, each once", async () => {
    const { venue, gateway } = await venueWithGateway();
    const admin = await staffActor(testDb.prisma, "ADMIN");
    const form = walledGardenFormSchema.parse({ venueId: venue.id, gatewayId: gateway.id, hosts: "cdn.example.org\n\n*.fonts.example\nWIFI.example.org\ncdn.example.org" });
    expect(form.hosts).toEqual(["cdn.example.org", "*.fonts.example", "wifi.example.org"]);
    await updateGatewayWalledGarden(testDb.prisma, admin, { venueId: venue.id, gatewayId: gateway.id, hosts: form.hosts });

    const source = async (_db: unknown, venueId: string) => (venueId === venue.id ? [{ host: "idp.example.net", kind: "fqdn" as const, port: 443, why: "SAML identity provider" }] : []);
    walledGardenSources.push(source);
    try {
      const row = await testDb.prisma.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
      const { entries, config } = await gatewayWalledGarden(testDb.prisma, row, "https://wifi.example.org");
      expect(entries.map((e) => `${e.host}:${e.port} ${e.why}`)).toEqual([
        "wifi.example.org:443 Portico: the splash, sign-in, consent and Captive Portal API",
        "idp.example.net:443 SAML identity provider",
        "cdn.example.org:443 Added on this gateway's page",
        "*.fonts.example:443 Added on this gateway's page",
      ]);
      expect(config?.text).toContain("/ip hotspot walled-garden ip add dst-host=idp.example.net protocol=tcp dst-port=443 action=accept");
    } finally {
      walledGardenSources.splice(walledGardenSources.indexOf(source), 1);
    }

    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: gateway.id, action: "gateway.walled_garden_updated" } });
    expect(audit.before).toEqual({ walledGardenHosts: [] });
    expect(audit.after).toEqual({ walledGardenHosts: ["cdn.example.org", "*.fonts.example", "wifi.example.org"] });
  });

  it("includes the website's SAML identity provider while its sign-in is on", async () => {
    const { venue, gateway } = await venueWithGateway();
    const idp = await testDb.prisma.samlIdp.create({
      data: { venueId: venue.id, displayName: "Harbour website", enabled: true, metadataXml: "<EntityDescriptor/>", entityId: "https://id.harbour.example/idp", ssoUrl: "https://id.harbour.example:8443/sso" },
    });
    const hosts = async () => (await gatewayWalledGarden(testDb.prisma, gateway, "https://wifi.example.org")).entries.map((e) => `${e.host}:${e.port}`);
    expect(await hosts()).toEqual(["wifi.example.org:443", "id.harbour.example:8443"]);
    await testDb.prisma.samlIdp.update({ where: { id: idp.id }, data: { enabled: false } });
    expect(await hosts()).toEqual(["wifi.example.org:443"]);
  });

  it("refuses a form with a line that is not a host, saying which, and stores nothing", async () => {
    const { venue, gateway } = await venueWithGateway();
    const parsed = walledGardenFormSchema.safeParse({ venueId: venue.id, gatewayId: gateway.id, hosts: "ok.example.org\nnot a host" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(["“not a host” is not a host name, *.domain or IP address."]);
    expect(walledGardenFormSchema.safeParse({ venueId: venue.id, gatewayId: gateway.id, hosts: Array.from({ length: 51 }, (_, i) => `h${i}.example.org`).join("\n") }).success).toBe(false);
    const row = await testDb.prisma.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    expect(row.walledGardenHosts ?? []).toEqual([]);
  });

  it("is changed by admins only", async () => {
    const { venue, gateway } = await venueWithGateway();
    for (const role of ["MARKETER", "LEGAL"] as const) {
      const actor = await staffActor(testDb.prisma, role);
      const error = await updateGatewayWalledGarden(testDb.prisma, actor, { venueId: venue.id, gatewayId: gateway.id, hosts: ["evil.example"] }).catch((e: unknown) => e);
      expect(isDomainError(error, "notPermitted")).toBe(true);
    }
    expect((await testDb.prisma.gateway.findUniqueOrThrow({ where: { id: gateway.id } })).walledGardenHosts ?? []).toEqual([]);
  });

  it("has no vendor format for a kind this Portico has no adapter for, but still lists the hosts", async () => {
    const { gateway } = await venueWithGateway("retired-vendor");
    const { entries, config } = await gatewayWalledGarden(testDb.prisma, gateway, "http://127.0.0.1:3000");
    expect(entries).toMatchObject([{ host: "127.0.0.1", port: 3000, scheme: "http" }]);
    expect(config).toBeNull();
  });
});

describe("the gateway a technician's check is for", () => {
  it("is the one ?gw= names, else the venue's only one, else none", async () => {
    const { venue, gateway } = await venueWithGateway();
    expect((await gatewayToCheck(testDb.prisma, venue.id, null))?.id).toBe(gateway.id);
    expect((await gatewayToCheck(testDb.prisma, venue.id, "lobby"))?.id).toBe(gateway.id);
    expect(await gatewayToCheck(testDb.prisma, venue.id, "terrace")).toBeNull();
    await testDb.prisma.gateway.create({ data: { venueId: venue.id, slug: "terrace", kind: "none", name: "Terrace" } });
    expect(await gatewayToCheck(testDb.prisma, venue.id, null)).toBeNull();
    expect((await gatewayToCheck(testDb.prisma, venue.id, "terrace"))?.name).toBe("Terrace");
  });
});
