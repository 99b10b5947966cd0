/**
 * Whether guests are offered a sponsor's consent box, and if not, why — in words for the
 * admin. The one statement of the rule the portal applies (lib/consent/published-wording.ts):
 * a sponsor is shown only while active and with a data-processing agreement reference and
 * signing date on file.
 */
export function sponsorVisibility(sponsor: { active: boolean; dpaReference: string | null; dpaSignedAt: Date | null }): {
  shown: boolean;
  reasons: string[];
} {
  const reasons: string[] = [];
  if (!sponsor.dpaReference || !sponsor.dpaSignedAt) reasons.push("no data-processing agreement on file");
  if (!sponsor.active) reasons.push("inactive");
  return { shown: reasons.length === 0, reasons };
}
