/**
 * The identity key for an email address, shared by guests and staff: trimmed, Unicode NFC,
 * lower-cased. Two spellings of one address always meet in the same row.
 */
export function normaliseEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}
