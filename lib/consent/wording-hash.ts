import { createHash } from "node:crypto";

/**
 * The fingerprint of a consent wording: hex SHA-256 of its NFC-normalised UTF-8 text.
 * NFC first so the same words typed on two systems hash the same.
 */
export function hashConsentWording(body: string): string {
  return createHash("sha256").update(body.normalize("NFC"), "utf8").digest("hex");
}
