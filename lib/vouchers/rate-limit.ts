// Redemption attempts in PostgreSQL, so every web process shares the count: the same GCRA
// rows as guest self-service (lib/rights/self-service/rate-limit.ts, table self_service_rate),
// under keys of their own. Keys hold keyed hashes, never an address.
import type { Db } from "@/lib/db/client";
import { takeSelfServiceRate } from "@/lib/rights/self-service/rate-limit";

import { attemptsPerClientPerHour, wrongCodesPerVenuePerHour } from "./brute-force";

const clientKey = (client: string) => `voucher:client:${client}`;
const venueKey = (venueId: string) => `voucher:venue:${venueId}`;

/** Takes one attempt from the client's allowance; false once it is spent. */
export function takeClientAttempt(db: Db, client: string): Promise<boolean> {
  return takeSelfServiceRate(db, clientKey(client), attemptsPerClientPerHour);
}

/** Counts one wrong code against the venue. */
export async function takeVenueWrongCode(db: Db, venueId: string): Promise<void> {
  await takeSelfServiceRate(db, venueKey(venueId), wrongCodesPerVenuePerHour);
}

/**
 * Whether the venue has wrong codes left this hour, without taking one: a right code is
 * refused too while it has none, so a burst of guesses cannot end on a lucky one.
 */
export async function venueHasWrongCodesLeft(db: Db, venueId: string): Promise<boolean> {
  const interval = 3600 / wrongCodesPerVenuePerHour;
  const [row] = await db.$queryRaw<{ hasLeft: boolean }[]>`
    SELECT greatest(tat, now()) + make_interval(secs => ${interval}) <= now() + interval '1 hour' AS "hasLeft"
    FROM self_service_rate WHERE key = ${venueKey(venueId)}`;
  return row?.hasLeft ?? true;
}
