export { accessMinutesByMethod } from "./access-policy";
export { completeJourney, type CompleteResult } from "./complete-journey";
export { gatewayQuery, portalQueryNames, readGatewayParams, type GatewayContext } from "./gateway-params";
export { loadJourney, type JourneyWithVenue } from "./load-journey";
export { openJourney, type FieldErrors, type OpenJourneyResult } from "./open-journey";
export { purgeExpiredJourneys } from "./purge-expired-journeys";
export { consentSubmissionSchema, emailLoginSchema, journeyTokenSchema, loyaltyLoginSchema } from "./schemas";
export { restartQuery } from "./restart-query";
