import { describe, expect, it } from "vitest";

import { namespacePattern } from "@/lib/guests/visitor-data";
import { idpMetadataXml, testIdpKeys } from "@/tests/support/saml-responses";

import { MetadataError, parseIdpMetadata } from "./idp-metadata";
import { visitorNamespacePattern } from "./schemas";
import { pemBody } from "./sp-key-pair";

const keys = await testIdpKeys("Metadata test");
const next = await testIdpKeys("Metadata test, next");

describe("parseIdpMetadata", () => {
  it("reads the entity ID, the HTTP-Redirect SSO address and every signing certificate (rotation)", () => {
    const parsed = parseIdpMetadata(idpMetadataXml({ entityId: "https://club.example/idp", ssoUrl: "https://club.example/sso", certs: [keys.certificatePem, next.certificatePem] }));
    expect(parsed.entityId).toBe("https://club.example/idp");
    expect(parsed.ssoUrl).toBe("https://club.example/sso");
    expect(parsed.signingCerts.map((c) => c.base64)).toEqual([pemBody(keys.certificatePem), pemBody(next.certificatePem)]);
    expect(parsed.signingCerts[0]!.subject).toContain("CN=Metadata test");
    expect(parsed.signingCerts[0]!.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it("ignores encryption-only keys", () => {
    const xml = idpMetadataXml({ entityId: "e", ssoUrl: "https://club.example/sso", certs: [keys.certificatePem, next.certificatePem] }).replace('use="signing"', 'use="encryption"');
    expect(parseIdpMetadata(xml).signingCerts.map((c) => c.base64)).toEqual([pemBody(next.certificatePem)]);
  });

  const refusals: [string, string, RegExp][] = [
    ["not XML", "<md:EntityDescriptor", /does not parse/],
    ["no identity provider", '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>', /no identity provider/],
    ["a document type (entity expansion)", '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', /document type/],
    ["no redirect binding", idpMetadataXml({ entityId: "e", ssoUrl: "https://s", certs: [keys.certificatePem] }).replace("HTTP-Redirect", "HTTP-POST"), /HTTP-Redirect/],
    ["no certificate", idpMetadataXml({ entityId: "e", ssoUrl: "https://s", certs: [] }), /no signing certificate/],
    ["a broken certificate", idpMetadataXml({ entityId: "e", ssoUrl: "https://s", certs: [keys.certificatePem] }).replace(/<ds:X509Certificate>MII/, "<ds:X509Certificate>AAA"), /not a readable X.509/],
    ["a non-http SSO address", idpMetadataXml({ entityId: "e", ssoUrl: "javascript:alert(1)", certs: [keys.certificatePem] }), /not an http/],
  ];
  it.each(refusals)("refuses %s", (_, xml, reason) => {
    expect(() => parseIdpMetadata(xml)).toThrow(MetadataError);
    expect(() => parseIdpMetadata(xml)).toThrow(reason);
  });
});

it("the staff form's namespace rule is visitor data's own", () => {
  expect(visitorNamespacePattern.source).toBe(namespacePattern.source);
});
