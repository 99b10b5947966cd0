// How many of the devices that visited a venue lately came with a private (randomised) WiFi
// address: phones since iOS 14 and Android 10 pick one per network, so recognising a device
// by its address works only until it rotates it (docs/NETWORK.md). Guests are counted by
// identity (normalised email) everywhere; this figure says how far addresses can be trusted.
import "server-only";

import type { Db } from "@/lib/db/client";

export interface RandomisedShare {
  days: number;
  /** Devices seen in a visit with a MAC address the gateway reported. */
  withAddress: number;
  randomised: number;
}

export async function randomisedAddressShare(db: Db, venueId: string, now = new Date(), days = 30): Promise<RandomisedShare> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const [row] = await db.$queryRaw<{ withAddress: number; randomised: number }[]>`
    SELECT count(DISTINCT d.id) FILTER (WHERE d.mac_address IS NOT NULL)::int AS "withAddress",
           count(DISTINCT d.id) FILTER (WHERE d.mac_address IS NOT NULL AND d.mac_randomized)::int AS randomised
    FROM visit v JOIN device d ON d.id = v.device_id
    WHERE v.venue_id = ${venueId}::uuid AND v.connected_at >= ${since} AND v.connected_at <= ${now}`;
  return { days, withAddress: row?.withAddress ?? 0, randomised: row?.randomised ?? 0 };
}
