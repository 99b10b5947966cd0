import "server-only";

import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIpOf } from "@/lib/http/request-context";
import { normaliseEmail } from "@/lib/email/normalise-email";

import { authenticateStaff } from "./authenticate";
import { verifiedSsoEmail, type SsoClaims } from "./sso-claims";
import { staffSsoProvider } from "./sso-provider";

const sessionHours = 8;
const ssoProvider = staffSsoProvider();

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
        // The throttle counts by the address the front door resolved, never one the client wrote.
        const ip = clientIpOf(req.headers);
        const result = await authenticateStaff(db, { email: credentials?.email ?? "", password: credentials?.password ?? "", ip });
        if (result.status === "throttled") throw new Error("TooManyAttempts");
        return result.status === "ok" ? { id: result.staff.id, email: result.staff.email, name: result.staff.name } : null;
      },
    }),
    ...(ssoProvider ? [ssoProvider] : []),
  ],
  callbacks: {
    // SSO proves who someone is, not that they are staff: only existing, enabled accounts get in.
    async signIn({ user, account, profile }) {
      if (account?.provider === "credentials") return true;
      // An address the identity provider has not verified proves nothing about who signed in.
      const email = verifiedSsoEmail(profile as SsoClaims | undefined);
      if (!email || !user.email || normaliseEmail(user.email) !== email) return false;
      const staff = await db.staffUser.findUnique({ where: { email } });
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
