// SAML responses for the SP's tests, written as an identity provider would and signed with
// xml-crypto (the signer node-saml itself verifies with) using a test key, then tampered with.
import { randomBytes } from "node:crypto";

import { SignedXml } from "xml-crypto";

import { generateSpKeyPair, pemBody, type SpKeyPair } from "@/lib/saml/sp/sp-key-pair";

export type TestIdpKeys = SpKeyPair;
export const testIdpKeys = (name = "Test website IdP") => generateSpKeyPair(name);

export interface ResponseSpec {
  issuer: string;
  inResponseTo: string;
  destination: string;
  recipient?: string;
  audience: string;
  nameId?: string;
  attributes?: Record<string, string>;
  /** Shift of the validity window from now, in ms (negative: in the past). */
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  status?: string;
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
export const newId = () => `_${randomBytes(16).toString("hex")}`;

export function assertionXml(spec: ResponseSpec): string {
  const now = new Date();
  const notBefore = spec.notBefore ?? new Date(now.getTime() - 60_000);
  const notOnOrAfter = spec.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
  const attributes = Object.entries(spec.attributes ?? {})
    .map(([name, value]) => `<saml:Attribute Name="${escape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">${escape(value)}</saml:AttributeValue></saml:Attribute>`)
    .join("");
  return (
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${spec.assertionId ?? newId()}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${escape(spec.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${escape(spec.nameId ?? "member-1")}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(notOnOrAfter)}" Recipient="${escape(spec.recipient ?? spec.destination)}" InResponseTo="${escape(spec.inResponseTo)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>${escape(spec.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${newId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion>`
  );
}

export function responseXml(spec: ResponseSpec, assertion: string): string {
  const status = spec.status ?? "urn:oasis:names:tc:SAML:2.0:status:Success";
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${newId()}" Version="2.0" IssueInstant="${iso(new Date())}" Destination="${escape(spec.destination)}" InResponseTo="${escape(spec.inResponseTo)}">` +
    `<saml:Issuer>${escape(spec.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${status}"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`
  );
}

/** Signs the (first) element matching `localName` the way IdPs do: enveloped, exclusive c14n, RSA-SHA256, the signature after its Issuer. */
export function signElement(xml: string, localName: "Assertion" | "Response", keys: TestIdpKeys): string {
  const sig = new SignedXml({
    privateKey: keys.privateKeyPem,
    publicCert: keys.certificatePem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  const xpath = `//*[local-name(.)='${localName}']`;
  sig.addReference({ xpath, transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"], digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256" });
  sig.computeSignature(xml, { location: { reference: `${xpath}/*[local-name(.)='Issuer']`, action: "after" } });
  return sig.getSignedXml();
}

/** A response with a signed assertion inside (the common case, e.g. SimpleSAMLphp). */
export function signedResponse(spec: ResponseSpec, keys: TestIdpKeys): string {
  return responseXml(spec, signElement(assertionXml(spec), "Assertion", keys));
}

export const base64 = (xml: string) => Buffer.from(xml, "utf8").toString("base64");

/** IdP metadata for a test key, as a website would publish it. */
export function idpMetadataXml(input: { entityId: string; ssoUrl: string; certs: string[] }): string {
  const keys = input.certs
    .map((pem) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${pemBody(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join("");
  return (
    `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escape(input.entityId)}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escape(input.ssoUrl)}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}
