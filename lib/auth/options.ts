import "server-only";

import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { normaliseEmail } from "@/lib/email/normalise-email";

import { authenticateStaff } from "./authenticate";

const sessionHours = 8;

/** next-auth configuration for staff: email + password, and optional OpenID Connect SSO. */
export const authOptions: AuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: sessionHours * 60 * 60 },
  pages: { signIn: "/admin/sign-in", error: "/admin/sign-in" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const forwarded = req.headers?.["x-forwarded-for"];
        const ip = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() ?? null;
        const result = await authenticateStaff(db, { email: credentials?.email ?? "", password: credentials?.password ?? "", ip });
        if (result.status === "throttled") throw new Error("TooManyAttempts");
        return result.status === "ok" ? { id: result.staff.id, email: result.staff.email, name: result.staff.name } : null;
      },
    }),
    ...(env.STAFF_OIDC_ISSUER && env.STAFF_OIDC_CLIENT_ID && env.STAFF_OIDC_CLIENT_SECRET
      ? [
          {
            id: "oidc",
            name: env.STAFF_OIDC_NAME,
            type: "oauth" as const,
            wellKnown: `${env.STAFF_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
            clientId: env.STAFF_OIDC_CLIENT_ID,
            clientSecret: env.STAFF_OIDC_CLIENT_SECRET,
            authorization: { params: { scope: "openid email profile" } },
            // Who signed in is read from the ID token: the provider must put `email` (and
            // `email_verified`) in it for the `email` scope, as Google, Entra ID and Keycloak do.
            idToken: true,
            checks: ["pkce" as const, "state" as const],
            profile: (profile: { sub: string; email?: string; name?: string }) => ({
              id: profile.sub,
              email: profile.email ?? null,
              name: profile.name ?? null,
            }),
          },
        ]
      : []),
  ],
  callbacks: {
    // SSO proves who someone is, not that they are staff: only existing, enabled accounts get in.
    async signIn({ user, account, profile }) {
      if (account?.provider === "credentials") return true;
      // An address the identity provider has not verified proves nothing about who signed in.
      if (!user.email || (profile as { email_verified?: boolean } | undefined)?.email_verified === false) return false;
      const staff = await db.staffUser.findUnique({ where: { email: normaliseEmail(user.email) } });
      return Boolean(staff && !staff.disabledAt);
    },
    // At sign-in only: who, and the session version they signed in under (lib/auth/session-staff.ts).
    async jwt({ token, user, account }) {
      if (user && account) {
        const staff = await db.staffUser.findUnique({ where: { email: normaliseEmail(user.email ?? "") } });
        if (staff) {
          token.staffId = staff.id;
          token.sessionVersion = staff.sessionVersion;
        }
      }
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        staffId: typeof token.staffId === "string" ? token.staffId : undefined,
        sessionVersion: typeof token.sessionVersion === "number" ? token.sessionVersion : undefined,
      };
    },
  },
};
