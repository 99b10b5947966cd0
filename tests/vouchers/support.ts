// What the voucher tests share: a venue with vouchers on, a front-desk actor, a batch with its
// codes read back from the printed sheet (the only place they exist), and a redemption call.
import { randomBytes } from "node:crypto";

import { secretKey } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { readGatewayParams } from "@/lib/journeys";
import { createVoucherBatch, printVoucherSheet, redeemVoucher, voucherKeys } from "@/lib/vouchers";
import { toWallClock } from "@/lib/time/wall-clock";
import { newVoucherBatchSchema } from "@/lib/vouchers/schemas";

import { voucherCodesOf } from "../support/pdf-text";
import { createVenueFixture } from "../support/venue-fixture";

export const keys = voucherKeys({ current: secretKey(randomBytes(32)) });

export async function frontDesk(db: Db) {
  const staff = await db.staffUser.create({ data: { email: `desk.${randomBytes(4).toString("hex")}@staff.example.com`, role: "FRONT_DESK" } });
  return { id: staff.id, role: staff.role, ip: "192.0.2.1" };
}

export async function voucherVenue(db: Db) {
  const fixture = await createVenueFixture(db);
  const venue = await db.venue.update({ where: { id: fixture.venue.id }, data: { vouchersEnabled: true } });
  return { ...fixture, venue };
}

/** A datetime-local value `days` from now on the venue's clock. */
export const inDays = (days: number, timeZone: string) => toWallClock(new Date(Date.now() + days * 86_400_000), timeZone);

export async function batchWithCodes(db: Db, venueId: string, overrides: Record<string, unknown> = {}) {
  const actor = await frontDesk(db);
  const { timezone } = await db.venue.findUniqueOrThrow({ where: { id: venueId }, select: { timezone: true } });
  const input = newVoucherBatchSchema({ [venueId]: timezone }).parse({ venueId, label: "Conference", count: "3", codeLength: "8", accessMinutes: "120", dataMb: "500", maxDevices: "2", expiresAt: inDays(7, timezone), ...overrides });
  const { id } = await createVoucherBatch(db, actor, keys, input);
  const sheet = await printVoucherSheet(db, actor, keys, id);
  return { batchId: id, actor, sheet, codes: await voucherCodesOf(sheet.pdf) };
}

/** A MAC no other test uses, so per-client allowances never meet across tests. */
export const freshMac = () => `da:a1:19:${randomBytes(3).toString("hex").match(/../g)!.join(":")}`;

export async function redeem(db: Db, venue: { id: string; slug: string; countryCode: string }, code: string, mac: string | null, now?: Date) {
  const query = new URLSearchParams({ ...(mac ? { client_mac: mac } : {}), url: "https://example.com/" });
  return redeemVoucher(db, keys, {
    venue,
    form: { code },
    gateway: readGatewayParams(query),
    locale: "en",
    ip: "203.0.113.9",
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)",
    ttlMinutes: 30,
    now,
  });
}
