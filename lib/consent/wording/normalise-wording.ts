/**
 * The form wording is stored in: line endings as "\n" (browsers post textareas with
 * "\r\n"), no leading or trailing blank space, Unicode NFC. The stored body is what the
 * SHA-256 covers, so the same words always give the same fingerprint.
 */
export function normaliseWording(body: string): string {
  return body.replace(/\r\n?/g, "\n").trim().normalize("NFC");
}
