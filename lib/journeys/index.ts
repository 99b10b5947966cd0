export { accessMinutesByMethod } from "./access-policy";
export { completeJourney, type CompleteResult } from "./complete-journey";
export { readGatewayParams, type GatewayContext } from "./gateway-params";
export { loadJourney, type JourneyWithVenue } from "./load-journey";
export { recordLogin, type FieldErrors, type LoginResult } from "./record-login";
export { consentSubmissionSchema, emailLoginSchema, journeyTokenSchema, loyaltyLoginSchema } from "./schemas";
export { startJourney } from "./start-journey";
export { restartQuery } from "./restart-query";
