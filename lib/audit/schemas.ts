// The audit log's filters. They arrive as URL query parameters from a plain GET form, so
// every field may be absent; messages are written for staff and shown beside the field.
import { z } from "zod";

import { normaliseEmail } from "@/lib/email/normalise-email";

const blankToUndefined = (value: string | undefined) => (value ? value : undefined);

const isoDay = z
  .string()
  .trim()
  .optional()
  .transform(blankToUndefined)
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.")
      .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), "Enter a real date.")
      .optional(),
  );

export const auditFilterSchema = z
  .object({
    /** Part of the staff member's email address, matched literally. */
    actor: z
      .string()
      .max(320, "Use at most 320 characters.")
      .optional()
      .transform((value) => blankToUndefined(value === undefined ? undefined : normaliseEmail(value))),
    entityType: z
      .string()
      .trim()
      .optional()
      .transform(blankToUndefined)
      .pipe(z.string().regex(/^[a-z0-9_]{1,64}$/, "Choose an entity type from the list.").optional()),
    action: z
      .string()
      .trim()
      .optional()
      .transform(blankToUndefined)
      .pipe(z.string().regex(/^[a-z0-9_.:-]{1,80}$/, "Choose an action from the list.").optional()),
    entityId: z.string().trim().max(64, "An entity id has at most 64 characters.").optional().transform(blankToUndefined),
    /** First day included, in UTC. */
    from: isoDay,
    /** Last day included, in UTC. */
    to: isoDay,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date is before the start date." });

export type AuditFilter = z.output<typeof auditFilterSchema>;

export const auditFilterFields = ["actor", "entityType", "action", "entityId", "from", "to"] as const;
