// What admins do to a venue's gateways, against real PostgreSQL: credentials sealed for that
// gateway alone and never in the audit trail, blank credentials kept on a change, slugs
// checked and unique per venue, removal keeping the journeys' history, and only admins.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { secretKey } from "@/lib/crypto";
import { isDomainError } from "@/lib/errors";
import type { GatewayAdapter } from "@/lib/network/gateway-adapter";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { createGateway, deleteGateway, listVenueGateways, updateGateway, updateGatewayTierLimits, type ManageGatewayOptions } from "@/lib/network/staff/manage-gateways";
import { tierLimitsFormSchema, tierLimitsFromForm } from "@/lib/network/tier-limits";
import { noneAdapter } from "@/lib/network/adapters/none";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { openTestJourney } from "../support/journey-fixture";
import { createVenueFixture } from "../support/venue-fixture";
import { staffActor } from "../venues/staff-actors";

let testDb: TestDatabase;
const store = gatewaySecretStore({ current: secretKey(randomBytes(32)) });

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

/** A vendor with a setting and a shared key, as the real adapters have: the staff area must handle any such pair of schemas. */
const keyedAdapter: GatewayAdapter = {
  kind: "opennds",
  label: "Keyed test gateway",
  settingsSchema: z.object({ controllerUrl: z.url({ protocol: /^https?$/ }), fasPort: z.number().int().default(2080) }),
  secretsSchema: z.object({ sharedKey: z.string().min(8, "At least 8 characters.") }),
  walledGarden: () => ({ where: "", text: "", notes: [] }),
  readRedirect: () => ({ ok: false, reason: "not used here" }),
  grant: async () => ({ kind: "failed", error: "not used here" }),
};
const options: ManageGatewayOptions = { registry: { none: noneAdapter, opennds: keyedAdapter } };
const sharedKey = "s3cret-shared-key-9f2a";

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function setup() {
  const admin = await staffActor(testDb.prisma, "ADMIN");
  const { venue } = await createVenueFixture(testDb.prisma);
  const keyed = { venueId: venue.id, kind: "opennds", name: "Lobby", slug: "lobby", settings: { controllerUrl: "http://192.168.1.1" }, secrets: { sharedKey } };
  return { admin, venue, keyed };
}

describe("adding a gateway", () => {
  it("seals the credentials for that gateway alone, and audits the change without them", async () => {
    const { admin, keyed } = await setup();
    const gateway = await createGateway(testDb.prisma, admin, store, keyed, options);
    const row = await testDb.prisma.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    expect(row).toMatchObject({ kind: "opennds", name: "Lobby", slug: "lobby", settings: { controllerUrl: "http://192.168.1.1", fasPort: 2080 } });
    expect(Buffer.from(row.secrets!).toString("latin1")).not.toContain(sharedKey);
    expect(store.open(row.secrets, row.id)).toEqual({ sharedKey });
    const other = await createGateway(testDb.prisma, admin, store, { ...keyed, slug: "bar", secrets: { sharedKey: "another-key-123" } }, options);
    expect(() => store.open(row.secrets, other.id)).toThrow();

    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: gateway.id, action: "gateway.created" } });
    expect(audit).toMatchObject({ actorId: admin.id, entityType: "gateway" });
    expect(audit.after).toMatchObject({ kind: "opennds", slug: "lobby", credentials: "set" });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(sharedKey);
  });

  it("adds a gateway that needs no credentials (None, from the real registry) without any", async () => {
    const { admin, venue } = await setup();
    const gateway = await createGateway(testDb.prisma, admin, store, { venueId: venue.id, kind: "none", name: "Open network", slug: "open", settings: {}, secrets: undefined });
    expect(store.open(gateway.secrets, gateway.id)).toEqual({});
    expect(await listVenueGateways(testDb.prisma, admin, venue.id)).toEqual([{ id: gateway.id, name: "Open network", slug: "open", kind: "none", vendor: "None (no gateway)", known: true }]);
  });

  it("refuses what would not work, as field errors, and writes nothing", async () => {
    const { admin, keyed } = await setup();
    const before = await testDb.prisma.gateway.count();
    expect((await refusal(createGateway(testDb.prisma, admin, store, { ...keyed, kind: "fax" }, options))).fieldErrors).toEqual({ kind: ["gatewayKindUnknown"] });
    expect((await refusal(createGateway(testDb.prisma, admin, store, { ...keyed, secrets: undefined }, options))).fieldErrors).toEqual({ secrets: ["gatewaySecretsRequired"] });
    const bad = await refusal(createGateway(testDb.prisma, admin, store, { ...keyed, settings: { controllerUrl: "ftp://x" }, secrets: { sharedKey: "short" } }, options));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["secrets.sharedKey", "settings.controllerUrl"]);
    expect(await testDb.prisma.gateway.count()).toBe(before);
  });

  it("refuses a slug the venue already uses as a field error, but another venue may use it", async () => {
    const { admin, venue, keyed } = await setup();
    await createGateway(testDb.prisma, admin, store, keyed, options);
    expect((await refusal(createGateway(testDb.prisma, admin, store, { ...keyed, name: "Second" }, options))).fieldErrors).toEqual({ slug: ["gatewaySlugTaken"] });
    // Both at once: the unique index decides, and the loser gets the same field error.
    const race = await Promise.allSettled([
      createGateway(testDb.prisma, admin, store, { ...keyed, slug: "race" }, options),
      createGateway(testDb.prisma, admin, store, { ...keyed, slug: "race" }, options),
    ]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = race.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isDomainError(lost.reason) && lost.reason.fieldErrors).toEqual({ slug: ["gatewaySlugTaken"] });
    expect(await testDb.prisma.gateway.count({ where: { venueId: venue.id } })).toBe(2);

    const { venue: elsewhere } = await createVenueFixture(testDb.prisma);
    await expect(createGateway(testDb.prisma, admin, store, { ...keyed, venueId: elsewhere.id }, options)).resolves.toMatchObject({ slug: "lobby" });
  });
});

