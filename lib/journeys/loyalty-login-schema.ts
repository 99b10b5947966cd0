// The loyalty form: richer profile, more access time. Phone numbers are judged by
// libphonenumber's full metadata (real numbers, not unassigned ranges), on the server only.
import { z } from "zod";

import { dateOfInput } from "@/lib/forms/date-input";

import { normalisePhone } from "@/lib/guests/normalise";

import { guestEmailSchema } from "./email-login-schema";

/** Limits the loyalty form's native constraint attributes repeat. */
export const loyaltyConstraints = { nameMaxLength: 100, phoneMaxLength: 32, earliestBirthday: "1900-01-01" } as const;

/** Loyalty sign-up: richer profile, more access time. Phone is read in the venue's region. */
export function loyaltyLoginSchema(countryCode: string) {
  return z.object({
    email: guestEmailSchema,
    name: z.string().trim().min(1, "nameRequired").max(loyaltyConstraints.nameMaxLength, "nameTooLong"),
    phone: z
      .string()
      .trim()
      .min(1, "phoneRequired")
      .max(loyaltyConstraints.phoneMaxLength, "phoneInvalid")
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
  const date = dateOfInput(value);
  return date !== null && value >= loyaltyConstraints.earliestBirthday && date.getTime() < Date.now();
}

export type LoyaltyLogin = z.infer<ReturnType<typeof loyaltyLoginSchema>>;
