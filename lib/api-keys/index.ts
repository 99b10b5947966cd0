// API keys: issue, revoke, authenticate, rate-limit; visitor-data namespaces' shareability.
export { authenticateApiKey, type ApiPrincipal, type KeyCheck, type KeyRefusal } from "./authenticate-key";
export { apiKeyVenueOptions, createApiKey, listApiKeys, revokeApiKey, type ApiKeyListItem } from "./manage-api-keys";
export { declareNamespaces, parseNamespaceList, shareableNamespaces, shareablePart } from "./namespaces";
export { takeRateLimit } from "./rate-limit";
export type { RateDecision } from "./rate-decision";
export { apiScopeDescriptions, apiScopes, isApiScope, type ApiScope } from "./scopes";
