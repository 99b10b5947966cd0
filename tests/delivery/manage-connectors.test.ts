// What admins do to connections, against real PostgreSQL and the HubSpot contract server:
// credentials sealed and never echoed, the audit trail without them, the consent a connection
// needs, pausing and resuming, removing, testing and sending dead letters again.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { secretKey } from "@/lib/crypto";
import { connectorSecretStore } from "@/lib/delivery/secret-store";
import {
  createConnector,
  deleteConnector,
  replayDeadLetters,
  setConnectorPaused,
  testConnection,
  updateConnector,
} from "@/lib/delivery/staff/manage-connectors";
import { isDomainError } from "@/lib/errors";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { hubspotContractToken, startHubspotContract, type HubspotContract } from "../support/contracts/hubspot";
import { consentedGuest } from "../support/delivery-fixture";
import { createVenueFixture } from "../support/venue-fixture";
import { staffActor } from "../venues/staff-actors";

let testDb: TestDatabase;
let hubspot: HubspotContract;
const store = connectorSecretStore({ current: secretKey(randomBytes(32)) });

beforeAll(async () => {
  testDb = await createTestDatabase();
  hubspot = await startHubspotContract();
});
afterAll(async () => {
  await hubspot?.close();
  await testDb?.drop();
});

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
  const { venue, purposes } = await createVenueFixture(testDb.prisma, { sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
  const purpose = (key: string) => purposes.find((p) => p.key === key)!;
  const hubspotInput = {
    venueId: venue.id,
    kind: "hubspot",
    name: "Harbour HubSpot",
    purposeId: purpose("marketing").id,
    batchWaitSeconds: 5,
    settings: { baseUrl: hubspot.baseUrl },
    secrets: { auth: "privateApp", accessToken: hubspotContractToken },
  };
  return { admin, venue, purpose, hubspotInput };
}

describe("connecting a vendor", () => {
  it("seals the credentials bound to the connection, and audits the change without them", async () => {
    const { admin, hubspotInput } = await setup();
    const { connector } = await createConnector(testDb.prisma, admin, store, hubspotInput);
    const row = await testDb.prisma.connector.findUniqueOrThrow({ where: { id: connector.id } });
    expect(Buffer.from(row.secrets!).toString("latin1")).not.toContain(hubspotContractToken);
    expect(store.open(row.secrets, row.id)).toEqual({ auth: "privateApp", accessToken: hubspotContractToken });
    expect(() => store.open(row.secrets, "another-connector")).toThrow();
    expect(row.settings).toMatchObject({ baseUrl: hubspot.baseUrl, fields: expect.any(Array) });

    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: connector.id, action: "connector.created" } });
    expect(JSON.stringify(audit.after)).not.toContain(hubspotContractToken);
    expect(audit.after).toMatchObject({ kind: "hubspot", credentials: "set" });
  });

  it("refuses what would make no sense, and changes nothing", async () => {
    const { admin, purpose, hubspotInput } = await setup();
    const before = await testDb.prisma.connector.count();
    expect((await refusal(createConnector(testDb.prisma, admin, store, { ...hubspotInput, purposeId: purpose("terms").id }))).fieldErrors).toEqual({ purposeId: ["connectorPurposeInvalid"] });
    expect((await refusal(createConnector(testDb.prisma, admin, store, { ...hubspotInput, kind: "fax" }))).fieldErrors).toEqual({ kind: ["connectorKindUnknown"] });
    expect((await refusal(createConnector(testDb.prisma, admin, store, { ...hubspotInput, secrets: undefined }))).fieldErrors).toMatchObject({ secrets: ["connectorSecretsRequired"] });
    const badUrl = await refusal(createConnector(testDb.prisma, admin, store, { ...hubspotInput, settings: { baseUrl: "ftp://example.com" } }));
    expect(Object.keys(badUrl.fieldErrors ?? {})).toEqual(["settings.baseUrl"]);
    const marketer = await staffActor(testDb.prisma, "MARKETER");
    expect((await refusal(createConnector(testDb.prisma, marketer, store, hubspotInput))).code).toBe("notPermitted");
    expect(await testDb.prisma.connector.count()).toBe(before);
  });

  it("creates a webhook's signing secret when staff leave it blank, and hands it back once", async () => {
    const { admin, venue, purpose } = await setup();
    const created = await createConnector(testDb.prisma, admin, store, {
      venueId: venue.id,
      kind: "webhook",
      name: "Acme webhook",
      purposeId: purpose("sponsor:acme").id,
      batchWaitSeconds: 0,
      settings: { endpointUrl: "https://hooks.example.com/portico", payload: "full" },
      secrets: undefined,
    });
    const generated = created.generatedSecrets as { signingSecrets: string[] };
    expect(generated.signingSecrets[0]).toMatch(/^whsec_/);
    const row = await testDb.prisma.connector.findUniqueOrThrow({ where: { id: created.connector.id } });
    expect(store.open(row.secrets, row.id)).toEqual(generated);
  });
});

