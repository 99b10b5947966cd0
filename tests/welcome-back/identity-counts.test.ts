// Randomised addresses, honestly: a phone that rotated its private WiFi address is a new device
// of the same guest, never a new guest. Visit counts, the analytics rollups and the guest list
// count the person (their email); the private-address share counts devices; and welcome back
// does not carry over to the new address (its device cookie was bound to the old one).
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, expect, it } from "vitest";

import { foldEvents } from "@/lib/analytics/fold-events";
import { queryTotals } from "@/lib/analytics/dashboard-queries";
import { secretKey } from "@/lib/crypto";
import { isRandomisedMac } from "@/lib/devices/describe-device";
import { randomisedAddressShare } from "@/lib/devices/randomised-share";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { signDeviceBinding } from "@/lib/welcome-back/device-binding";
import { recogniseDevice } from "@/lib/welcome-back/recognise";

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

async function foldAll(): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    await foldEvents(testDb.prisma);
    const [left] = await testDb.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM event, analytics_watermark w WHERE w.id = 'events' AND (event.tx_id, event.id) > (w.tx_id, w.event_id)`;
    if (left!.n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the fold did not catch up within 30 s");
}

it("counts a guest whose phone rotated its private address once, as two visits on two devices", async () => {
  const db = testDb.prisma;
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const before = "a2:10:20:30:40:50";
  const rotated = "5e:10:20:30:40:51";
  expect([before, rotated].map(isRandomisedMac)).toEqual([true, true]);
  for (const [i, mac] of [before, rotated].entries()) {
    const done = await consentThroughGateway(db, venue, { query: `client_mac=${mac}&client_ip=10.0.0.${i + 2}`, email: i === 0 ? "Rotating@Example.com" : "rotating@example.com" }, options);
    expect(done).toHaveProperty("token");
  }

  const guests = await db.guest.findMany({ where: { visits: { some: { venueId: venue.id } } } });
  expect(guests).toHaveLength(1);
  expect(guests[0]!.visitCount).toBe(2);
  const devices = await db.device.findMany({ where: { guestId: guests[0]!.id }, orderBy: { firstSeenAt: "asc" } });
  expect(devices.map((d) => [d.macAddress, d.macRandomized])).toEqual([[before, true], [rotated, true]]);
  expect(await randomisedAddressShare(db, venue.id)).toMatchObject({ withAddress: 2, randomised: 2 });

  await foldAll();
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  expect(await queryTotals(db, { venueIds: [venue.id], from: yesterday, to: tomorrow })).toMatchObject({ visits: 2, uniqueGuests: 1, newGuests: 1, returningGuests: 1 });

  // The cookie the first visit left names the old address: with the rotated one it recognises nobody.
  const keys = { current: Buffer.alloc(32, 3) };
  const cookie = signDeviceBinding(keys, { venueId: venue.id, guestId: guests[0]!.id, mac: before }, 30);
  const setting = { mode: "ONE_TAP" as const, zeroTapDays: 7 };
  expect(await recogniseDevice(db, setting, { venueId: venue.id, mac: "3a:99:99:99:99:99", macVerified: false, cookie }, keys)).toBeNull();
  expect(await recogniseDevice(db, setting, { venueId: venue.id, mac: before, macVerified: false, cookie }, keys)).toMatchObject({ guestId: guests[0]!.id });
});
