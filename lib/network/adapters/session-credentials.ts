// The username and password a RADIUS-backed gateway (MikroTik, Cisco WLC, Aruba, Meraki sign-on) is handed
// through the guest's browser. The username is Portico's access-session id; the password is
// derived from it with a key shared with Portico's RADIUS side, so nothing is stored and the
// RADIUS side can recompute it for any session it is asked about (PAP compares it, CHAP hashes
// it). Knowing a session id without the key is not enough to log a device in.
import { createHmac, timingSafeEqual } from "node:crypto";

import { z } from "zod";

/** 32 base64url characters: 192 bits of the HMAC, inside every gateway's password length limit (MikroTik, Cisco and Aruba take 63+). */
export const sessionPasswordLength = 32;

/** The password for one access session: HMAC-SHA256(key, sessionId), base64url, first 32 characters. */
export function sessionPassword(secret: string, sessionId: string): string {
  if (!secret) throw new Error("sessionPassword needs the credential key");
  return createHmac("sha256", secret).update(sessionId, "utf8").digest("base64url").slice(0, sessionPasswordLength);
}

/** Whether a RADIUS User-Password is the one Portico issued for that User-Name (constant time). */
export function isSessionPassword(secret: string, sessionId: string, password: string): boolean {
  const expected = Buffer.from(sessionPassword(secret, sessionId));
  const given = Buffer.from(password);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const sessionCredentialSecretsSchema = z.object({
  credentialKey: z
    .string()
    .min(32, "At least 32 characters")
    .max(256)
    .describe("Key shared with Portico's RADIUS server: it derives each guest's one-session password. Generate it once (e.g. openssl rand -base64 48)."),
});
export type SessionCredentialSecrets = z.infer<typeof sessionCredentialSecretsSchema>;
