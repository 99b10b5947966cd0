// A venue's retention policy as the settings form and the domain functions read it.
import { z } from "zod";

/** Whole months, 1 to 120; an empty field means "kept" (no period). */
const months = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value) => (value === undefined || value === null || value === "" ? null : Number(value)))
  .pipe(z.number("Enter a number of months.").int("Enter whole months.").min(1, "At least 1 month.").max(120, "At most 120 months (ten years).").nullable());

export const retentionPolicySchema = z.object({
  venueId: z.uuid("Unknown venue."),
  guestMonths: months,
  eventMonths: months,
  sessionMonths: months,
});
export type RetentionPolicyInput = z.input<typeof retentionPolicySchema>;
export type RetentionPeriods = Omit<z.output<typeof retentionPolicySchema>, "venueId">;

/** Saving needs the admin to have seen today's counts for exactly these values. */
export const saveRetentionPolicySchema = retentionPolicySchema.extend({
  confirm: z.literal("on", "Tick the box to confirm the counts this policy would change today."),
});
