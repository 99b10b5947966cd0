// Inputs of the staff guest pages. They arrive as URL query parameters from plain GET forms,
// so every field tolerates absence and messages are written for staff.
import { z } from "zod";

import { normaliseEmail } from "./normalise";

/** The guests list's search: an email fragment and an optional venue (by slug). */
export const guestSearchSchema = z.object({
  q: z
    .string()
    .max(320, "Search for at most 320 characters of an email address.")
    .optional()
    .transform((q) => normaliseEmail(q ?? "")),
  venue: z
    .string()
    .trim()
    .optional()
    .transform((slug) => slug || undefined)
    .pipe(z.string().regex(/^[a-z0-9-]{1,64}$/, "Choose a venue from the list.").optional()),
});

export type GuestSearch = z.output<typeof guestSearchSchema>;

/** A guest id from the URL: anything that is not a UUID cannot name a guest. */
export const guestIdSchema = z.uuid();
