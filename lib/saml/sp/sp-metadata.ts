// The SP metadata a website's admin loads into their identity provider.
import type { SamlIdp } from "@/lib/generated/prisma/client";

import { serviceProvider } from "./service-provider";
import type { SpEndpoints } from "./sp-endpoints";

/** node-saml's metadata: entity ID, ACS (HTTP-POST), the persistent NameID format, and the SP certificate (signing and encryption) once the venue made one. */
export function serviceProviderMetadata(idp: Pick<SamlIdp, "ssoUrl" | "signingCerts" | "signRequests" | "spCertificate">, endpoints: SpEndpoints): string {
  const cert = idp.spCertificate ?? null;
  return serviceProvider(idp, { endpoints }).generateServiceProviderMetadata(cert, cert);
}
