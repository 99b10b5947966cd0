// A real OpenID Connect provider (panva/oidc-provider, the certified implementation) on a
// local port, standing in for a venue group's staff SSO (Entra ID, Okta, Google…). Its
// development login form accepts any password; the login typed becomes the account:
//   "<email>"             → that email, verified, in the ID token and userinfo
//   "unverified.<email>"  → that email, NOT verified by the provider (email_verified: false)
//   "unstated.<email>"    → that email with no email_verified claim at all
//   "userinfo.<email>"    → that email, verified, but only in userinfo: the ID token has neither
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import Provider from "oidc-provider";

export const ssoClient = { id: "portico-e2e", secret: "portico-e2e-client-secret-0123456789" };
export const ssoName = "Harbour SSO";

export interface TestIdentityProvider {
  issuer: string;
  close(): Promise<void>;
}

/** The claims of a login, for the ID token or for the userinfo endpoint. */
function accountClaims(login: string, use: string): { sub: string; [claim: string]: unknown } {
  const [, kind = "verified", email = login] = /^(unverified|unstated|userinfo)\.(.+)$/.exec(login) ?? [];
  const base = { sub: login, name: "SSO user" };
  if (kind === "userinfo" && use === "id_token") return base;
  if (kind === "unstated") return { ...base, email };
  return { ...base, email, email_verified: kind !== "unverified" };
}

export async function startTestIdentityProvider(redirectUri: string): Promise<TestIdentityProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: ssoClient.id,
        client_secret: ssoClient.secret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async (use) => accountClaims(id, use),
    }),
    cookies: { keys: ["portico-e2e-idp-cookie-key"] },
    // Put the email scope's claims in the ID token, as Google, Entra ID and Keycloak do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
