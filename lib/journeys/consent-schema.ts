// The consent step's input. Terms are an acknowledgement; every other box is the guest's choice.
import { z } from "zod";

/** What the consent step stores; decisions are checked against the wording actually shown. */
export const consentSubmissionSchema = z.object({
  termsAccepted: z.literal(true, { message: "termsRequired" }),
  /** Purpose ids of the optional boxes the guest ticked. */
  granted: z.array(z.uuid()).max(50).default([]),
  /** Consent text ids that were on the page, so a wording change mid-journey is caught. */
  shown: z.array(z.uuid()).min(1).max(50),
});

export type ConsentSubmission = z.infer<typeof consentSubmissionSchema>;
