// Redemption attempts in PostgreSQL, so every web process shares the count (lib/rate-limits),
// under keys of their own. Keys hold keyed hashes, never an address.
import type { Db } from "@/lib/db/client";
import { hasHourlyRateLeft, takeHourlyRate } from "@/lib/rate-limits";

import { attemptsPerClientPerHour, refusalsLoggedPerVenuePerHour, wrongCodesPerVenuePerHour } from "./brute-force";

const clientKey = (client: string) => `voucher:client:${client}`;
const venueKey = (venueId: string) => `voucher:venue:${venueId}`;
const refusalLogKey = (venueId: string) => `voucher:refusal-log:${venueId}`;

/** Whether this refusal is written as an event: the venue's first refusalsLoggedPerVenuePerHour an hour are. */
export function takeRefusalLog(db: Db, venueId: string): Promise<boolean> {
  return takeHourlyRate(db, refusalLogKey(venueId), refusalsLoggedPerVenuePerHour);
}

/** Takes one attempt from the client's allowance; false once it is spent. */
export function takeClientAttempt(db: Db, client: string): Promise<boolean> {
  return takeHourlyRate(db, clientKey(client), attemptsPerClientPerHour);
}

/** Counts one wrong code against the venue. */
export async function takeVenueWrongCode(db: Db, venueId: string): Promise<void> {
  await takeHourlyRate(db, venueKey(venueId), wrongCodesPerVenuePerHour);
}

/**
 * Whether the venue has wrong codes left this hour, without taking one: a right code is
 * refused too while it has none, so a burst of guesses cannot end on a lucky one.
 */
export function venueHasWrongCodesLeft(db: Db, venueId: string): Promise<boolean> {
  return hasHourlyRateLeft(db, venueKey(venueId), wrongCodesPerVenuePerHour);
}
