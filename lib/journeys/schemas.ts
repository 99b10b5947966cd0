// Inputs of the guest journey, shared by the forms (zodResolver), the server actions and
// any API route. Messages are error codes; the UI translates them (messages: "errors.*").
import { z } from "zod";

import { normalisePhone } from "@/lib/guests/normalise";

export const journeyTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, "journeyInvalid");

const email = z
  .string()
  .trim()
  .min(1, "emailRequired")
  .max(254, "emailTooLong")
  .pipe(z.email({ message: "emailInvalid" }));

export const emailLoginSchema = z.object({
  email,
});

/** Loyalty sign-up: richer profile, more access time. Phone is read in the venue's region. */
export function loyaltyLoginSchema(countryCode: string) {
  return z.object({
    email,
    name: z.string().trim().min(1, "nameRequired").max(100, "nameTooLong"),
    phone: z
      .string()
      .trim()
      .min(1, "phoneRequired")
      .max(32, "phoneInvalid")
      .transform((value, ctx) => {
        const e164 = normalisePhone(value, countryCode);
        if (!e164) {
          ctx.addIssue({ code: "custom", message: "phoneInvalid" });
          return z.NEVER;
        }
        return e164;
      }),
    birthday: z
      .string()
      .trim()
      .max(10)
      .optional()
      .transform((value) => (value ? value : undefined))
      .refine((value) => value === undefined || isPlausibleBirthday(value), "birthdayInvalid"),
  });
}

function isPlausibleBirthday(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getUTCFullYear() >= 1900 && date.getTime() < Date.now();
}

export type EmailLogin = z.infer<typeof emailLoginSchema>;
export type LoyaltyLogin = z.infer<ReturnType<typeof loyaltyLoginSchema>>;

/** What the consent step stores; decisions are checked against the wording actually shown. */
export const consentSubmissionSchema = z.object({
  termsAccepted: z.literal(true, { message: "termsRequired" }),
  /** Purpose ids of the optional boxes the guest ticked. */
  granted: z.array(z.uuid()).max(50).default([]),
  /** Consent text ids that were on the page, so a wording change mid-journey is caught. */
  shown: z.array(z.uuid()).min(1).max(50),
});

export type ConsentSubmission = z.infer<typeof consentSubmissionSchema>;
