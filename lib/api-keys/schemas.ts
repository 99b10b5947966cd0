// The staff form's inputs for API keys, shared by the form (zodResolver) and the actions.
import { z } from "zod";

import { optionalDateInput } from "@/lib/forms/date-input";

import { apiScopes } from "./scopes";

const scopeList = z.preprocess(
  (value) => (value === undefined || value === null || value === false ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.enum(apiScopes, { message: "Choose from the scopes listed." })).min(1, "Give the key at least one scope."),
);

export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key after the system that will use it.").max(200, "Use at most 200 characters."),
  /** "" for every venue. */
  venueId: z.union([z.literal(""), z.uuid({ message: "Choose a venue from the list." })]),
  scopes: scopeList,
  /** Comma- or space-separated namespace names, checked by lib/api-keys/namespaces.ts. */
  shareableNamespaces: z.string().trim().max(400, "Use at most 400 characters.").optional().default(""),
  internalNamespaces: z.string().trim().max(400, "Use at most 400 characters.").optional().default(""),
  /** An <input type="date"> value: the key stops working at the start of that day (UTC); "" never. */
  expiresOn: optionalDateInput("Enter a date, or leave it empty for a key that does not expire."),
  rateLimitPerMinute: z.coerce
    .number({ message: "Enter a number of requests per minute." })
    .int("Enter a whole number.")
    .min(1, "Allow at least one request a minute.")
    .max(100_000, "At most 100,000 requests a minute."),
});
export type NewApiKeyInput = z.infer<typeof newApiKeySchema>;

export const revokeApiKeySchema = z.object({ apiKeyId: z.uuid({ message: "Unknown key." }) });
