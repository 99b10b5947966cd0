// node-saml configured for one venue's identity provider: the one place its options are set.
import { SAML, ValidateInResponseTo, type CacheProvider } from "@node-saml/node-saml";

import type { SamlIdp } from "@/lib/generated/prisma/client";

import { certificatePem } from "./idp-metadata";
import type { SpEndpoints } from "./sp-endpoints";

/** How far the IdP's clock may be from ours when judging NotBefore / NotOnOrAfter. */
export const acceptedClockSkewMs = 60_000;
/** How long an AuthnRequest waits for its answer. */
export const requestLifetimeMs = 10 * 60_000;
/** The NameID Portico asks for: the same value at every login, so the link to the guest holds. */
export const nameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

export interface ServiceProviderOptions {
  endpoints: SpEndpoints;
  /** The SP private key (PEM), opened from its sealed column, when the venue generated one. */
  privateKeyPem?: string | null;
  /** InResponseTo must name this request (the one the relay state points at), created then. */
  expectedRequest?: { id: string; createdAt: Date } | null;
  /** For login: the id the AuthnRequest carries. */
  requestId?: string;
}

/** A cache that knows exactly one request: the answer must be to the request the guest's relay state names. */
function oneRequestCache(expected: ServiceProviderOptions["expectedRequest"]): CacheProvider {
  return {
    saveAsync: async () => null,
    getAsync: async (key) => (expected && key === expected.id ? expected.createdAt.toISOString() : null),
    removeAsync: async () => null,
  };
}

export function serviceProvider(idp: Pick<SamlIdp, "ssoUrl" | "signingCerts" | "signRequests">, options: ServiceProviderOptions): SAML {
  const { endpoints, privateKeyPem } = options;
  return new SAML({
    issuer: endpoints.entityId,
    callbackUrl: endpoints.acsUrl,
    entryPoint: idp.ssoUrl,
    idpCert: idp.signingCerts.map(certificatePem),
    audience: endpoints.entityId,
    // A signature on the response or on the assertion, by one of the configured certificates.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: requestLifetimeMs,
    cacheProvider: oneRequestCache(options.expectedRequest),
    identifierFormat: nameIdFormat,
    allowCreate: true,
    disableRequestedAuthnContext: true,
    generateUniqueId: () => options.requestId ?? "_unused",
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    ...(privateKeyPem && idp.signRequests ? { privateKey: privateKeyPem } : {}),
    ...(privateKeyPem ? { decryptionPvk: privateKeyPem } : {}),
  });
}
