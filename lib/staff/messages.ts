import type { Permission } from "@/lib/auth/permissions";
import type { DomainError, DomainErrorParams, FieldError, StaffErrorCode, WordingStep } from "@/lib/errors";

/**
 * The staff area's words for every refusal the domain can throw: the one catalogue staff
 * codes are mapped through (the staff area is English, not translated). Form validation
 * messages live beside their zod schemas in lib/<domain>/schemas.ts.
 */
type StaffMessages = {
  [Code in StaffErrorCode]: [DomainErrorParams<Code>] extends [undefined] ? string : (params: DomainErrorParams<Code>) => string;
};

const permissionRefusals: Record<Permission, (role: string) => string> = {
  "venues.manage": () => "Only admins can change venues, zones, access points and sponsors.",
  "copy.edit": (role) => `Your role (${role}) cannot edit portal copy.`,
  "copy.publish": (role) => `Your role (${role}) cannot publish portal copy.`,
  "consent.draft": () => "Your role cannot draft consent wording.",
  "consent.review": () => "Only legal reviewers and admins can approve or reject consent wording.",
  "consent.publish": () => "Only legal reviewers and admins can publish consent wording.",
  "guests.view": () => "Your staff role does not include viewing guests.",
  "guests.erase": () => "Only legal reviewers and admins can erase a guest.",
  "audit.view": () => "Only administrators can read the audit log.",
  "connectors.manage": () => "Only admins can connect, change or pause the systems guest data is sent to.",
  "gateways.manage": () => "Only admins can add, change or remove the gateways that let guests online.",
  "delivery.view": () => "Only admins can see where guest data is delivered.",
  "exports.read": (role) => `Your role (${role}) cannot see or download the venues' data exports.`,
  "exports.run": () => "Only admins can run or backfill data exports.",
  "staff.manage": () => "Only an admin can add or change staff accounts.",
  "apiKeys.manage": () => "Only admins can create or revoke API keys.",
  "processing.view": () => "Only legal reviewers and admins can read the record of processing.",
  "requests.manage": () => "Only legal reviewers and admins can see and answer guests' rights requests.",
  "retention.manage": () => "Only admins can set a venue's retention policy.",
  "analytics.view": (role) => `Your role (${role}) cannot see the analytics dashboard.`,
  "samlIdp.manage": () => "Only admins can register venue websites and manage the venue's SAML signing keys.",
  "vouchers.manage": () => "Only the front desk and admins can create, print or revoke access codes.",
};

const wordingStatusNames: Record<string, string> = {
  DRAFT: "a draft",
  IN_REVIEW: "in review",
  APPROVED: "approved",
  REJECTED: "rejected",
  PUBLISHED: "published",
  RETIRED: "retired",
};

/** What each step needs, after "Version 3 is approved: ". */
const wordingStepNeeds: Record<WordingStep, string> = {
  edit: "only drafts can be edited. Start a new draft instead.",
  discard: "only drafts can be discarded.",
  submit: "only drafts can be submitted for review.",
  approve: "only wording submitted for review can be approved.",
  reject: "only wording submitted for review can be rejected.",
  publish: "only approved wording can be published.",
  withdraw: "only approved, unpublished wording can be withdrawn.",
  redraft: "only rejected versions are copied into a new draft.",
};

const authorOnly = {
  edit: "Only the author of a draft can edit it. Start a new draft of your own instead.",
  discard: "Only the author of a draft can discard it.",
  submit: "Only the author of a draft can submit it for review.",
} as const;

