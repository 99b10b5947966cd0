/**
 * An expected failure with a stable code: a guest's journey that cannot go on, or a staff
 * change that is refused. Domain code throws it with the values the message needs; the edge
 * (page, server action, route) maps the code to words: guest codes to the page's language
 * (`portal.errors` in lib/i18n/messages), staff codes to English (lib/staff/messages.ts).
 * Anything that is not a DomainError is a bug and is shown to people only as a generic message.
 */
export class DomainError<Code extends DomainErrorCode = DomainErrorCode> extends Error {
  readonly params: DomainErrorParams<Code>;
  /** Per form field: what is wrong with it, in the same vocabulary. */
  readonly fieldErrors?: FieldErrors;

  constructor(
    readonly code: Code,
    ...[details]: DomainErrorArguments<Code>
  ) {
    const options: DomainErrorDetails = typeof details === "string" ? { message: details } : (details ?? {});
    // The message is for logs; people read the edge's words for the code.
    super(options.message ?? code);
    this.name = "DomainError";
    this.params = options.params as DomainErrorParams<Code>;
    this.fieldErrors = options.fieldErrors;
  }

  /** A problem already in field-error form ("this file is empty") thrown as the refusal itself. */
  static of(problem: FieldError, fieldErrors?: FieldErrors): DomainError {
    const { code, params } = typeof problem === "string" ? { code: problem, params: undefined } : problem;
    return new (DomainError as new (code: DomainErrorCode, details: DomainErrorDetails) => DomainError)(code, { params, fieldErrors });
  }
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}

/** The guest journey's codes, translated by the portal pages. */
interface PortalErrors {
  venueNotFound: undefined;
  journeyNotFound: undefined;
  journeyExpired: undefined;
  journeyNotIdentified: undefined;
  consentNotConfigured: undefined;
  consentWordingChanged: undefined;
  consentSubmissionInvalid: undefined;
}

/** A consent wording step a version's status can refuse. */
export type WordingStep = "edit" | "discard" | "submit" | "approve" | "reject" | "publish" | "withdraw" | "redraft";
/** The image checks a logo or background can fail (lib/assets). */
type ImageRefusal = { file: string };

/**
 * The staff area's codes and the values each message is built from. Names, versions and
 * statuses travel as data; the English words are lib/staff/messages.ts's business.
 */
interface StaffErrors {
  /** The actor's role lacks the permission (checked by `assertPermission`). */
  notPermitted: { permission: string; role: string };
  /** A staff action posted by a role it is not for (answered by `staffAction` itself). */
  actionNotAllowed: { role: string };
  /** Field errors follow; the message says only that. */
  invalidFields: undefined;
  /** A field's value broke its shared zod schema; `message` is that schema's own text. */
  schemaRule: { message: string };

  accountInactive: undefined;
  ssoAccountHasNoPassword: undefined;
  currentPasswordWrong: undefined;
  staffEmailTaken: { email: string };
  staffEmailExists: undefined;
  staffNotFound: undefined;
  ownAccountChange: undefined;
  lastActiveAdmin: undefined;
  actorRequired: undefined;

  venueGone: undefined;
  zoneGone: undefined;
  accessPointGone: undefined;
  sponsorGone: undefined;
  venueSlugTaken: undefined;
  zoneSlugTaken: undefined;
  sponsorSlugTaken: undefined;
  macTaken: undefined;
  macInvalid: undefined;
  zoneNotOfVenue: undefined;
  defaultLocaleNotOffered: undefined;
  dpaIncomplete: undefined;
  localeNotOffered: { venue: string; locale: string };
  localeChoice: { locales: string };

  imageEmpty: ImageRefusal;
  imageTooBig: ImageRefusal & { size: string; limit: string };
  imageSvg: undefined;
  imageNotAnImage: ImageRefusal;
  foreignAsset: undefined;
  uploadAgain: undefined;
  copyVersionGone: undefined;
  rollBackToDraft: undefined;
  copyVersionLive: { version: number };
  noCopyDraft: undefined;
  copyDraftIncomplete: undefined;
  copyDraftAlreadyPublished: undefined;
  copyChangedConcurrently: undefined;

