// Vouchers against real PostgreSQL: a batch's codes exist only as HMACs once its sheet is
// printed (the test reads them from the PDF); redemption opens a VOUCHER journey whose grant
// carries the code's limits; devices, expiry, the access window and revocation refuse with
// nothing written but a refusal event that never holds the code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getPublishedConsentWording } from "@/lib/consent";
import { isDomainError } from "@/lib/errors";
import { completeJourney } from "@/lib/journeys";
import { grantAccess } from "@/lib/network/access";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { printVoucherSheet, revokeVoucherBatch, revokeVoucherCode } from "@/lib/vouchers";
import { newVoucherBatchSchema } from "@/lib/vouchers/schemas";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { pdfText } from "../support/pdf-text";
import { batchWithCodes, freshMac, keys, redeem, voucherVenue } from "./support";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

/** Every row of the tables a code could leak into, as text. */
async function everythingStored(): Promise<string> {
  const rows = await testDb.prisma.$queryRaw<{ dump: string }[]>`
    SELECT concat_ws(' ',
      (SELECT string_agg(row_to_json(t)::text, ' ') FROM voucher_batch t),
      (SELECT string_agg(row_to_json(t)::text, ' ') FROM voucher_code t),
      (SELECT string_agg(row_to_json(t)::text, ' ') FROM voucher_redemption t),
      (SELECT string_agg(row_to_json(t)::text, ' ') FROM journey t),
      (SELECT string_agg(row_to_json(t)::text, ' ') FROM event t),
      (SELECT string_agg(row_to_json(t)::text, ' ') FROM audit_entry t),
      (SELECT string_agg(row_to_json(t)::text, ' ') FROM rate_limit t)) AS dump`;
  return rows[0]!.dump;
}

describe("a voucher batch", () => {
  it("prints its codes once, as a sheet with the venue, the limits and the expiry, and keeps only their HMACs", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    const { batchId, actor, sheet, codes } = await batchWithCodes(testDb.prisma, venue.id);
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(code).toMatch(/^\d{8}$/);
    const text = (await pdfText(sheet.pdf)).join("\n");
    expect(text).toContain(`${venue.name} - WiFi`);
    expect(text).toContain("2 hours online - 500 MB - up to 2 devices");
    expect(text).toContain("I have an access code");

    const batch = await testDb.prisma.voucherBatch.findUniqueOrThrow({ where: { id: batchId }, include: { codes: true } });
    expect(batch.sealedCodes).toBeNull();
    expect(batch.printedAt).not.toBeNull();
    expect(batch.codes.map((c) => c.codeHmac.length)).toEqual([32, 32, 32]);
    const stored = await everythingStored();
    for (const code of codes) expect(stored).not.toContain(code);

    const again = await printVoucherSheet(testDb.prisma, actor, keys, batchId).catch((error: unknown) => error);
    expect(isDomainError(again, "voucherSheetPrinted")).toBe(true);
    const audit = await testDb.prisma.auditEntry.findMany({ where: { entityId: batchId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(audit.map((a) => a.action)).toEqual(["voucherBatch.create", "voucherBatch.print"]);
  });

  it("reads the expiry on the venue's clock and prints it so, and refuses a venue the form did not offer", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    await testDb.prisma.venue.update({ where: { id: venue.id }, data: { timezone: "America/New_York" } });
    // 18:00 in New York on a day of summer time, half a year or less from now.
    const year = new Date().getUTCFullYear() + (new Date().getUTCMonth() >= 5 ? 1 : 0);
    const local = `${year}-06-15T18:00`;
    const { batchId, sheet } = await batchWithCodes(testDb.prisma, venue.id, { expiresAt: local, codeLength: "10" });
    const batch = await testDb.prisma.voucherBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch.expiresAt.toISOString()).toBe(`${year}-06-15T22:00:00.000Z`);
    expect((await pdfText(sheet.pdf)).join("\n")).toContain(`Valid until 15 Jun ${year}, 18:00 (America/New_York)`);

    const other = newVoucherBatchSchema({ [venue.id]: "America/New_York" }).safeParse({
      venueId: crypto.randomUUID(), label: "Elsewhere", count: "1", codeLength: "8", accessMinutes: "60", maxDevices: "1", expiresAt: local,
    });
    expect(other.error?.issues).toMatchObject([{ path: ["venueId"], message: "Choose a venue from the list." }]);
    const unreal = newVoucherBatchSchema({ [venue.id]: "America/New_York" }).safeParse({
      venueId: venue.id, label: "Unreal", count: "1", codeLength: "8", accessMinutes: "60", maxDevices: "1", expiresAt: `${year}-02-30T18:00`,
    });
    expect(unreal.error?.issues).toMatchObject([{ path: ["expiresAt"], message: "Enter a real date and time." }]);
  });

  it("refuses a code length that guessing could beat within the batch's life", () => {
    return import("@/lib/vouchers/schemas").then(({ newVoucherBatchSchema }) => {
      const expiresAt = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 16);
      const input = { venueId: crypto.randomUUID(), label: "Big", count: "500", codeLength: "8", accessMinutes: "60", maxDevices: "1", expiresAt };
      const schema = newVoucherBatchSchema({ [input.venueId]: "UTC" });
      const refused = schema.safeParse(input);
      expect(refused.success).toBe(false);
      expect(refused.error?.issues[0]).toMatchObject({ path: ["codeLength"] });
      expect(schema.safeParse({ ...input, codeLength: "11" }).success).toBe(true);
    });
  });
});

