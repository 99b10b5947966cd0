// Each "Sign in with <website>" stores an AuthnRequest row (kept ten minutes), so the door is
// limited like the portal's others (lib/rate-limits): per device — its MAC where the gateway
// sent one, since behind a venue's NAT every guest shares an address — and per venue, so a
// flood cannot grow the table without bound.
import "server-only";

import { deriveKeys, secretKeysFromEnv, type SecretKeys } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { clientKey, takeHourlyRate } from "@/lib/rate-limits";

/** A guest who gives up and tries again a few times never meets these. */
export const samlLoginsPerDevicePerHour = 30;
/** A stadium's half-time: one a second on average, bursts of an hour's worth. */
export const samlLoginsPerVenuePerHour = 3600;

export interface SamlLoginClient {
  venueId: string;
  clientMac: string | null;
  ip: string | null;
}

/** Takes one sign-in from the device's and the venue's allowances; false when either is spent. */
export async function takeSamlLoginAttempt(db: Db, client: SamlLoginClient, keys: SecretKeys = secretKeysFromEnv()): Promise<boolean> {
  const derived = deriveKeys(keys, "saml sp rate keys v1");
  const device = client.clientMac ? clientKey(derived, "mac", client.clientMac) : clientKey(derived, "ip", client.ip ?? "unknown");
  const byDevice = await takeHourlyRate(db, `saml-sp:${client.venueId}:${device}`, samlLoginsPerDevicePerHour);
  if (!byDevice) return false;
  return takeHourlyRate(db, `saml-sp:venue:${client.venueId}`, samlLoginsPerVenuePerHour);
}
