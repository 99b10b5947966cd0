// How hard guessing a code is, as pure arithmetic the batch form and docs/VOUCHERS.md share.
// Redemption attempts are limited per client (MAC, else address) and, for wrong codes, per
// venue (rate-limit.ts). However many devices an attacker brings, the venue's allowance of
// wrong codes is all they get, so the chance that guessing ever finds a live code of one batch
// is at most   codes × wrongCodesPerVenuePerHour × hours the batch is live / 10^length.

/** Attempts one client may make per hour, right or wrong (a burst of this many, then one every 6 minutes). */
export const attemptsPerClientPerHour = 10;
/** Wrong codes a venue accepts per hour from everyone together. */
export const wrongCodesPerVenuePerHour = 30;

/**
 * Refusals a venue writes to the event log per hour. Under attack (many devices, each refused)
 * the limits above still refuse every attempt; past this many in an hour they are no longer each
 * an event, so guessing cannot grow the append-only log without bound.
 */
export const refusalsLoggedPerVenuePerHour = 120;

export const codeLengthLimits = { min: 8, max: 12, default: 8 } as const;
/** The chance of a guessed code over a batch's whole life that a batch may leave open. */
export const maxGuessChance = 0.01;

/** The upper bound on the chance that guessing finds one of `codes` live codes of `length` digits within `hours`. */
export function guessChance(codes: number, length: number, hours: number): number {
  return Math.min(1, (codes * wrongCodesPerVenuePerHour * Math.max(hours, 0)) / 10 ** length);
}

/** The shortest length at which a batch of `codes` live for `hours` stays under maxGuessChance (never below the minimum). */
export function minimumCodeLength(codes: number, hours: number): number {
  for (let length: number = codeLengthLimits.min; length <= codeLengthLimits.max; length++) {
    if (guessChance(codes, length, hours) <= maxGuessChance) return length;
  }
  return codeLengthLimits.max + 1;
}
