// Every operation of API v1, in the order the reference lists them. app/api/v1/** serves
// them and lib/api/openapi.ts documents them, both from this list.
import { getGuestConsents } from "./operations/consents";
import { countEvents, listEvents } from "./operations/events";
import { listExports } from "./operations/exports";
import { getGuest, getGuestByEmail, listGuests } from "./operations/guests";
import { getVenue, listConsentTexts, listVenues } from "./operations/venues";
import { getVisitorData, patchVisitorData, putVisitorData } from "./operations/visitor-data";
import { listGuestVisits } from "./operations/visits";
import type { ApiRouteSpec } from "./route-spec";

export const apiRoutes = {
  listGuests,
  getGuestByEmail,
  getGuest,
  getGuestConsents,
  listGuestVisits,
  getVisitorData,
  putVisitorData,
  patchVisitorData,
  listEvents,
  countEvents,
  listVenues,
  getVenue,
  listConsentTexts,
  listExports,
} satisfies Record<string, ApiRouteSpec>;

export type ApiOperationId = keyof typeof apiRoutes;