  connectorGone: undefined;
  connectorKindUnknown: undefined;
  connectorPurposeInvalid: undefined;
  connectorSecretsRequired: undefined;
  connectorNotPaused: undefined;
  connectorNotActive: undefined;
  noDeadLetters: undefined;

  exportRangeReversed: undefined;
  exportRangeTooLong: { days: number; max: number };
  exportDayNotOver: { day: string; timezone: string };

  gatewayGone: undefined;
  gatewayKindUnknown: undefined;
  gatewaySecretsRequired: undefined;
  gatewaySlugTaken: undefined;
  accessSessionGone: undefined;
  accessSessionNotActive: undefined;

  samlMetadataInvalid: { reason: string };
  samlMetadataFetchFailed: { reason: string };
  samlMetadataRequired: undefined;
  samlIdpGone: undefined;

  apiKeyGone: undefined;

  voucherBatchGone: undefined;
  voucherSheetPrinted: undefined;
  voucherCodeNotFound: undefined;
  apiKeyAlreadyRevoked: undefined;
  apiKeyNamespaceReserved: { namespace: string };
  apiKeyNamespaceInvalid: { namespace: string };
  apiKeyNamespaceShareability: { namespace: string; shareable: boolean };
  apiKeyNamespacesWithoutWrite: undefined;
  apiKeyExpiryPast: undefined;

  wordingGone: undefined;
  purposeGone: undefined;
  wordingEmpty: undefined;
  wordingUnchanged: undefined;
  nothingChanged: undefined;
  wordingWrongStatus: { version: number; status: string; step: WordingStep };
  notDraftAuthor: { step: Extract<WordingStep, "edit" | "discard" | "submit"> };
  rejectionNeedsComment: undefined;
  fourEyesRequired: undefined;
  rejectionCommentRequired: undefined;

  guestGone: undefined;
  guestAlreadyErased: undefined;
  erasureNotConfirmed: undefined;
  erasureReasonNamesGuest: undefined;

  rightsRequestGone: undefined;
  rightsRequestTransition: { from: string; to: string };
  rightsRequestNoGuest: undefined;
  rectificationUnchanged: undefined;
  rightsRequestAlreadyExtended: undefined;
  rightsRequestUseFulfil: undefined;
  samlServiceProviderGone: undefined;
  samlEntityIdTaken: undefined;
  samlPurposeInvalid: undefined;
  samlCertificateInvalid: undefined;
  samlNamespaceNotShareable: { namespace: string };
  samlNextKeyExists: undefined;
  samlNoNextKey: undefined;
}

type DomainErrors = PortalErrors & StaffErrors;
export type DomainErrorCode = keyof DomainErrors;
export type PortalErrorCode = keyof PortalErrors;

const portalErrorCodes = {
  venueNotFound: true,
  journeyNotFound: true,
  journeyExpired: true,
  journeyNotIdentified: true,
  consentNotConfigured: true,
  consentWordingChanged: true,
  consentSubmissionInvalid: true,
} satisfies Record<PortalErrorCode, true>;

/** Whether a code is one the guest pages translate (portal.errors). */
export function isPortalErrorCode(code: string): code is PortalErrorCode {
  return Object.hasOwn(portalErrorCodes, code);
}
export type StaffErrorCode = keyof StaffErrors;
export type DomainErrorParams<Code extends DomainErrorCode> = DomainErrors[Code];

/** One thing wrong with a field: a code, with its values when its message needs them. */
export type FieldError = {
  [Code in DomainErrorCode]: [DomainErrors[Code]] extends [undefined] ? Code | { code: Code; params?: undefined } : { code: Code; params: DomainErrors[Code] };
}[DomainErrorCode];
export type FieldErrors = Partial<Record<string, readonly FieldError[]>>;

interface DomainErrorDetails {
  params?: unknown;
  fieldErrors?: FieldErrors;
  /** For logs only (an id, a slug); never shown to people. */
  message?: string;
}

/** A code whose message needs values must be given them; the others take an optional log message. */
type DomainErrorArguments<Code extends DomainErrorCode> = [DomainErrors[Code]] extends [undefined]
  ? [details?: string | (DomainErrorDetails & { params?: undefined })]
  : [details: DomainErrorDetails & { params: DomainErrors[Code] }];
