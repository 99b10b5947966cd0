import type { DbTx } from "@/lib/db/client";
import type { LoginMethod } from "@/lib/generated/prisma/enums";
import type { GuestIdentity } from "@/lib/guests/upsert-guest";

import { journeyTokenSchema } from "./schemas";

/** An identified journey taken for completion, with the login answers it held. */
export interface ClaimedJourney {
  id: string;
  venueId: string;
  defaultLocale: string;
  locale: string;
  loginMethod: LoginMethod;
  identity: GuestIdentity;
  clientMac: string | null;
  apMac: string | null;
  zoneSlug: string | null;
  userAgent: string | null;
}

interface ClaimRow extends Omit<ClaimedJourney, "identity"> {
  identity: GuestIdentity | null;
}

/**
 * Claims an identified, unexpired journey of this venue for completion in ONE statement that
 * also reads and clears the login answers it held: nothing can change them between the read
 * and the claim, and once consent is recorded no second copy of the guest's details remains
 * on the journey. Switches the journey to the locale the consent page was read in when the
 * venue offers it. Null when there is nothing to claim (unknown, expired, or already done).
 */
export async function claimJourney(
  tx: DbTx,
  input: { venueSlug: string; token: unknown; locale?: string | null; now: Date },
): Promise<ClaimedJourney | null> {
  const token = journeyTokenSchema.safeParse(input.token);
  if (!token.success) return null;
  const requestedLocale = input.locale ?? null;
  // `held` is read before the update, so RETURNING can hand back the identity the update clears.
  const rows = await tx.$queryRaw<ClaimRow[]>`
    UPDATE journey AS j
    SET status = 'COMPLETED',
        completed_at = ${input.now},
        identity = NULL,
        locale = CASE WHEN ${requestedLocale}::text = ANY (v.locales) THEN ${requestedLocale}::text ELSE j.locale END
    FROM (SELECT id, identity FROM journey WHERE token = ${token.data} FOR UPDATE) AS held, venue AS v
    WHERE j.id = held.id
      AND v.id = j.venue_id
      AND v.slug = ${input.venueSlug}
      AND j.status = 'IDENTIFIED'
      AND j.expires_at > ${input.now}
    RETURNING j.id, j.venue_id AS "venueId", v.default_locale AS "defaultLocale", j.locale,
              j.login_method AS "loginMethod", held.identity, j.client_mac AS "clientMac",
              j.ap_mac AS "apMac", j.zone_slug AS "zoneSlug", j.user_agent AS "userAgent"`;
  const row = rows[0];
  if (!row) return null;
  // Thrown, not returned: the transaction must roll the claim back rather than complete a journey with nobody in it.
  if (!row.identity || !row.loginMethod) throw new Error(`Journey ${row.id} was identified without login answers`);
  return { ...row, identity: row.identity };
}
