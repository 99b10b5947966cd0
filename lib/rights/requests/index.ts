// The rights requests queue (docs/RIGHTS.md): staff enter what guests ask for and answer it
// within the art. 12(3) deadline.
export { createRightsRequest } from "./create-request";
export { fulfilObjectionRequest, type ObjectionResult } from "./fulfil-objection";
export { applyRectification, fulfilRectificationRequest, type RectificationResult } from "./fulfil-rectification";
export { extendRightsRequest, fulfilErasureRequest, moveRightsRequest } from "./answer-request";
export { countOpenRightsRequests, getRightsRequest, listRightsRequests, requestListFilters, type RequestListFilter, type RightsRequestRow } from "./list-requests";
export { buildAccessPackage, zipAccessPackage, type AccessPackage, type AccessPackageFile } from "./access-package";
export { answerDays, dueAtFor, extendedDueAt, extensionDays, requestUrgency, type RequestUrgency } from "./deadlines";
export { recordAccessPackageDownload } from "./record-access-download";