export const staffMessages: StaffMessages = {
  notPermitted: ({ permission, role }) => permissionRefusals[permission as Permission]?.(role) ?? `Your role (${role}) does not allow this.`,
  actionNotAllowed: ({ role }) => `Your role (${role}) does not allow this. Nothing was changed.`,
  invalidFields: "Check the highlighted fields.",
  schemaRule: ({ message }) => message,

  accountInactive: "This account is not active.",
  ssoAccountHasNoPassword: "Your account signs in through single sign-on and has no password here. Ask an admin if you need one.",
  currentPasswordWrong: "That is not your current password.",
  staffEmailTaken: ({ email }) => `A staff account for ${email} already exists.`,
  staffEmailExists: "A staff account with this email already exists.",
  staffNotFound: "That staff account does not exist.",
  ownAccountChange: "You cannot change your own role, access or password here. Ask another admin.",
  lastActiveAdmin: "This is the last active admin. Make someone else an admin first.",
  actorRequired: "A staff account can only be added by an admin or by Portico's own setup (the staff:create command, the first run).",

  venueGone: "This venue no longer exists.",
  zoneGone: "This zone no longer exists at this venue.",
  accessPointGone: "This access point no longer exists at this venue.",
  sponsorGone: "This sponsor no longer exists at this venue.",
  venueSlugTaken: "Another venue already uses this slug. Choose a different one.",
  zoneSlugTaken: "This venue already has a zone with this slug.",
  sponsorSlugTaken: "This venue already has a sponsor with this slug.",
  macTaken: "This MAC address is already registered at this venue.",
  macInvalid: "Enter a MAC address like 00:11:22:33:44:55.",
  zoneNotOfVenue: "Choose one of this venue's zones.",
  defaultLocaleNotOffered: "The default language must be one of the languages offered.",
  dpaIncomplete: "A data-processing agreement needs both its reference and its signing date.",
  localeNotOffered: ({ venue, locale }) => `${venue} does not offer the locale "${locale}".`,
  localeChoice: ({ locales }) => `Choose one of ${locales}.`,

  imageEmpty: ({ file }) => `${file} is empty.`,
  imageTooBig: ({ file, size, limit }) => `${file} is too big (${size}): images must be ${limit} or smaller.`,
  imageSvg: "SVG images are not accepted (they can carry scripts). Upload a PNG, JPEG or WebP.",
  imageNotAnImage: ({ file }) => `${file} is not a PNG, JPEG or WebP image.`,
  foreignAsset: "That image is not one of this venue's uploads. Upload it again.",
  uploadAgain: "Upload the image again.",
  copyVersionGone: "That version no longer exists.",
  rollBackToDraft: "A draft is not a version to roll back to. Publish it instead.",
  copyVersionLive: ({ version }) => `Version ${version} is already live.`,
  noCopyDraft: "There is no draft to publish. Save a draft first.",
  copyDraftIncomplete: "The draft is incomplete. Open it, fix the fields and save it again.",
  copyDraftAlreadyPublished: "This draft was just published by someone else.",
  copyChangedConcurrently: "Someone else changed this copy at the same moment. Reload the page and try again.",

  connectorGone: "This connection no longer exists.",
  connectorKindUnknown: "Choose one of the systems Portico can send to.",
  connectorPurposeInvalid: "Choose the marketing consent or one of this venue's sponsors: a connection only ever receives guests who gave that consent.",
  connectorSecretsRequired: "Enter the credentials: a new connection cannot work without them.",
  connectorNotPaused: "Only a paused or disabled connection can be resumed.",
  connectorNotActive: "Only an active connection can be paused.",
  exportRangeReversed: "The first day must not be after the last day.",
  exportRangeTooLong: ({ days, max }) => `That is ${days} days; export at most ${max} at a time here (the export command has no limit).`,
  exportDayNotOver: ({ day, timezone }) => `${day} has not ended yet in the venue's time zone (${timezone}); a day is exported once it is over.`,
  noDeadLetters: "There is nothing to send again: no failed deliveries were selected.",

  gatewayGone: "This gateway no longer exists at this venue.",
  gatewayKindUnknown: "Choose one of the gateways Portico can work with.",
  gatewaySecretsRequired: "Enter the credentials: this gateway cannot work without them.",
  gatewaySlugTaken: "This venue already has a gateway with this slug.",
  accessSessionGone: "This access session no longer exists.",
  accessSessionNotActive: "This device's access has already ended.",

  samlMetadataInvalid: ({ reason }) => `This is not usable SAML identity provider metadata: ${reason}.`,
  samlMetadataFetchFailed: ({ reason }) => `The metadata could not be fetched from that address: ${reason}.`,
  samlMetadataRequired: "Paste the identity provider's metadata XML or give the address it is published at.",
  samlIdpGone: "Set up the website's identity provider first.",

  apiKeyGone: "This API key no longer exists.",
  voucherBatchGone: "This voucher batch no longer exists.",
  voucherSheetPrinted: "This batch's sheet was already printed: its codes exist only on paper now. Revoke the batch and make a new one if the sheet is lost.",
  voucherCodeNotFound: "No code of this venue matches what you typed. Check the digits on the card.",
  apiKeyAlreadyRevoked: "This API key was already revoked.",
  apiKeyNamespaceReserved: ({ namespace }) => `"${namespace}" is Portico's own namespace: API keys can read it but never write it.`,
  apiKeyNamespaceInvalid: ({ namespace }) => `"${namespace}" is not a namespace name: lower-case letters, digits, - and _, starting with a letter, at most 40 characters.`,
  apiKeyNamespaceShareability: ({ namespace, shareable }) =>
    `"${namespace}" is already declared ${shareable ? "shareable" : "internal"}: list it there, or pick another name.`,
  apiKeyNamespacesWithoutWrite: "Namespaces only matter with the visitor-data:write scope: tick it or leave the namespaces empty.",
  apiKeyExpiryPast: "The expiry date must be in the future.",

  wordingGone: "That wording version does not exist (any more).",
  purposeGone: "That consent purpose does not exist (any more).",
  wordingEmpty: "Write the wording.",
  wordingUnchanged: "The draft already says exactly that.",
  nothingChanged: "Nothing changed.",
  wordingWrongStatus: ({ version, status, step }) =>
    `Version ${version} is ${wordingStatusNames[status] ?? status.toLowerCase()}: ${wordingStepNeeds[step]}`,
  notDraftAuthor: ({ step }) => authorOnly[step],
  rejectionNeedsComment: "Say what needs to change before rejecting.",
  fourEyesRequired: "You drafted this wording, so someone else must approve it (four eyes). Ask another legal reviewer or an admin.",
  rejectionCommentRequired: "Say what needs to change: the author sees this comment.",

  guestGone: "This guest does not exist.",
  guestAlreadyErased: "This guest was already erased.",
  erasureNotConfirmed: "Tick the box to confirm that this guest's personal data is to be erased for good.",
  erasureReasonNamesGuest: "Do not write the guest's email in the reason: the reason is kept after the erasure.",

  rightsRequestGone: "This request does not exist.",
  rightsRequestTransition: ({ from, to }) => `A request that is ${requestStatusWords[from] ?? from} cannot be marked ${requestStatusWords[to] ?? to}.`,
  rectificationUnchanged: "These are the details Portico already holds: change at least one field, or mark the request done with what was done elsewhere.",
  rightsRequestNoGuest: "No guest has this email, so there is nothing to erase or export: answer the requester and mark the request done or refused.",
  rightsRequestAlreadyExtended: "The deadline was already extended once (by two months, the most article 12(3) allows).",
  rightsRequestUseFulfil: "Erasure requests are marked done by erasing the guest, below.",
  samlServiceProviderGone: "This website is no longer registered at this venue.",
  samlEntityIdTaken: "This venue already has a website registered with this entity ID.",
  samlPurposeInvalid: "Choose the venue's marketing consent or one of its sponsors' (accepting the terms is never a reason to share a guest's details).",
  samlCertificateInvalid: "Paste one PEM certificate (-----BEGIN CERTIFICATE----- …), or leave it empty.",
  samlNamespaceNotShareable: ({ namespace }) => `Visitor data “${namespace}” is not declared shareable, so it cannot be released to a website.`,
  samlNextKeyExists: "A next key is already published. Activate it before generating another.",
  samlNoNextKey: "There is no next key to activate. Generate one first and give websites time to trust it.",
};

