import "server-only";

import { decode, encode } from "next-auth/jwt";
import { cookies } from "next/headers";

import { authOptions } from "./options";

/** next-auth's session cookie: __Secure- prefixed when the site is served over https. */
const sessionCookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/**
 * Keeps the session making a change working after that change moved the account's session
 * version on (changing one's own password): this browser's token is re-issued under the new
 * version, while every other session of the account, still on the old one, has ended.
 * Only from a server action or route handler (it sets a cookie). Returns false, and leaves
 * this session to end with the others, when there is no token of this staff member to renew.
 */
export async function renewSession(staffId: string, sessionVersion: number): Promise<boolean> {
  const secret = authOptions.secret;
  const maxAge = authOptions.session?.maxAge;
  if (!secret || !maxAge) return false;
  const jar = await cookies();
  for (const name of sessionCookieNames) {
    const current = jar.get(name)?.value;
    if (!current) continue;
    const token = await decode({ token: current, secret }).catch(() => null);
    if (!token || token.staffId !== staffId) return false;
    const renewed = await encode({ token: { ...token, sessionVersion }, secret, maxAge });
    jar.set(name, renewed, { httpOnly: true, sameSite: "lax", path: "/", secure: name.startsWith("__Secure-"), maxAge });
    return true;
  }
  return false;
}
