import { SamlStatusError } from "@node-saml/node-saml";
import { expect, it } from "vitest";

import { classifyValidationError } from "./classify-failure";

it.each([
  [new Error("Invalid signature"), "signature"],
  [new Error("Invalid document signature"), "signature"],
  [new Error("Invalid signature: multiple assertions"), "signature"],
  [new Error("SAML assertion audience mismatch. Expected: a Received: b"), "audience"],
  [new Error("SAML assertion not yet valid"), "notYetValid"],
  [new Error("SAML assertion expired: clocks skewed too much"), "expired"],
  [new Error("No valid subject confirmation found among those available in the SAML assertion"), "expired"],
  [new Error("InResponseTo is not valid"), "inResponseTo"],
  [new SamlStatusError("SAML provider returned Responder error: AuthnFailed", "<Status/>"), "cancelled"],
  [new SamlStatusError("SAML provider returned Requester error: InvalidNameIDPolicy", "<Status/>"), "status"],
  [new Error("something else"), "invalid"],
])("%s → %s", (error, reason) => {
  expect(classifyValidationError(error)).toBe(reason);
});
