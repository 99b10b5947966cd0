import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

// Guests are keyed by the same email normalisation as staff.
export { normaliseEmail } from "@/lib/email/normalise-email";

/**
 * A phone number as E.164, reading numbers typed without a country code in the venue's
 * region. Null when it is not a real, dialable number.
 */
export function normalisePhone(input: string, defaultCountry: string): string | null {
  const phone = parsePhoneNumberFromString(input.trim(), defaultCountry.toUpperCase() as CountryCode);
  return phone?.isValid() ? phone.number : null;
}
