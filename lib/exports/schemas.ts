import { z } from "zod";

import { checkboxInput } from "@/lib/forms/checkbox-input";

/** A calendar day, YYYY-MM-DD, that exists. */
export const exportDaySchema = z.iso.date({ message: "Enter a day as YYYY-MM-DD." });

export const exportFormatSchema = z.enum(["csv", "ndjson"], { message: "Choose csv or ndjson." });

/** The staff area's run/backfill form. */
export const exportRunSchema = z
  .object({
    venueId: z.uuid({ message: "Choose a venue." }),
    from: exportDaySchema,
    to: exportDaySchema,
    /** Write days already exported again (their consent flags and lists then reflect consent now). */
    redo: checkboxInput,
  })
  .refine((input) => input.from <= input.to, { path: ["to"], message: "The last day must not be before the first." });
export type ExportRunInput = z.infer<typeof exportRunSchema>;
