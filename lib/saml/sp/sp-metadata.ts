// The SP metadata a website's admin loads into their identity provider.
import type { SamlIdp } from "@/lib/generated/prisma/client";

import { serviceProvider } from "./service-provider";
import type { SpEndpoints } from "./sp-endpoints";

/**
 * node-saml's metadata: entity ID, ACS (HTTP-POST), the persistent NameID format, and, once the
 * venue made a key pair, its certificate for encryption (and for signing when AuthnRequests are
 * signed). node-saml lists a certificate only beside the key it stands for, hence the key here.
 */
export function serviceProviderMetadata(idp: Pick<SamlIdp, "ssoUrl" | "signingCerts" | "signRequests" | "spCertificate">, endpoints: SpEndpoints, privateKeyPem: string | null = null): string {
  const cert = privateKeyPem ? idp.spCertificate : null;
  return serviceProvider(idp, { endpoints, privateKeyPem }).generateServiceProviderMetadata(cert, cert);
}
