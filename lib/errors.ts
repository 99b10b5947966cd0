/**
 * An expected failure with a stable code. The edge (page, server action, route) maps the
 * code to a translated message or an HTTP status; anything that is not a DomainError is a
 * bug and is shown to people only as a generic message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "DomainError";
  }
}

export type DomainErrorCode =
  | "venueNotFound"
  | "journeyNotFound"
  | "journeyExpired"
  | "journeyNotIdentified"
  | "consentNotConfigured"
  | "consentWordingChanged"
  | "consentSubmissionInvalid";

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
