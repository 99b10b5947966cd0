// Reads what Portico needs from an identity provider's SAML 2.0 metadata (entity ID, the
// HTTP-Redirect single sign-on address, the signing certificates) with @xmldom/xmldom and
// xpath, the parser node-saml itself uses. Pure: no network, no database.
import { X509Certificate } from "node:crypto";

import { DOMParser, type Attr as XmlAttr, type Element as XmlElement } from "@xmldom/xmldom";
import xpath from "xpath";

import { maxMetadataLength } from "./schemas";

const namespaces = xpath.useNamespaces({ md: "urn:oasis:names:tc:SAML:2.0:metadata", ds: "http://www.w3.org/2000/09/xmldsig#" });
/** xpath's types speak of the browser's DOM; the nodes are xmldom's. */
function select<T>(expression: string, node: unknown): T[] {
  return namespaces(expression, node as Node) as unknown as T[];
}
const redirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

export { maxMetadataLength };

export interface SigningCertificate {
  /** Base64 DER, as in the metadata, whitespace removed. */
  base64: string;
  subject: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint: string;
}

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  signingCerts: SigningCertificate[];
}

export class MetadataError extends Error {
  override name = "MetadataError";
}

/** What a certificate says about itself, for the staff page (and a check that it is one). */
export function describeCertificate(base64: string): SigningCertificate {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(base64, "base64"));
  } catch {
    throw new MetadataError("a signing certificate is not a readable X.509 certificate");
  }
  return { base64, subject: cert.subject.replace(/\n/g, ", "), validFrom: cert.validFrom, validTo: cert.validTo, fingerprint: cert.fingerprint256 };
}

/** The certificate in the PEM form node-saml's signature check takes. */
export function certificatePem(base64: string): string {
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function parse(xml: string) {
  if (xml.length > maxMetadataLength) throw new MetadataError("the metadata is larger than 512 KB");
  // No document type: entity declarations are the classic XML attack and metadata never needs one.
  if (/<!DOCTYPE/i.test(xml)) throw new MetadataError("the metadata has a document type declaration");
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new MetadataError(`the XML does not parse (${message.split("\n")[0]})`);
      },
    }).parseFromString(xml, "text/xml");
  } catch (error) {
    throw error instanceof MetadataError ? error : new MetadataError("the XML does not parse");
  }
}

/** Entity ID, SSO address and signing certificates, or a MetadataError saying what is missing. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const doc = parse(xml.trim());
  const entities = select<XmlElement>("//md:EntityDescriptor[md:IDPSSODescriptor]", doc);
  if (entities.length === 0) throw new MetadataError("it describes no identity provider (no IDPSSODescriptor)");
  if (entities.length > 1) throw new MetadataError("it describes several identity providers; paste the website's own metadata");
  const entity = entities[0]!;
  const entityId = entity.getAttribute("entityID")?.trim();
  if (!entityId) throw new MetadataError("the EntityDescriptor has no entityID");
  const sso = select<XmlAttr>(`md:IDPSSODescriptor/md:SingleSignOnService[@Binding='${redirectBinding}']/@Location`, entity);
  const ssoUrl = sso[0]?.value.trim();
  if (!ssoUrl) throw new MetadataError("it offers no single sign-on service with the HTTP-Redirect binding");
  if (!/^https?:\/\//i.test(ssoUrl)) throw new MetadataError("the single sign-on address is not an http(s) URL");
  const certNodes = select<XmlElement>("md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate", entity);
  const base64s = [...new Set(certNodes.map((n) => (n.textContent ?? "").replace(/\s+/g, "")).filter(Boolean))];
  if (base64s.length === 0) throw new MetadataError("it has no signing certificate");
  return { entityId, ssoUrl, signingCerts: base64s.map(describeCertificate) };
}
