export { decideConsent, type ConsentDecision } from "./decide-consent";
export { getPublishedConsentWording, type ShownConsent } from "./published-wording";
export { hashConsentWording } from "./wording-hash";
