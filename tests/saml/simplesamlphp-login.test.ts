// The service provider against a real identity provider: Debian's SimpleSAMLphp under php -S
// (tests/support/simplesamlphp.ts). Metadata by URL, an SP-initiated login, the IdP's own
// signed response consumed by the ACS; then signed AuthnRequests and encrypted assertions with
// the venue's generated SP key pair.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { secretKey } from "@/lib/crypto";

import { consumeSamlResponse } from "@/lib/saml/sp/consume-response";
import { generateSamlSpKey, saveSamlIdp } from "@/lib/saml/sp/manage-idp";
import { samlIdpFormSchema } from "@/lib/saml/sp/schemas";
import { spEndpoints } from "@/lib/saml/sp/sp-endpoints";
import { spKeyStore } from "@/lib/saml/sp/sp-key-store";
import { serviceProviderMetadata } from "@/lib/saml/sp/sp-metadata";
import { startSamlLogin } from "@/lib/saml/sp/start-login";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { signInAtSimpleSamlPhp, startSimpleSamlPhp, type SimpleSamlPhp } from "../support/simplesamlphp";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
let idp: SimpleSamlPhp;
const ada = { username: "ada", password: "analytical-engine", attributes: { uid: ["ada-1815"], email: ["Ada@Example.org"], givenName: ["Ada"], sn: ["Lovelace"] } };
const keys = { current: secretKey(randomBytes(32)) };

beforeAll(async () => {
  testDb = await createTestDatabase();
  idp = await startSimpleSamlPhp({ users: [ada] });
});
afterAll(async () => {
  await idp?.stop();
  await testDb?.drop();
});

async function venueWithIdp(signRequests = false) {
  const { venue } = await createVenueFixture(testDb.prisma);
  const admin = await testDb.prisma.staffUser.create({ data: { email: `admin-${venue.slug}@staff.test`, role: "ADMIN" } });
  const endpoints = spEndpoints("http://portal.test", venue.slug);
  const input = samlIdpFormSchema.parse({ venueId: venue.id, displayName: "Harbour Club", metadataUrl: idp.metadataUrl, enabled: "on", signRequests: signRequests ? "on" : undefined, attrEmail: "email", attrFirstName: "givenName", attrLastName: "sn" });
  const row = await saveSamlIdp(testDb.prisma, { id: admin.id, role: "ADMIN", ip: "127.0.0.1" }, input);
  return { venue, admin, endpoints, row };
}

async function signIn(venue: { id: string; countryCode: string }, endpoints: ReturnType<typeof spEndpoints>) {
  const login = await startSamlLogin(testDb.prisma, { venueId: venue.id, endpoints, gatewayQuery: "client_mac=DA-A1-19-00-00-02", locale: "en", keyStore: spKeyStore(keys) });
  expect(login).not.toBeNull();
  const form = await signInAtSimpleSamlPhp(login!.url, ada).catch((error: Error) => {
    throw new Error(`${error.message}\n${idp.output().slice(-4000)}`);
  });
  expect(form.action).toBe(endpoints.acsUrl);
  expect(form.RelayState).toBe(login!.relayState);
  const result = await consumeSamlResponse(testDb.prisma, { venue, endpoints, form, ip: null, userAgent: null, ttlMinutes: 30, keyStore: spKeyStore(keys) });
  return Object.assign(result, { responseXml: Buffer.from(form.SAMLResponse, "base64").toString("utf8") });
}

describe("SimpleSAMLphp as the venue website's identity provider", () => {
  it("reads the IdP's published metadata, audited", async () => {
    const { row, admin } = await venueWithIdp();
    expect(row).toMatchObject({ entityId: idp.entityId, ssoUrl: `${idp.baseUrl}/saml2/idp/SSOService.php`, metadataUrl: idp.metadataUrl });
    expect(row.signingCerts.length).toBeGreaterThanOrEqual(1);
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: row.id } });
    expect(audit).toMatchObject({ actorId: admin.id, action: "saml_idp.created", entityType: "saml_idp" });
    expect(JSON.stringify(audit.after)).not.toMatch(/PRIVATE KEY/);
  });

  it("signs Ada in: the journey holds her email, name and persistent NameID until consent", async () => {
    const { venue, endpoints } = await venueWithIdp();
    idp.addServiceProvider({ entityId: endpoints.entityId, acsUrl: endpoints.acsUrl });
    const result = await signIn(venue, endpoints);
    expect(result).toMatchObject({ status: "identified" });
    if (result.status !== "identified") return;
    const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token: result.token } });
    expect(journey).toMatchObject({ loginMethod: "SAML", clientMac: "da:a1:19:00:00:02", guestId: null });
    expect(journey.identity).toMatchObject({ email: "Ada@Example.org", emailNormalized: "ada@example.org", name: "Ada Lovelace", saml: { issuer: idp.entityId, nameId: "ada-1815" } });
  });

  it("with the venue's SP key: AuthnRequests signed (the IdP requires it) and the assertion encrypted to it", async () => {
    const { venue, endpoints, admin } = await venueWithIdp(true);
    const withKey = await generateSamlSpKey(testDb.prisma, { id: admin.id, role: "ADMIN" }, { venueId: venue.id, commonName: endpoints.entityId }, spKeyStore(keys));
    expect(withKey.spCertificate).toMatch(/BEGIN CERTIFICATE/);
    expect(Buffer.from(withKey.spPrivateKey!).toString("latin1")).not.toMatch(/PRIVATE KEY/);
    const metadata = serviceProviderMetadata(withKey, endpoints, spKeyStore(keys).open(withKey.spPrivateKey!, withKey.id));
    expect(metadata).toContain(`entityID="${endpoints.entityId}"`);
    expect(metadata).toContain(`Location="${endpoints.acsUrl}"`);
    expect(metadata).toMatch(/use="encryption"/);
    expect(metadata).toMatch(/use="signing"/);
    expect(metadata).toContain("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    expect(metadata).not.toMatch(/PRIVATE KEY/);
    idp.addServiceProvider({ entityId: endpoints.entityId, acsUrl: endpoints.acsUrl, certificatePem: withKey.spCertificate, signedRequests: true, encryptAssertions: true });
    const result = await signIn(venue, endpoints);
    expect(result).toMatchObject({ status: "identified" });
    expect(result.responseXml).toMatch(/EncryptedAssertion/);
    expect(result.responseXml).not.toMatch(/ada-1815|Lovelace/);
  });

  it("an unsigned AuthnRequest is refused by an IdP that requires signatures", async () => {
    const { venue, endpoints, admin } = await venueWithIdp(false);
    const withKey = await generateSamlSpKey(testDb.prisma, { id: admin.id, role: "ADMIN" }, { venueId: venue.id, commonName: endpoints.entityId }, spKeyStore(keys));
    idp.addServiceProvider({ entityId: endpoints.entityId, acsUrl: endpoints.acsUrl, certificatePem: withKey.spCertificate, signedRequests: true });
    const login = await startSamlLogin(testDb.prisma, { venueId: venue.id, endpoints, gatewayQuery: "", locale: "en", keyStore: spKeyStore(keys) });
    await expect(signInAtSimpleSamlPhp(login!.url, ada)).rejects.toThrow(/without a login form/);
  });
});
