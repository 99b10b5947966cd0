import { z } from "zod";

/** Long enough for full terms of use; short enough that a paste accident is caught. */
export const maxWordingLength = 20_000;

const consentTextId = z.uuid({ message: "That wording version is not recognised." });

const wordingBody = z
  .string({ message: "Write the wording." })
  .trim()
  .min(1, "Write the wording.")
  .max(maxWordingLength, `Keep the wording under ${maxWordingLength.toLocaleString("en-GB")} characters.`);

/** A new version of a purpose's wording in one locale. */
export const draftConsentTextSchema = z.object({
  purposeId: z.uuid({ message: "That consent purpose is not recognised." }),
  locale: z.string().trim().min(2, "Choose a locale.").max(16, "Choose a locale."),
  body: wordingBody,
});
export type DraftConsentTextInput = z.infer<typeof draftConsentTextSchema>;

/** The author's change to their own draft. */
export const updateConsentDraftSchema = z.object({ consentTextId, body: wordingBody });
export type UpdateConsentDraftInput = z.infer<typeof updateConsentDraftSchema>;

/** A step that needs nothing but the version: submit, publish, copy a rejected version. */
export const consentTextTransitionSchema = z.object({ consentTextId });
export type ConsentTextTransitionInput = z.infer<typeof consentTextTransitionSchema>;

const reviewComment = z.string().trim().max(2_000, "Keep the comment under 2,000 characters.");

export const approveConsentTextSchema = z.object({ consentTextId, comment: reviewComment.optional() });
export type ApproveConsentTextInput = z.infer<typeof approveConsentTextSchema>;

/** A rejection must say why, so the author knows what to change. */
export const rejectConsentTextSchema = z.object({
  consentTextId,
  comment: reviewComment.min(1, "Say what needs to change: the author sees this comment."),
});
export type RejectConsentTextInput = z.infer<typeof rejectConsentTextSchema>;
