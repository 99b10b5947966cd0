// The share of private (randomised) WiFi addresses among a venue's recent devices, from guests
// who went through the journey behind a gateway: a locally administered MAC counts as private,
// devices without an address are left out, other venues and old visits too.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, expect, it } from "vitest";

import { secretKey } from "@/lib/crypto";
import { randomisedAddressShare } from "@/lib/devices/randomised-share";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { consentThroughGateway } from "../support/journey-fixture";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
const options = { secrets: gatewaySecretStore({ current: secretKey(randomBytes(32)) }) };

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb?.drop();
});

it("counts the venue's devices with a locally administered address among those with any address", async () => {
  const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
  const { venue: other } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
  for (const v of [venue, other]) await testDb.prisma.gateway.create({ data: { venueId: v.id, slug: "lobby", kind: "none", name: "Lobby" } });
  // 0x02 bit of the first octet set: private addresses (a2:…, 3e:…); 00:… and a0:… are the maker's.
  const guests = [
    { mac: "a2:11:22:33:44:01", v: venue },
    { mac: "3e:11:22:33:44:02", v: venue },
    { mac: "00:11:22:33:44:03", v: venue },
    { mac: "a0:11:22:33:44:04", v: venue },
    { mac: null, v: venue },
    { mac: "a2:11:22:33:44:05", v: other },
  ];
  for (const [i, guest] of guests.entries()) {
    const query = guest.mac ? `client_mac=${guest.mac}&client_ip=10.0.0.${i + 2}` : "";
    const done = await consentThroughGateway(testDb.prisma, guest.v, { query, email: `share-${i}@example.com` }, options);
    expect(done).toHaveProperty("token");
  }
  expect(await randomisedAddressShare(testDb.prisma, venue.id)).toEqual({ days: 30, withAddress: 4, randomised: 2 });
  expect(await randomisedAddressShare(testDb.prisma, other.id)).toEqual({ days: 30, withAddress: 1, randomised: 1 });
  // Forty days on, none of them is recent.
  expect(await randomisedAddressShare(testDb.prisma, venue.id, new Date(Date.now() + 40 * 86_400_000))).toMatchObject({ withAddress: 0 });
});
