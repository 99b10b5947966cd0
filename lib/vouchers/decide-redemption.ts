// Whether a code found at a venue may open one more journey, and what access it earns: pure,
// so every rule has its own test.

export interface CodeState {
  revokedAt: Date | null;
  batchRevokedAt: Date | null;
  expiresAt: Date;
  firstRedeemedAt: Date | null;
  accessMinutes: number;
  dataMb: number | null;
  maxDevices: number;
  /** The distinct device keys already redeemed on the code. */
  devices: readonly string[];
}

export type RefusalReason = "notFound" | "revoked" | "expired" | "usedUp" | "rateLimited";

export type RedemptionDecision = { ok: true; minutes: number; quotaMb: number | null; newDevice: boolean } | { ok: false; reason: RefusalReason };

/**
 * A code's access window runs from its first redemption for `accessMinutes`, and never past
 * the batch's expiry; each device redeemed on it gets what is left of the window. A device
 * already counted may come back (a new journey on the same phone) without taking a place.
 */
export function decideRedemption(code: CodeState, deviceKey: string, now: Date): RedemptionDecision {
  if (code.revokedAt || code.batchRevokedAt) return { ok: false, reason: "revoked" };
  if (code.expiresAt <= now) return { ok: false, reason: "expired" };
  const windowEnd = code.firstRedeemedAt ? new Date(code.firstRedeemedAt.getTime() + code.accessMinutes * 60_000) : null;
  const end = windowEnd && windowEnd < code.expiresAt ? windowEnd : code.expiresAt;
  const minutes = Math.min(code.accessMinutes, Math.floor((end.getTime() - now.getTime()) / 60_000));
  if (minutes < 1) return { ok: false, reason: "usedUp" };
  const newDevice = !code.devices.includes(deviceKey);
  if (newDevice && code.devices.length >= code.maxDevices) return { ok: false, reason: "usedUp" };
  return { ok: true, minutes, quotaMb: code.dataMb, newDevice };
}
