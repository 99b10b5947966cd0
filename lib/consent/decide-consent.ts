import { DomainError } from "@/lib/errors";

import type { ShownConsent } from "./published-wording";

export interface ConsentDecision {
  purposeId: string;
  consentTextId: string;
  granted: boolean;
}

/**
 * Turns a submitted consent form into one decision per box shown. Refuses a submission
 * made against wording that is no longer live, or naming a purpose that was not offered
 * (a forged or stale form), so every stored decision points at words the guest saw.
 */
export function decideConsent(
  shownNow: readonly ShownConsent[],
  submission: { termsAccepted: true; granted: readonly string[]; shown: readonly string[] },
): ConsentDecision[] {
  const liveTextIds = new Set(shownNow.map((s) => s.consentTextId));
  const submittedTextIds = new Set(submission.shown);
  if (liveTextIds.size !== submittedTextIds.size || [...liveTextIds].some((id) => !submittedTextIds.has(id))) {
    throw new DomainError("consentWordingChanged");
  }

  const optional = new Set(shownNow.filter((s) => s.kind !== "TERMS").map((s) => s.purposeId));
  const granted = new Set(submission.granted);
  for (const purposeId of granted) {
    if (!optional.has(purposeId)) throw new DomainError("consentSubmissionInvalid", `Purpose ${purposeId} was not offered`);
  }

  return shownNow.map((s) => ({
    purposeId: s.purposeId,
    consentTextId: s.consentTextId,
    // Terms are an acknowledgement the form cannot be sent without; the rest are the guest's choice.
    granted: s.kind === "TERMS" ? true : granted.has(s.purposeId),
  }));
}
