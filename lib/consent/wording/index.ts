// The consent wording workflow: draft → review → publish, each step audited.
export { approveConsentText, rejectConsentText } from "./review-consent-text";
export type { ConsentActor } from "./consent-actor";
export { discardConsentDraft } from "./discard-consent-draft";
export { diffWording, type WordingDiff, type WordingDiffSegment } from "./diff-wording";
export { draftConsentText } from "./draft-consent-text";
export { publishConsentText } from "./publish-consent-text";
export { redraftRejectedConsentText } from "./redraft-rejected-consent-text";
export { submitConsentText } from "./submit-consent-text";
export { updateConsentDraft } from "./update-consent-draft";
export { withdrawConsentText } from "./withdraw-consent-text";
