// Guest self-service, "Manage my data" (docs/RIGHTS.md): a signed, single-use email link, then
// the guest's choices with their exact wording, one-click withdrawal (propagated to the
// recipients as each vendor's opt-out), the data as a ZIP, and erasure.
export { buildAccessExport, type AccessExport } from "./access-export";
export { changeSelfServiceConsent, selfServiceActor, type ConsentChangeResult } from "./change-consent";
export { guestConsentChoices, type PurposeChoice, type VenueChoices } from "./consent-overview";
export { eraseSelf } from "./erase-self";
export { selfServiceKeys, type SelfServiceKeys } from "./keys";
export { linkMinutes } from "./link-token";
export { endSelfServiceSession, inspectSelfServiceLink, loadSelfServiceSession, openSelfServiceLink, sessionMinutes, type SelfServiceSession } from "./open-link";
export { expiredLinkHours, purgeSelfServiceLinks } from "./purge-links";
export { recordExportDownload } from "./record-export-download";
export { requestSelfServiceLink, type LinkRequestResult } from "./request-link";
export { consentChangeSchema, eraseConfirmSchema, linkRequestSchema } from "./schemas";
