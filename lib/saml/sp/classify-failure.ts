// node-saml refuses with plain Errors; the guest and the event log get a stable reason code.
import { SamlStatusError } from "@node-saml/node-saml";

export const samlFailureReasons = [
  "malformed",
  "unknownRelayState",
  "requestExpired",
  "requestUsed",
  "disabled",
  "status",
  "cancelled",
  "signature",
  "audience",
  "destination",
  "issuer",
  "expired",
  "notYetValid",
  "inResponseTo",
  "replayed",
  "noNameId",
  "noEmail",
  "gatewayInvalid",
  "invalid",
] as const;
export type SamlFailureReason = (typeof samlFailureReasons)[number];

/** The reason for an error node-saml threw while validating a response. */
export function classifyValidationError(error: unknown): SamlFailureReason {
  if (error instanceof SamlStatusError) {
    // AuthnFailed / RequestDenied / NoPassive…: the guest cancelled or the website said no.
    return /AuthnFailed|RequestDenied|NoPassive|Cancel/i.test(error.message) ? "cancelled" : "status";
  }
  const message = error instanceof Error ? error.message : "";
  if (/signature|Cannot obtain assertion|EncryptedAssertion|decrypt/i.test(message)) return "signature";
  if (/audience/i.test(message)) return "audience";
  if (/not yet valid/i.test(message)) return "notYetValid";
  if (/expired|too old|No valid subject confirmation/i.test(message)) return "expired";
  if (/InResponseTo/i.test(message)) return "inResponseTo";
  if (/issuer/i.test(message)) return "issuer";
  return "invalid";
}
