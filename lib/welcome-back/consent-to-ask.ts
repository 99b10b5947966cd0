import type { ShownConsent } from "@/lib/consent";
import type { DbTx } from "@/lib/db/client";

/** A guest's latest decision on a purpose, and whether the words they answered are still the published ones. */
export interface LatestDecision {
  granted: boolean;
  stillPublished: boolean;
}

/**
 * The boxes a returning guest must see again: purposes whose wording was published anew since
 * their last decision (the text they answered is no longer the published one), and purposes
 * they never decided on (a sponsor added since). Everything else keeps the guest's choice.
 */
export function purposesToAskAgain(shown: readonly ShownConsent[], latest: ReadonlyMap<string, LatestDecision>): ShownConsent[] {
  return shown.filter((s) => !latest.get(s.purposeId)?.stillPublished);
}

/** Each purpose's latest decision by this guest (any method: a withdrawal counts), in one query. */
export async function latestDecisions(db: DbTx, guestId: string): Promise<Map<string, LatestDecision>> {
  const rows = await db.$queryRaw<{ purposeId: string; granted: boolean; stillPublished: boolean }[]>`
    SELECT DISTINCT ON (r.purpose_id) r.purpose_id AS "purposeId", r.granted, (t.status = 'PUBLISHED') AS "stillPublished"
    FROM consent_record r JOIN consent_text t ON t.id = r.consent_text_id
    WHERE r.guest_id = ${guestId}::uuid
    ORDER BY r.purpose_id, r.recorded_at DESC, r.id DESC`;
  return new Map(rows.map((r) => [r.purposeId, { granted: r.granted, stillPublished: r.stillPublished }]));
}
