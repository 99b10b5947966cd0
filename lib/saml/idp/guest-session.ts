// Who the guest is when a website sends them here on its own (SP-initiated SSO): a signed,
// short-lived, httpOnly cookie naming the completed journey, set by the success page and by
// the "Continue to <website>" post, both of which hold the journey token. The cookie is only a
// pointer: the journey is read again and must still be completed, at this venue, for a guest
// who is not erased. Signed with a key derived from PORTICO_SECRET_KEY (and the previous key
// during a rotation still verifies), so it cannot be forged or pointed at another journey.
import { createHmac, timingSafeEqual } from "node:crypto";

import type { DerivedKeys } from "@/lib/crypto";

export const guestSessionCookie = "portico_idp_guest";
/** Two hours: long enough to reach the venue's website after getting online, short enough to matter little if the phone changes hands. */
export const guestSessionSeconds = 2 * 60 * 60;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(key: Buffer, venueId: string, journeyId: string, expires: number): string {
  return createHmac("sha256", key).update(`${venueId}.${journeyId}.${expires}`).digest("base64url");
}

/** The cookie's value for a journey at a venue, valid until `now + guestSessionSeconds`. */
export function signGuestSession(keys: DerivedKeys, venueId: string, journeyId: string, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + guestSessionSeconds;
  return `${journeyId}.${expires}.${mac(keys.current, venueId, journeyId, expires)}`;
}

/** The journey a cookie value names, if it is authentic, for this venue and not expired; else null. */
export function verifyGuestSession(keys: DerivedKeys, venueId: string, value: string | null | undefined, now = new Date()): string | null {
  if (!value || value.length > 200) return null;
  const [journeyId, expiresText, signature, ...rest] = value.split(".");
  if (rest.length || !journeyId || !expiresText || !signature || !uuidPattern.test(journeyId) || !/^\d{1,12}$/.test(expiresText)) return null;
  const expires = Number(expiresText);
  if (expires * 1000 <= now.getTime()) return null;
  const given = Buffer.from(signature, "base64url");
  for (const key of [keys.current, keys.previous]) {
    if (!key) continue;
    const expected = Buffer.from(mac(key, venueId, journeyId, expires), "base64url");
    if (expected.length === given.length && timingSafeEqual(expected, given)) return journeyId;
  }
  return null;
}

/** The Set-Cookie header: only sent to this venue's IdP endpoints, never readable by scripts. */
export function guestSessionHeader(venueSlug: string, value: string, secure: boolean): string {
  const path = `/api/saml/idp/${encodeURIComponent(venueSlug)}`;
  return `${guestSessionCookie}=${value}; Path=${path}; Max-Age=${guestSessionSeconds}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The cookie's value in a Cookie header, if any. */
export function readGuestSessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === guestSessionCookie) return value.join("=");
  }
  return null;
}
