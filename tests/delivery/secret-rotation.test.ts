// A key rotation (docs/SECRETS.md): with the new key current and the old one previous, the
// reseal job moves every connector's credentials to the new key, so the old one can go.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SecretBoxError, secretKey, sealedKeyId } from "@/lib/crypto";
import { connectorSecretStore, resealConnectorSecrets } from "@/lib/delivery/secret-store";

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
