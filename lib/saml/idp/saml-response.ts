// The <samlp:Response> Portico posts to a website: built with xmlbuilder2 (which escapes every
// value) and signed with xml-crypto's SignedXml, first the assertion, then the response around
// it (exclusive C14N, RSA-SHA256, the certificate in KeyInfo), as node-saml and most SP
// libraries expect by default. No XML signing is written here.
import { randomBytes } from "node:crypto";

import { SignedXml } from "xml-crypto";
import { create } from "xmlbuilder2";

import { certificateBody } from "./key-pair";
import type { ReleasedAttribute } from "./release";

const protocolNs = "urn:oasis:names:tc:SAML:2.0:protocol";
const assertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";
export const emailNameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
const basicNameFormat = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";
const exclusiveC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";

/** How long a response may be used: long enough for a slow phone to post it. */
const validForMs = 5 * 60 * 1000;
/** Allowance for a website whose clock is a little ahead. */
const notBeforeSkewMs = 60 * 1000;

export interface SamlResponseInput {
  issuer: string;
  audience: string;
  acsUrl: string;
  /** The AuthnRequest's ID on SP-initiated SSO; absent on IdP-initiated. */
  inResponseTo: string | null;
  nameId: string;
  /** When the guest signed in (the journey's completion). */
  authnInstant: Date;
  attributes: readonly ReleasedAttribute[];
  signingKey: { certificatePem: string; privateKeyPem: string };
  now?: Date;
}

const newId = () => `_${randomBytes(20).toString("hex")}`;

function sign(xml: string, elementName: "Assertion" | "Response", issuerXPath: string, key: SamlResponseInput["signingKey"]): string {
  const signed = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: exclusiveC14n,
    getKeyInfoContent: () => `<ds:X509Data><ds:X509Certificate>${certificateBody(key.certificatePem)}</ds:X509Certificate></ds:X509Data>`,
  });
  signed.addReference({
    xpath: `//*[local-name(.)='${elementName}' and namespace-uri(.)='${elementName === "Assertion" ? assertionNs : protocolNs}']`,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", exclusiveC14n],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  // The schema wants <ds:Signature> right after the element's <saml:Issuer>.
  signed.computeSignature(xml, { prefix: "ds", location: { reference: issuerXPath, action: "after" } });
  return signed.getSignedXml();
}

/** The signed response, as XML text (base64 it for the POST binding). */
export function buildSamlResponse(input: SamlResponseInput): string {
  const now = input.now ?? new Date();
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const responseId = newId();
  const assertionId = newId();
  const inResponseTo = input.inResponseTo ? { "@InResponseTo": input.inResponseTo } : {};

  const assertion = {
    "@xmlns:saml": assertionNs,
    "@xmlns:xs": "http://www.w3.org/2001/XMLSchema",
    "@xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "@ID": assertionId,
    "@Version": "2.0",
    "@IssueInstant": at(0),
    "saml:Issuer": input.issuer,
    "saml:Subject": {
      "saml:NameID": { "@Format": emailNameIdFormat, "#": input.nameId },
      "saml:SubjectConfirmation": {
        "@Method": "urn:oasis:names:tc:SAML:2.0:cm:bearer",
        "saml:SubjectConfirmationData": { ...inResponseTo, "@NotOnOrAfter": at(validForMs), "@Recipient": input.acsUrl },
      },
    },
    "saml:Conditions": {
      "@NotBefore": at(-notBeforeSkewMs),
      "@NotOnOrAfter": at(validForMs),
      "saml:AudienceRestriction": { "saml:Audience": input.audience },
    },
    "saml:AuthnStatement": {
      "@AuthnInstant": input.authnInstant.toISOString(),
      "@SessionIndex": assertionId,
      "saml:AuthnContext": { "saml:AuthnContextClassRef": "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified" },
    },
    "saml:AttributeStatement": {
      "saml:Attribute": input.attributes.map((attribute) => ({
        "@Name": attribute.name,
        "@NameFormat": basicNameFormat,
        "saml:AttributeValue": attribute.values.map((value) => ({ "@xsi:type": "xs:string", "#": value })),
      })),
    },
  };

  const assertionXml = sign(
    create({ "saml:Assertion": assertion }).end({ headless: true }),
    "Assertion",
    `/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']`,
    input.signingKey,
  );

  const responseXml = create({
    "samlp:Response": {
      "@xmlns:samlp": protocolNs,
      "@xmlns:saml": assertionNs,
      "@ID": responseId,
      "@Version": "2.0",
      "@IssueInstant": at(0),
      "@Destination": input.acsUrl,
      ...inResponseTo,
      "saml:Issuer": input.issuer,
      "samlp:Status": { "samlp:StatusCode": { "@Value": "urn:oasis:names:tc:SAML:2.0:status:Success" } },
      "#": "<!--assertion-->",
    },
  }).end({ headless: true });
  // The signed assertion goes in as it was signed, byte for byte: re-serialising it could change what was digested.
  const withAssertion = responseXml.replace("&lt;!--assertion--&gt;", assertionXml);
  if (withAssertion === responseXml) throw new Error("The assertion's place in the response was not found");
  return sign(withAssertion, "Response", `/*[local-name(.)='Response']/*[local-name(.)='Issuer']`, input.signingKey);
}