describe("changing a connection", () => {
  it("keeps the stored credentials when none are given, and replaces them when they are", async () => {
    const { admin, venue, hubspotInput } = await setup();
    const { connector } = await createConnector(testDb.prisma, admin, store, hubspotInput);
    const edit = { venueId: venue.id, connectorId: connector.id, name: "Renamed", batchWaitSeconds: 10, settings: { baseUrl: hubspot.baseUrl } };
    await updateConnector(testDb.prisma, admin, store, { ...edit, secrets: undefined });
    let row = await testDb.prisma.connector.findUniqueOrThrow({ where: { id: connector.id } });
    expect(row).toMatchObject({ name: "Renamed", batchWaitSeconds: 10 });
    expect(store.open(row.secrets, row.id)).toMatchObject({ accessToken: hubspotContractToken });

    await updateConnector(testDb.prisma, admin, store, { ...edit, secrets: { auth: "privateApp", accessToken: "pat-new" } });
    row = await testDb.prisma.connector.findUniqueOrThrow({ where: { id: connector.id } });
    expect(store.open(row.secrets, row.id)).toMatchObject({ accessToken: "pat-new" });
    const audits = await testDb.prisma.auditEntry.findMany({ where: { entityId: connector.id, action: "connector.updated" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => (a.after as { credentials: string }).credentials)).toEqual(["kept", "replaced"]);
    expect(JSON.stringify(audits.map((a) => [a.before, a.after]))).not.toContain("pat-new");
  });

  it("pauses and resumes: resuming clears the vendor's wait and the failure streak", async () => {
    const { admin, venue, hubspotInput } = await setup();
    const { connector } = await createConnector(testDb.prisma, admin, store, hubspotInput);
    const ref = { venueId: venue.id, connectorId: connector.id };
    await setConnectorPaused(testDb.prisma, admin, { ...ref, paused: true });
    expect((await refusal(setConnectorPaused(testDb.prisma, admin, { ...ref, paused: true }))).code).toBe("connectorNotActive");
    await testDb.prisma.connector.update({ where: { id: connector.id }, data: { sendAfter: new Date(Date.now() + 60_000), failureStreak: 4 } });
    await setConnectorPaused(testDb.prisma, admin, { ...ref, paused: false });
    expect(await testDb.prisma.connector.findUniqueOrThrow({ where: { id: connector.id } })).toMatchObject({ status: "ACTIVE", sendAfter: null, failureStreak: 0, statusReason: null });
  });

  it("removing a connection closes what it was still to send, and keeps what it sent on the guest's record", async () => {
    const { admin, venue, hubspotInput } = await setup();
    const { connector } = await createConnector(testDb.prisma, admin, store, hubspotInput);
    const guest = await consentedGuest(testDb.prisma, venue, { email: `removed-${randomBytes(3).toString("hex")}@example.com`, granted: ["marketing"] });
    await deleteConnector(testDb.prisma, admin, { venueId: venue.id, connectorId: connector.id });
    expect(await testDb.prisma.delivery.findMany({ where: { guestId: guest.id } })).toMatchObject([{ status: "SKIPPED", connectorId: null, connector: "hubspot: Harbour HubSpot" }]);
  });

  it("sends dead letters again from the first attempt, keeping each delivery's id", async () => {
    const { admin, venue, hubspotInput } = await setup();
    const { connector } = await createConnector(testDb.prisma, admin, store, hubspotInput);
    const guest = await consentedGuest(testDb.prisma, venue, { email: `dead-${randomBytes(3).toString("hex")}@example.com`, granted: ["marketing"] });
    const [row] = await testDb.prisma.delivery.findMany({ where: { guestId: guest.id } });
    await testDb.prisma.delivery.update({ where: { id: row!.id }, data: { status: "FAILED", attempts: 15, lastError: "Gave up", settledAt: new Date() } });
    expect(await replayDeadLetters(testDb.prisma, admin, { connectorId: connector.id, deliveryIds: [] })).toBe(1);
    expect(await testDb.prisma.delivery.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: "PENDING", attempts: 0, settledAt: null });
    expect((await refusal(replayDeadLetters(testDb.prisma, admin, { connectorId: connector.id, deliveryIds: [] }))).code).toBe("noDeadLetters");
  });
});

describe("testing a connection", () => {
  it("makes one authenticated call and logs it; a refused token says so", async () => {
    const { admin, venue, hubspotInput } = await setup();
    const { connector } = await createConnector(testDb.prisma, admin, store, hubspotInput);
    const ref = { venueId: venue.id, connectorId: connector.id };
    expect(await testConnection(testDb.prisma, admin, store, ref)).toMatchObject({ ok: true });

    await updateConnector(testDb.prisma, admin, store, { ...ref, name: connector.name, batchWaitSeconds: 5, settings: { baseUrl: hubspot.baseUrl }, secrets: { auth: "privateApp", accessToken: "pat-revoked" } });
    const failed = await testConnection(testDb.prisma, admin, store, ref);
    expect(failed.ok).toBe(false);
    expect(await testDb.prisma.deliveryCall.findMany({ where: { connectorId: connector.id }, orderBy: { id: "asc" } })).toMatchObject([{ outcome: "test passed", items: 0 }, { outcome: "test failed" }]);
  });
});
