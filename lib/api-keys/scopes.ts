/** What an API key may do. A route names the one scope it needs (lib/api/routes.ts). */
export const apiScopes = ["guests:read", "events:read", "visitor-data:write", "exports:read"] as const;
export type ApiScope = (typeof apiScopes)[number];

export const apiScopeDescriptions: Record<ApiScope, string> = {
  "guests:read": "Read guests, their consents, visits and visitor data",
  "events:read": "Read the event log and its daily counts",
  "visitor-data:write": "Write the key's own visitor-data namespaces",
  "exports:read": "List and download the daily export files",
};

export function isApiScope(value: string): value is ApiScope {
  return (apiScopes as readonly string[]).includes(value);
}