describe("redeeming a code", () => {
  it("opens a journey with no email, then a guest, consent and a grant with the code's minutes and data", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    const { codes, batchId } = await batchWithCodes(testDb.prisma, venue.id);
    const result = await redeem(testDb.prisma, venue, `${codes[0]!.slice(0, 4)} ${codes[0]!.slice(4)}`, freshMac());
    expect(result.status).toBe("identified");
    if (result.status !== "identified") return;
    const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token: result.token }, include: { voucherRedemption: true } });
    expect(journey).toMatchObject({ loginMethod: "VOUCHER", status: "IDENTIFIED" });
    expect(journey.voucherRedemption).toMatchObject({ minutes: 120, quotaMb: 500 });

    const wording = await getPublishedConsentWording(testDb.prisma, venue, "en");
    const done = await completeJourney(testDb.prisma, {
      venueSlug: venue.slug,
      token: result.token,
      submission: { termsAccepted: true, granted: [], shown: wording.map((w) => w.consentTextId) },
      ip: "203.0.113.9",
      userAgent: "Mozilla/5.0 (iPhone)",
      acceptLanguage: "en",
    });
    expect(done.status).toBe("completed");
    const completed = await testDb.prisma.journey.findUniqueOrThrow({ where: { token: result.token }, include: { guest: true } });
    expect(completed.guest).toMatchObject({ emailNormalized: null, email: null, visitCount: 1 });
    expect(await testDb.prisma.delivery.count({ where: { guestId: completed.guestId! } })).toBe(0);

    await grantAccess(testDb.prisma, { venueSlug: venue.slug, token: result.token, continueUrl: "http://portal.test/success" }, { secrets: gatewaySecretStore(keys.sealing) });
    const session = await testDb.prisma.accessSession.findUniqueOrThrow({ where: { journeyId: journey.id } });
    expect(session).toMatchObject({ minutes: 120, quotaMb: 500, status: "GRANTED" });
    const event = await testDb.prisma.event.findFirstOrThrow({ where: { type: "voucher.redeemed", journeyId: journey.id } });
    expect(event.payload).toMatchObject({ batchId, minutes: 120, newDevice: true });
  });

  it("takes as many devices as the code allows, lets a counted device back, and refuses the next one writing nothing", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    const { codes } = await batchWithCodes(testDb.prisma, venue.id);
    const [phone, laptop, third] = [freshMac(), freshMac(), freshMac()];
    expect((await redeem(testDb.prisma, venue, codes[0]!, phone)).status).toBe("identified");
    expect((await redeem(testDb.prisma, venue, codes[0]!, laptop)).status).toBe("identified");
    expect((await redeem(testDb.prisma, venue, codes[0]!, phone)).status).toBe("identified");
    const journeys = await testDb.prisma.journey.count({ where: { venueId: venue.id } });
    expect(await redeem(testDb.prisma, venue, codes[0]!, third)).toEqual({ status: "refused", reason: "usedUp" });
    expect(await testDb.prisma.journey.count({ where: { venueId: venue.id } })).toBe(journeys);
    expect(await testDb.prisma.voucherRedemption.count({ where: { journey: { venueId: venue.id } } })).toBe(3);
    // Without a MAC every journey is a device of its own.
    expect(await redeem(testDb.prisma, venue, codes[1]!, null)).toMatchObject({ status: "identified" });
    expect(await redeem(testDb.prisma, venue, codes[1]!, null)).toMatchObject({ status: "identified" });
    expect(await redeem(testDb.prisma, venue, codes[1]!, null)).toEqual({ status: "refused", reason: "usedUp" });
  });

  it("refuses a code past its batch's expiry, and one whose access window has run out", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    const { codes, batchId } = await batchWithCodes(testDb.prisma, venue.id);
    const batch = await testDb.prisma.voucherBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(await redeem(testDb.prisma, venue, codes[0]!, freshMac(), new Date(batch.expiresAt.getTime() + 1000))).toEqual({ status: "refused", reason: "expired" });

    const mac = freshMac();
    const first = new Date();
    expect((await redeem(testDb.prisma, venue, codes[1]!, mac, first)).status).toBe("identified");
    // An hour later the same code grants what is left of its two hours.
    const later = await redeem(testDb.prisma, venue, codes[1]!, freshMac(), new Date(first.getTime() + 60 * 60_000));
    expect(later.status).toBe("identified");
    if (later.status === "identified") expect((await testDb.prisma.voucherRedemption.findUniqueOrThrow({ where: { journeyId: later.journeyId } })).minutes).toBe(60);
    expect(await redeem(testDb.prisma, venue, codes[1]!, mac, new Date(first.getTime() + 121 * 60_000))).toEqual({ status: "refused", reason: "usedUp" });
    const refusals = await testDb.prisma.event.findMany({ where: { venueId: venue.id, type: "voucher.refused" } });
    expect(refusals.map((e) => (e.payload as { reason: string }).reason).sort()).toEqual(["expired", "usedUp"]);
  });

  it("refuses the codes of a revoked batch and a code revoked by itself", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    const one = await batchWithCodes(testDb.prisma, venue.id);
    const two = await batchWithCodes(testDb.prisma, venue.id);
    await revokeVoucherBatch(testDb.prisma, one.actor, one.batchId);
    expect(await redeem(testDb.prisma, venue, one.codes[0]!, freshMac())).toEqual({ status: "refused", reason: "revoked" });
    await revokeVoucherCode(testDb.prisma, two.actor, keys, { venueId: venue.id, code: two.codes[0]! });
    expect(await redeem(testDb.prisma, venue, two.codes[0]!, freshMac())).toEqual({ status: "refused", reason: "revoked" });
    expect((await redeem(testDb.prisma, venue, two.codes[1]!, freshMac())).status).toBe("identified");
    const actions = await testDb.prisma.auditEntry.findMany({ where: { action: { in: ["voucherBatch.revoke", "voucherCode.revoke"] } } });
    expect(actions).toHaveLength(2);
  });

  it("refuses a code of another venue as not found", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    const other = await voucherVenue(testDb.prisma);
    const { codes } = await batchWithCodes(testDb.prisma, other.venue.id);
    expect(await redeem(testDb.prisma, venue, codes[0]!, freshMac())).toEqual({ status: "refused", reason: "notFound" });
  });
});
