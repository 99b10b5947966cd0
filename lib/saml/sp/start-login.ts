// SP-initiated login (HTTP-Redirect binding): the AuthnRequest's id and a random relay state
// are stored with the splash's gateway parameters, then the guest goes to the website.
import "server-only";

import { randomBytes } from "node:crypto";

import type { Db } from "@/lib/db/client";

import { requestLifetimeMs, serviceProvider } from "./service-provider";
import type { SpEndpoints } from "./sp-endpoints";
import { spKeyStore, type SpKeyStore } from "./sp-key-store";

export interface StartLoginInput {
  venueId: string;
  endpoints: SpEndpoints;
  /** The gateway's query string as it came to the splash; bounded by the caller. */
  gatewayQuery: string;
  locale: string;
  keyStore?: SpKeyStore;
  now?: Date;
}

/** The website's sign-in address for this attempt, or null when the venue offers no website sign-in. */
export async function startSamlLogin(db: Db, input: StartLoginInput): Promise<{ url: string; requestId: string; relayState: string } | null> {
  const now = input.now ?? new Date();
  const idp = await db.samlIdp.findUnique({ where: { venueId: input.venueId } });
  if (!idp?.enabled) return null;
  const requestId = `_${randomBytes(20).toString("hex")}`;
  const relayState = randomBytes(24).toString("base64url");
  const privateKeyPem = idp.signRequests && idp.spPrivateKey ? (input.keyStore ?? spKeyStore()).open(idp.spPrivateKey, idp.id) : null;
  const url = await serviceProvider(idp, { endpoints: input.endpoints, privateKeyPem, requestId }).getAuthorizeUrlAsync(relayState, undefined, {});
  await db.samlRequest.create({
    data: {
      id: requestId,
      relayState,
      venueId: input.venueId,
      idpId: idp.id,
      gatewayQuery: input.gatewayQuery,
      locale: input.locale,
      createdAt: now,
      expiresAt: new Date(now.getTime() + requestLifetimeMs),
    },
  });
  return { url, requestId, relayState };
}
