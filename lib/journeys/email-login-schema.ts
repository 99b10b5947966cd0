// Email quick access and the journey token. Messages are error codes; the UI translates them.
// The limits are exported so the guest page's native constraint attributes (maxlength,
// pattern) say exactly what the schema checks.
import { z } from "zod";

export const journeyTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, "journeyInvalid");

/**
 * Zod's own default email rule, spelt with every hyphen escaped: the same language, but also a
 * valid HTML `pattern`, which browsers compile in the stricter `v` mode (an unescaped "-" at
 * the end of a class is an error there, and a pattern that fails to compile checks nothing).
 */
const emailPattern = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+\-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

export const emailConstraints = {
  maxLength: 254,
  pattern: emailPattern,
  /** For the input's `pattern` attribute, which is anchored already. */
  htmlPattern: emailPattern.source.slice(1, -1),
} as const;

export const guestEmailSchema = z
  .string()
  .trim()
  .min(1, "emailRequired")
  .max(emailConstraints.maxLength, "emailTooLong")
  .pipe(z.email({ pattern: emailConstraints.pattern, message: "emailInvalid" }));

export const emailLoginSchema = z.object({
  email: guestEmailSchema,
});

export type EmailLogin = z.infer<typeof emailLoginSchema>;
