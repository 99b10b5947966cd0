// Inputs of the guest journey, shared by the portal's route handlers and any API route; their
// limits also become the guest pages' native constraint attributes.
export { emailConstraints, emailLoginSchema, journeyTokenSchema, type EmailLogin } from "./email-login-schema";
export { loyaltyConstraints, loyaltyLoginSchema, type LoyaltyLogin } from "./loyalty-login-schema";
export { consentSubmissionSchema, type ConsentSubmission } from "./consent-schema";
export { samlLoginSchema, samlOwnableFields, type SamlLogin } from "./saml-login-schema";
export { voucherLoginSchema } from "./voucher-login-schema";
