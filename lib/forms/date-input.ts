// An <input type="date"> value (YYYY-MM-DD) as the UTC midnight it names, shared by the
// forms' zod schemas (which the browser runs too: nothing here needs Node).
import { z } from "zod";

/** The UTC midnight `value` names, or null when it is not a real calendar day (2026-02-30). */
export function dateOfInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? date : null;
}

/** An optional date field: "" is null, anything else must be a real day, else `message`. */
export function optionalDateInput(message: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const date = dateOfInput(value);
      if (!date) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return date;
    });
}