describe("changing a gateway", () => {
  it("keeps the stored credentials when none are given, replaces them when they are, and never audits them", async () => {
    const { admin, venue, keyed } = await setup();
    const gateway = await createGateway(testDb.prisma, admin, store, keyed, options);
    const edit = { venueId: venue.id, gatewayId: gateway.id, name: "Lobby controller", slug: "lobby-1", settings: { controllerUrl: "https://10.0.0.1", fasPort: 2090 } };
    await updateGateway(testDb.prisma, admin, store, { ...edit, secrets: undefined }, options);
    let row = await testDb.prisma.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    expect(row).toMatchObject({ name: "Lobby controller", slug: "lobby-1", settings: { controllerUrl: "https://10.0.0.1", fasPort: 2090 } });
    expect(store.open(row.secrets, row.id)).toEqual({ sharedKey });

    await updateGateway(testDb.prisma, admin, store, { ...edit, secrets: { sharedKey: "replacement-key-77" } }, options);
    row = await testDb.prisma.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    expect(store.open(row.secrets, row.id)).toEqual({ sharedKey: "replacement-key-77" });

    const audits = await testDb.prisma.auditEntry.findMany({ where: { entityId: gateway.id, action: "gateway.updated" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => (a.after as { credentials: string }).credentials)).toEqual(["kept", "replaced"]);
    expect(audits[0]!.before).toMatchObject({ name: "Lobby", slug: "lobby" });
    expect(JSON.stringify(audits.map((a) => [a.before, a.after]))).not.toMatch(/replacement-key-77|s3cret-shared-key/);
  });

  it("refuses another gateway's slug and a gateway of another venue", async () => {
    const { admin, venue, keyed } = await setup();
    const first = await createGateway(testDb.prisma, admin, store, keyed, options);
    const second = await createGateway(testDb.prisma, admin, store, { ...keyed, slug: "bar" }, options);
    const edit = { venueId: venue.id, gatewayId: second.id, name: "Bar", slug: "lobby", settings: keyed.settings, secrets: undefined };
    expect((await refusal(updateGateway(testDb.prisma, admin, store, edit, options))).fieldErrors).toEqual({ slug: ["gatewaySlugTaken"] });
    // Its own slug is no conflict.
    await expect(updateGateway(testDb.prisma, admin, store, { ...edit, gatewayId: first.id }, options)).resolves.toMatchObject({ slug: "lobby" });
    const { venue: elsewhere } = await createVenueFixture(testDb.prisma);
    expect((await refusal(updateGateway(testDb.prisma, admin, store, { ...edit, venueId: elsewhere.id, slug: "x" }, options))).code).toBe("gatewayGone");
  });
});

describe("removing a gateway", () => {
  it("keeps the journeys and access sessions that came through it, without it", async () => {
    const { admin, venue, keyed } = await setup();
    const gateway = await createGateway(testDb.prisma, admin, store, keyed, options);
    await openTestJourney(testDb.prisma, venue, { email: `guest.${randomBytes(3).toString("hex")}@example.com` });
    const journey = await testDb.prisma.journey.findFirstOrThrow({ where: { venueId: venue.id } });
    await testDb.prisma.journey.update({ where: { id: journey.id }, data: { gatewayId: gateway.id } });
    const session = await testDb.prisma.accessSession.create({ data: { journeyId: journey.id, venueId: venue.id, gatewayId: gateway.id, status: "GRANTED", grantKind: "redirect", minutes: 60 } });

    await deleteGateway(testDb.prisma, admin, { venueId: venue.id, gatewayId: gateway.id });
    expect(await testDb.prisma.gateway.findUnique({ where: { id: gateway.id } })).toBeNull();
    expect(await testDb.prisma.journey.findUniqueOrThrow({ where: { id: journey.id } })).toMatchObject({ gatewayId: null });
    expect(await testDb.prisma.accessSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ gatewayId: null, status: "GRANTED" });
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: gateway.id, action: "gateway.deleted" } });
    expect(audit.before).toMatchObject({ slug: "lobby", kind: "opennds" });
    expect(audit.after).toEqual({ journeysKept: 1, accessSessionsKept: 1 });
    expect((await refusal(deleteGateway(testDb.prisma, admin, { venueId: venue.id, gatewayId: gateway.id }))).code).toBe("gatewayGone");
  });
});

