// Guessing codes, against real PostgreSQL: each client's attempts and each venue's wrong codes
// are counted in the database, so two app processes (two pools on one database, as two web
// instances are) share one count; a burst of wrong codes locks even a right code out, and
// every refusal is an event that never holds what was typed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPool, createPrismaClient, type Db } from "@/lib/db/client";
import { attemptsPerClientPerHour, refusalsLoggedPerVenuePerHour, wrongCodesPerVenuePerHour } from "@/lib/vouchers";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { batchWithCodes, freshMac, redeem, voucherVenue } from "./support";

let testDb: TestDatabase;
let second: { db: Db; end(): Promise<void> };
beforeAll(async () => {
  testDb = await createTestDatabase();
  const pool = createPool(testDb.url, 2);
  second = { db: createPrismaClient(pool), end: () => pool.end() };
});
afterAll(async () => {
  await second?.db.$disconnect();
  await second?.end();
  await testDb?.drop();
});

/** A wrong code of the right shape that is not one of `codes`. */
const wrongCode = (codes: readonly string[], n: number) => {
  const guess = String(10_000_000 + n * 7919).padStart(8, "0");
  return codes.includes(guess) ? String(Number(guess) + 1) : guess;
};

describe("guessing access codes", () => {
  it("refuses a right code after a burst of wrong ones from many devices, and logs every refusal without the code", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    const { codes } = await batchWithCodes(testDb.prisma, venue.id);
    const guesses = Array.from({ length: wrongCodesPerVenuePerHour }, (_, n) => wrongCode(codes, n));
    for (const guess of guesses) expect(await redeem(testDb.prisma, venue, guess, freshMac())).toEqual({ status: "refused", reason: "notFound" });

    const journeys = await testDb.prisma.journey.count({ where: { venueId: venue.id } });
    expect(await redeem(testDb.prisma, venue, codes[0]!, freshMac())).toEqual({ status: "refused", reason: "rateLimited" });
    expect(await testDb.prisma.journey.count({ where: { venueId: venue.id } })).toBe(journeys);
    // Another venue's guests are not locked out by it.
    const other = await voucherVenue(testDb.prisma);
    const theirs = await batchWithCodes(testDb.prisma, other.venue.id);
    expect((await redeem(testDb.prisma, other.venue, theirs.codes[0]!, freshMac())).status).toBe("identified");

    const refusals = await testDb.prisma.event.findMany({ where: { venueId: venue.id, type: "voucher.refused" } });
    const reasons = refusals.map((e) => (e.payload as { reason: string }).reason);
    expect(reasons.filter((r) => r === "notFound")).toHaveLength(wrongCodesPerVenuePerHour);
    expect(reasons.filter((r) => r === "rateLimited")).toHaveLength(1);
    const logged = JSON.stringify(refusals.map((e) => e.payload));
    for (const typed of [...guesses, codes[0]!]) expect(logged).not.toContain(typed);
  });

  it("keeps refusing a guessing crowd, but writes no more than refusalsLoggedPerVenuePerHour events an hour", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    const { codes } = await batchWithCodes(testDb.prisma, venue.id);
    const attempts = refusalsLoggedPerVenuePerHour + 15;
    const outcomes: string[] = [];
    for (let n = 0; n < attempts; n++) {
      const result = await redeem(testDb.prisma, venue, wrongCode(codes, n), freshMac());
      outcomes.push(result.status === "refused" ? result.reason : result.status);
    }
    expect(outcomes.filter((o) => o === "notFound")).toHaveLength(wrongCodesPerVenuePerHour);
    expect(outcomes.filter((o) => o === "rateLimited")).toHaveLength(attempts - wrongCodesPerVenuePerHour);
    // The right code is refused too, and not logged: the hour's log is full.
    expect(await redeem(testDb.prisma, venue, codes[0]!, freshMac())).toEqual({ status: "refused", reason: "rateLimited" });
    expect(await testDb.prisma.event.count({ where: { venueId: venue.id, type: "voucher.refused" } })).toBe(refusalsLoggedPerVenuePerHour);
  });

  it("counts one client's attempts across two app instances on the same database", async () => {
    const { venue } = await voucherVenue(testDb.prisma);
    const { codes } = await batchWithCodes(testDb.prisma, venue.id, { count: "1", maxDevices: "50" });
    const mac = freshMac();
    const instances = [testDb.prisma, second.db];
    const outcomes: string[] = [];
    for (let n = 0; n < attemptsPerClientPerHour + 2; n++) {
      const result = await redeem(instances[n % 2]!, venue, codes[0]!, mac);
      outcomes.push(result.status === "refused" ? result.reason : result.status);
    }
    expect(outcomes.slice(0, attemptsPerClientPerHour)).toEqual(Array(attemptsPerClientPerHour).fill("identified"));
    expect(outcomes.slice(attemptsPerClientPerHour)).toEqual(["rateLimited", "rateLimited"]);
    // Concurrent attempts from both instances never take more than the allowance.
    const burstMac = freshMac();
    const burst = await Promise.all(Array.from({ length: attemptsPerClientPerHour * 2 }, (_, n) => redeem(instances[n % 2]!, venue, codes[0]!, burstMac)));
    expect(burst.filter((r) => r.status === "identified")).toHaveLength(attemptsPerClientPerHour);
    // A different device at the same venue still gets in.
    expect((await redeem(second.db, venue, codes[0]!, freshMac())).status).toBe("identified");
  });
});
