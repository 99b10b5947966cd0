// The IdP metadata a website's admin (or its SAML library) reads: entity ID, the Redirect
// binding's SSO address, the NameID format, and every published signing certificate (the
// active one and, during a rotation, the next one), built with xmlbuilder2.
import { create } from "xmlbuilder2";

import { certificateBody } from "./key-pair";
import type { IdpUrls } from "./idp-urls";
import { emailNameIdFormat } from "./saml-response";

export function idpMetadataXml(urls: IdpUrls, certificatesPem: readonly string[]): string {
  return create({ version: "1.0", encoding: "UTF-8" })
    .ele({
      "md:EntityDescriptor": {
        "@xmlns:md": "urn:oasis:names:tc:SAML:2.0:metadata",
        "@xmlns:ds": "http://www.w3.org/2000/09/xmldsig#",
        "@entityID": urls.entityId,
        "md:IDPSSODescriptor": {
          "@protocolSupportEnumeration": "urn:oasis:names:tc:SAML:2.0:protocol",
          "@WantAuthnRequestsSigned": "false",
          "md:KeyDescriptor": certificatesPem.map((pem) => ({
            "@use": "signing",
            "ds:KeyInfo": { "ds:X509Data": { "ds:X509Certificate": certificateBody(pem) } },
          })),
          "md:NameIDFormat": emailNameIdFormat,
          "md:SingleSignOnService": { "@Binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", "@Location": urls.ssoUrl },
        },
      },
    })
    .end({ prettyPrint: true });
}
