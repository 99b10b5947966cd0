import { normaliseEmail } from "@/lib/email/normalise-email";

/** The OpenID Connect claims staff sign-in reads (ID token or userinfo). */
export interface SsoClaims {
  sub?: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  [claim: string]: unknown;
}

/**
 * The address single sign-on vouches for: only one the provider says it has verified.
 * `email_verified` must be `true`; false, missing or anything else counts as unverified, since
 * an address the provider never checked proves nothing about who signed in.
 */
export function verifiedSsoEmail(claims: SsoClaims | null | undefined): string | null {
  if (!claims || typeof claims.email !== "string" || claims.email_verified !== true) return null;
  const email = normaliseEmail(claims.email);
  return email || null;
}

/**
 * Who signed in: the ID token's claims, with `email` and `email_verified` taken from the
 * userinfo endpoint when the ID token lacks either (OpenID Connect lets a provider put them in
 * userinfo only, and some do). Both come from the same place, so an address is never paired
 * with another source's verification. `fetchUserinfo` must check that userinfo's `sub` is the
 * ID token's (openid-client's `userinfo(tokenSet)` does).
 */
export async function ssoClaims(idToken: SsoClaims, fetchUserinfo: () => Promise<SsoClaims>): Promise<SsoClaims> {
  if (idToken.email !== undefined && idToken.email_verified !== undefined) return idToken;
  const userinfo = await fetchUserinfo();
  return { ...idToken, email: userinfo.email, email_verified: userinfo.email_verified };
}
