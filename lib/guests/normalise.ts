import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/** The identity key for a guest: trimmed, Unicode NFC, lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}

/**
 * A phone number as E.164, reading numbers typed without a country code in the venue's
 * region. Null when it is not a real, dialable number.
 */
export function normalisePhone(input: string, defaultCountry: string): string | null {
  const phone = parsePhoneNumberFromString(input.trim(), defaultCountry.toUpperCase() as CountryCode);
  return phone?.isValid() ? phone.number : null;
}
