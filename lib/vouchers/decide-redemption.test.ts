import { describe, expect, it } from "vitest";

import { guessChance, minimumCodeLength } from "./brute-force";
import { decideRedemption, type CodeState } from "./decide-redemption";

const now = new Date("2026-12-04T12:00:00Z");
const code = (overrides: Partial<CodeState> = {}): CodeState => ({
  revokedAt: null,
  batchRevokedAt: null,
  expiresAt: new Date("2026-12-10T00:00:00Z"),
  firstRedeemedAt: null,
  accessMinutes: 120,
  dataMb: 500,
  maxDevices: 2,
  devices: [],
  ...overrides,
});
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("decideRedemption", () => {
  it("grants a fresh code its whole window and data", () => {
    expect(decideRedemption(code(), "mac:a", now)).toEqual({ ok: true, minutes: 120, quotaMb: 500, newDevice: true });
  });
  it("grants a later device what is left of the window", () => {
    expect(decideRedemption(code({ firstRedeemedAt: minutesAgo(45), devices: ["mac:a"] }), "mac:b", now)).toMatchObject({ ok: true, minutes: 75 });
  });
  it("never grants past the batch's expiry", () => {
    expect(decideRedemption(code({ expiresAt: new Date(now.getTime() + 30 * 60_000) }), "mac:a", now)).toMatchObject({ ok: true, minutes: 30 });
  });
  it("refuses revoked, expired and spent codes", () => {
    expect(decideRedemption(code({ revokedAt: now }), "mac:a", now)).toEqual({ ok: false, reason: "revoked" });
    expect(decideRedemption(code({ batchRevokedAt: now }), "mac:a", now)).toEqual({ ok: false, reason: "revoked" });
    expect(decideRedemption(code({ expiresAt: now }), "mac:a", now)).toEqual({ ok: false, reason: "expired" });
    expect(decideRedemption(code({ firstRedeemedAt: minutesAgo(120), devices: ["mac:a"] }), "mac:a", now)).toEqual({ ok: false, reason: "usedUp" });
  });
  it("counts devices: a counted one comes back, a new one past the limit is refused", () => {
    const full = code({ firstRedeemedAt: minutesAgo(1), devices: ["mac:a", "mac:b"] });
    expect(decideRedemption(full, "mac:a", now)).toMatchObject({ ok: true, newDevice: false });
    expect(decideRedemption(full, "mac:c", now)).toEqual({ ok: false, reason: "usedUp" });
  });
});

describe("the guessing bound", () => {
  it("is codes × wrong codes per hour × hours / 10^digits", () => {
    expect(guessChance(100, 8, 24 * 7)).toBeCloseTo((100 * 30 * 168) / 1e8);
  });
  it("asks for more digits as batches grow or live longer", () => {
    expect(minimumCodeLength(20, 24 * 7)).toBe(8);
    expect(minimumCodeLength(100, 24 * 30)).toBe(9);
    expect(minimumCodeLength(500, 24 * 365)).toBe(11);
  });
});