describe("who may", () => {
  it("refuses marketers and legal reviewers everything, and changes nothing", async () => {
    const { admin, venue, keyed } = await setup();
    const gateway = await createGateway(testDb.prisma, admin, store, keyed, options);
    const ref = { venueId: venue.id, gatewayId: gateway.id };
    for (const role of ["MARKETER", "LEGAL"] as const) {
      const actor = await staffActor(testDb.prisma, role);
      expect((await refusal(createGateway(testDb.prisma, actor, store, { ...keyed, slug: "other" }, options))).code).toBe("notPermitted");
      expect((await refusal(updateGateway(testDb.prisma, actor, store, { ...ref, name: "Mine", slug: "lobby", settings: keyed.settings, secrets: { sharedKey: "attacker-key-1" } }, options))).code).toBe("notPermitted");
      expect((await refusal(deleteGateway(testDb.prisma, actor, ref))).code).toBe("notPermitted");
      expect((await refusal(listVenueGateways(testDb.prisma, actor, venue.id))).code).toBe("notPermitted");
      expect((await refusal(updateGatewayTierLimits(testDb.prisma, actor, { ...ref, limits: { EMAIL: { downKbps: 1 } } }))).code).toBe("notPermitted");
    }
    const row = await testDb.prisma.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    expect(row.name).toBe("Lobby");
    expect(store.open(row.secrets, row.id)).toEqual({ sharedKey });
    expect(await testDb.prisma.gateway.count({ where: { venueId: venue.id } })).toBe(1);
  });
});

describe("access tiers", () => {
  it("stores bandwidth and allowance per way of signing in, blank for none, and audits the change", async () => {
    const { admin, keyed } = await setup();
    const gateway = await createGateway(testDb.prisma, admin, store, keyed, options);
    const posted = tierLimitsFormSchema.parse({ venueId: keyed.venueId, gatewayId: gateway.id, EMAIL_downKbps: "2000", EMAIL_upKbps: " 500 ", EMAIL_quotaMb: "", LOYALTY_quotaMb: "10000" });
    const limits = tierLimitsFromForm(posted);
    expect(limits).toEqual({ EMAIL: { downKbps: 2000, upKbps: 500 }, LOYALTY: { quotaMb: 10000 } });
    await updateGatewayTierLimits(testDb.prisma, admin, { venueId: keyed.venueId, gatewayId: gateway.id, limits });
    expect((await testDb.prisma.gateway.findUniqueOrThrow({ where: { id: gateway.id } })).tierLimits).toEqual(limits);
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: gateway.id, action: "gateway.tiers_updated" } });
    expect(audit).toMatchObject({ before: { tierLimits: {} }, after: { tierLimits: limits } });
  });

  it("refuses numbers out of range or not whole, field by field", () => {
    const result = tierLimitsFormSchema.safeParse({ venueId: "0190a0b0-0000-7000-8000-000000000001", gatewayId: "0190a0b0-0000-7000-8000-000000000002", EMAIL_downKbps: "1.5", SAML_quotaMb: "0", LOYALTY_upKbps: "99999999999" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join("."))).toEqual(expect.arrayContaining(["EMAIL_downKbps", "SAML_quotaMb", "LOYALTY_upKbps"]));
  });
});
