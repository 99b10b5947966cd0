// A key rotation (docs/SECRETS.md): with the new key current and the old one previous, the
// reseal job moves every connector's credentials to the new key, so the old one can go.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SecretBoxError, secretKey, sealedKeyId } from "@/lib/crypto";
import { erasureSubjectBox, resealErasureSubjects } from "@/lib/delivery/erasure-subject";
import { connectorSecretStore, resealConnectorSecrets } from "@/lib/delivery/secret-store";
import { gatewaySecretStore, resealGatewaySecrets } from "@/lib/network/gateway-secrets";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createConnector } from "../support/delivery-fixture";
import { createVenueFixture } from "../support/venue-fixture";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const oldKey = secretKey(randomBytes(32));
const newKey = secretKey(randomBytes(32));

describe("resealConnectorSecrets", () => {
  it("re-seals what the previous key sealed with the current one, once, and leaves the rest alone", async () => {
    const db = database.prisma;
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    const before = connectorSecretStore({ current: oldKey });
    const first = await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "hubspot", secrets: { auth: "privateApp", accessToken: "pat-old-1" } }, before);
    const second = await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "hubspot", secrets: { auth: "privateApp", accessToken: "pat-old-2" } }, before);
    const none = await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "webhook" }, before);

    const during = connectorSecretStore({ current: newKey, previous: oldKey });
    const already = await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "hubspot", secrets: { auth: "privateApp", accessToken: "pat-new" } }, during);
    const alreadySealed = (await db.connector.findUniqueOrThrow({ where: { id: already.id } })).secrets;

    expect(await resealConnectorSecrets(db, during)).toBe(2);
    expect(await resealConnectorSecrets(db, during)).toBe(0);

    const after = connectorSecretStore({ current: newKey });
    const rows = await db.connector.findMany({ where: { id: { in: [first.id, second.id, none.id, already.id] } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(after.open(byId.get(first.id)!.secrets, first.id)).toEqual({ auth: "privateApp", accessToken: "pat-old-1" });
    expect(after.open(byId.get(second.id)!.secrets, second.id)).toEqual({ auth: "privateApp", accessToken: "pat-old-2" });
    for (const id of [first.id, second.id]) expect(sealedKeyId(Buffer.from(byId.get(id)!.secrets!))).toEqual(newKey.id);
    expect(byId.get(none.id)!.secrets).toBeNull();
    // Already under the new key: untouched, byte for byte.
    expect(Buffer.from(byId.get(already.id)!.secrets!)).toEqual(Buffer.from(alreadySealed!));
    // And the old key alone no longer opens them.
    expect(() => before.open(byId.get(first.id)!.secrets, first.id)).toThrow(SecretBoxError);
  });

  it("does nothing without a previous key", async () => {
    expect(await resealConnectorSecrets(database.prisma, connectorSecretStore({ current: newKey }))).toBe(0);
  });
});

describe("gateway credentials and erasure subjects", () => {
  it("move to the current key too, once, and still open as before", async () => {
    const db = database.prisma;
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    const gateway = await db.gateway.create({ data: { venueId: venue.id, slug: "rotating", kind: "unifi", name: "Rotating", settings: {} } });
    await db.gateway.update({ where: { id: gateway.id }, data: { secrets: gatewaySecretStore({ current: oldKey }).seal({ apiKey: "old-gateway-key" }, gateway.id) } });

    const connector = await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "webhook" }, connectorSecretStore({ current: oldKey }));
    const guest = await db.guest.create({ data: { emailNormalized: null, email: null, erasedAt: new Date() } });
    const subject = erasureSubjectBox({ current: oldKey }).seal({ email: "gone@example.com", externalIds: ["x-1"] }, guest.id, connector.id);
    const delivery = await db.delivery.create({ data: { guestId: guest.id, connectorId: connector.id, connector: "webhook", operation: "erase", subject } });

    const rotation = { current: newKey, previous: oldKey };
    expect(await resealGatewaySecrets(db, rotation)).toBe(1);
    expect(await resealGatewaySecrets(db, rotation)).toBe(0);
    expect(await resealErasureSubjects(db, rotation)).toBe(1);
    expect(await resealErasureSubjects(db, rotation)).toBe(0);
    expect(await resealGatewaySecrets(db, { current: newKey })).toBe(0);

    const row = await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    expect(gatewaySecretStore({ current: newKey }).open(row.secrets, gateway.id)).toEqual({ apiKey: "old-gateway-key" });
    const resealed = await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(erasureSubjectBox({ current: newKey }).open(resealed.subject!, guest.id, connector.id)).toEqual({ email: "gone@example.com", externalIds: ["x-1"] });
  });
});