const requestStatusWords: Record<string, string> = { RECEIVED: "received", IN_PROGRESS: "in progress", DONE: "done", REFUSED: "refused" };

/** The English for one staff code and its values. */
export function staffMessage<Code extends StaffErrorCode>(
  code: Code,
  ...[params]: [DomainErrorParams<Code>] extends [undefined] ? [] : [params: DomainErrorParams<Code>]
): string {
  return wordsFor(code, params);
}

function wordsFor(code: StaffErrorCode, params: unknown): string {
  const message = staffMessages[code] as string | ((params: unknown) => string);
  return typeof message === "string" ? message : message(params);
}

export function isStaffErrorCode(code: string): code is StaffErrorCode {
  return Object.hasOwn(staffMessages, code);
}

export interface StaffRefusal {
  message: string;
  fieldErrors?: Partial<Record<string, string[]>>;
}

/**
 * A refusal as the person who tried reads it: the form's message and its field errors.
 * Null for a code that is not the staff area's (a guest-journey code reaching a staff action
 * is a bug, and the caller lets it propagate).
 */
export function staffRefusal(error: DomainError): StaffRefusal | null {
  if (!isStaffErrorCode(error.code)) return null;
  const refusal: StaffRefusal = { message: wordsFor(error.code, error.params) };
  if (error.fieldErrors) {
    refusal.fieldErrors = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, errors]) => [field, (errors ?? []).map(fieldErrorText)]),
    );
  }
  return refusal;
}

function fieldErrorText(error: FieldError): string {
  const { code, params } = typeof error === "string" ? { code: error, params: undefined } : error;
  return isStaffErrorCode(code) ? wordsFor(code, params) : code;
}
