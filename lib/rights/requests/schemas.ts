// Inputs of the rights requests queue, shared by the staff forms and the domain functions.
import { z } from "zod";

import { optionalDateInput } from "@/lib/forms/date-input";
import { normalisePhone } from "@/lib/guests/normalise";

export const rightsRequestKinds = ["ACCESS", "ERASURE", "RECTIFICATION", "OBJECTION"] as const;
export const rightsRequestStatuses = ["RECEIVED", "IN_PROGRESS", "DONE", "REFUSED"] as const;

/** A request a guest sent in (by email, letter, at the desk), entered by legal or an admin. */
export const createRightsRequestSchema = z.object({
  kind: z.enum(rightsRequestKinds, "Choose what the guest asks for."),
  email: z.string().trim().min(1, "Enter the guest's email address.").max(320, "Use at most 320 characters.").pipe(z.email("Enter a valid email address.")),
  details: z.string().trim().max(2000, "Keep the details to 2,000 characters.").default(""),
  /** The day the request arrived (the deadline runs from it); today when left empty. */
  receivedOn: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.iso.date("Enter the date as YYYY-MM-DD.").optional()),
});
export type CreateRightsRequestInput = z.input<typeof createRightsRequestSchema>;

const requestId = z.uuid("Unknown request.");

/** Moving a request on: started, done (with what was done) or refused (with why). */
export const moveRightsRequestSchema = z
  .object({
    requestId,
    to: z.enum(["IN_PROGRESS", "DONE", "REFUSED"], "Choose what happened."),
    note: z.string().trim().max(500, "Keep it to 500 characters.").default(""),
  })
  .superRefine((value, ctx) => {
    if (value.to === "REFUSED" && !value.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Say why the request is refused: the requester must be told (art. 12(4))." });
  });
export type MoveRightsRequestInput = z.input<typeof moveRightsRequestSchema>;

/** Art. 12(3): two more months where necessary, the requester told why within the first month. */
export const extendRightsRequestSchema = z.object({
  requestId,
  reason: z.string().trim().min(1, "Say why more time is needed (the requester is told this).").max(500, "Keep the reason to 500 characters."),
});
export type ExtendRightsRequestInput = z.input<typeof extendRightsRequestSchema>;

/** Fulfilling an erasure request: the erasure's own confirmation. */
export const fulfilErasureRequestSchema = z.object({
  requestId,
  confirm: z.literal("on", "Tick the box to confirm that this guest's personal data is to be erased for good."),
});
export type FulfilErasureRequestInput = z.input<typeof fulfilErasureRequestSchema>;

/** Upholding an objection: every consent the guest gave, withdrawn everywhere. */
export const fulfilObjectionRequestSchema = z.object({
  requestId,
  confirm: z.literal("on", "Tick the box to confirm that every consent this guest gave is to be withdrawn."),
});
export type FulfilObjectionRequestInput = z.input<typeof fulfilObjectionRequestSchema>;

/**
 * Correcting a guest's details (art. 16): each field is what it should be; an empty field
 * removes it. The email is not among them: it is the guest's identity in Portico and in every
 * connected system (docs/RIGHTS.md, "Rectification").
 */
export const fulfilRectificationRequestSchema = z.object({
  requestId,
  name: z
    .string()
    .trim()
    .max(200, "Use at most 200 characters.")
    .default("")
    .transform((value) => value || null),
  phone: z
    .string()
    .trim()
    .max(32, "Use at most 32 characters.")
    .default("")
    .transform((value, ctx) => {
      if (!value) return null;
      // With its country code, as staff cannot know which region the guest typed it in.
      const e164 = value.startsWith("+") ? normalisePhone(value, "ZZ") : null;
      if (!e164) {
        ctx.addIssue({ code: "custom", message: "Enter a real number with its country code, e.g. +44 20 7946 0018." });
        return z.NEVER;
      }
      return e164;
    }),
  birthday: optionalDateInput("Enter the date as YYYY-MM-DD."),
});
export type FulfilRectificationRequestInput = z.input<typeof fulfilRectificationRequestSchema>;
export type FulfilRectificationRequest = z.output<typeof fulfilRectificationRequestSchema>;
