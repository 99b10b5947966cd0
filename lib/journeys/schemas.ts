// Inputs of the guest journey, shared by the forms (zodResolver), the server actions and
// any API route. One file per form, so each page's bundle carries only its own schema.
export { emailLoginSchema, journeyTokenSchema, type EmailLogin } from "./email-login-schema";
export { loyaltyLoginSchema, type LoyaltyLogin } from "./loyalty-login-schema";
export { consentSubmissionSchema, type ConsentSubmission } from "./consent-schema";
