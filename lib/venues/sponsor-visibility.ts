/**
 * Whether guests are offered a sponsor's consent box, and if not, why — in words for the
 * admin. The one statement of the rule the portal applies (lib/consent/published-wording.ts):
 * a sponsor is shown only while active, with a data-processing agreement reference and
 * signing date on file, and before the agreement's expiry date (from 00:00 UTC that day it
 * is no longer offered). Time matters, so the answer is for a moment (`now`).
 */
export function sponsorVisibility(
  sponsor: { active: boolean; dpaReference: string | null; dpaSignedAt: Date | null; dpaExpiresAt?: Date | null },
  now: Date = new Date(),
): {
  shown: boolean;
  reasons: string[];
} {
  const reasons: string[] = [];
  if (!sponsor.dpaReference || !sponsor.dpaSignedAt) reasons.push("no data-processing agreement on file");
  else if (sponsor.dpaExpiresAt && sponsor.dpaExpiresAt.getTime() <= now.getTime()) {
    reasons.push(`data-processing agreement expired on ${sponsor.dpaExpiresAt.toISOString().slice(0, 10)}`);
  }
  if (!sponsor.active) reasons.push("inactive");
  return { shown: reasons.length === 0, reasons };
}

/** When a shown sponsor stops being shown (its agreement's expiry), or null: guest caches drop it then. */
export function sponsorOfferedUntil(sponsor: { dpaExpiresAt?: Date | null } | null): Date | null {
  return sponsor?.dpaExpiresAt ?? null;
}
