import "server-only";

import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";

import { env } from "@/lib/env";

import { ssoClaims, type SsoClaims } from "./sso-claims";

type SsoProfile = SsoClaims & { sub: string };

/**
 * The optional OpenID Connect single sign-on for staff (STAFF_OIDC_*), or null when it is
 * not configured. Who signed in is read from the validated ID token, and from the userinfo
 * endpoint when the ID token lacks `email` or `email_verified` (lib/auth/sso-claims.ts).
 * SSO proves who someone is, not that they are staff: options.ts's signIn callback decides.
 */
export function staffSsoProvider(): OAuthConfig<SsoProfile> | null {
  if (!env.STAFF_OIDC_ISSUER || !env.STAFF_OIDC_CLIENT_ID || !env.STAFF_OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: env.STAFF_OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.STAFF_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.STAFF_OIDC_CLIENT_ID,
    clientSecret: env.STAFF_OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    userinfo: {
      // With idToken set, next-auth hands over openid-client's TokenSet (typed more loosely);
      // its userinfo(tokenSet) refuses an answer about another `sub`. The claims are untrusted
      // input: profile() below and the signIn callback check their types.
      request: async ({ tokens, client }) => {
        const tokenSet = tokens as Parameters<typeof client.userinfo>[0] & { claims(): SsoClaims };
        return (await ssoClaims(tokenSet.claims(), () => client.userinfo(tokenSet))) as Profile;
      },
    },
    checks: ["pkce", "state"],
    profile: (profile) => ({
      id: profile.sub,
      email: typeof profile.email === "string" ? profile.email : null,
      name: typeof profile.name === "string" ? profile.name : null,
    }),
  };
}
