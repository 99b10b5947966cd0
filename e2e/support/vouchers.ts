// Access codes for the guest specs, written as the app stores them (HMACs under the run's
// PORTICO_SECRET_KEY) without going through the staff page, which has its own spec.
import type { Db } from "@/lib/db/client";
import { deriveKeys } from "@/lib/crypto/derived-keys";
import { secretKey } from "@/lib/crypto/secret-box";
import { codeHmac, generateCodes } from "@/lib/vouchers/codes";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { runSecretKey } from "./fixtures";

/** A venue of its own with vouchers on, and one live and one expired code. */
export async function voucherVenue(db: Db) {
  const { venue } = await createVenueFixture(db, { locales: ["en", "fr"] });
  await db.venue.update({ where: { id: venue.id }, data: { vouchersEnabled: true } });
  const key = deriveKeys({ current: secretKey(runSecretKey()) }, "voucher codes v1").current;
  const [live, expired] = generateCodes(2, 8);
  const batch = async (code: string, expiresAt: Date) => {
    const created = await db.voucherBatch.create({
      data: { venueId: venue.id, label: "e2e", codeLength: 8, codeCount: 1, accessMinutes: 90, maxDevices: 3, expiresAt, printedAt: new Date() },
    });
    await db.voucherCode.create({ data: { batchId: created.id, venueId: venue.id, codeHmac: new Uint8Array(codeHmac(key, code)) } });
  };
  await batch(live!, new Date(Date.now() + 86_400_000));
  await batch(expired!, new Date(Date.now() - 60_000));
  return { venue, live: live!, expired: expired! };
}
