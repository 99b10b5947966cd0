// Email quick access and the journey token: no phone-number metadata, so the email login
// page's bundle stays small. Messages are error codes; the UI translates them.
import { z } from "zod";

export const journeyTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, "journeyInvalid");

export const guestEmailSchema = z
  .string()
  .trim()
  .min(1, "emailRequired")
  .max(254, "emailTooLong")
  .pipe(z.email({ message: "emailInvalid" }));

export const emailLoginSchema = z.object({
  email: guestEmailSchema,
});

export type EmailLogin = z.infer<typeof emailLoginSchema>;
