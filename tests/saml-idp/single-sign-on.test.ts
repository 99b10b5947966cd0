// Portico as SAML IdP against a real SP library: @node-saml/node-saml, configured with the
// venue's published certificate(s), validates what Portico issues (signatures, audience,
// InResponseTo); Portico refuses unregistered websites, unsigned or tampered requests, and
// guests whose consent does not cover the website; rotation keeps a website working.
import { randomBytes } from "node:crypto";

import { SAML, ValidateInResponseTo, type SamlConfig } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { secretKey, type SecretKeys } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/permissions";
import { isDomainError } from "@/lib/errors";
import {
  activateNextIdpKey,
  answerWebsite,
  checkAuthnRequest,
  generateIdpKey,
  guestSessionValue,
  identifyByJourneyToken,
  identifyBySession,
  idpMetadataXml,
  idpUrls,
  listIdpKeys,
  publishedCertificates,
  registerServiceProvider,
  resealIdpKeys,
  websitesForGuest,
  type IdentifiedGuest,
  type SsoAnswer,
} from "@/lib/saml/idp";
import { activeSigningKey } from "@/lib/saml/idp/signing-keys";
import { generateSigningKeyPair, type SigningKeyPair } from "@/lib/saml/idp/key-pair";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { createVenueFixture } from "@/tests/support/venue-fixture";
import { connectGuest } from "@/tests/guests/connect-guest";

let testDb: TestDatabase;
let venue: { id: string; slug: string };
let admin: Actor;
let spKeys: SigningKeyPair;
const keys: SecretKeys = { current: secretKey(randomBytes(32)) };
const urls = idpUrls("https://wifi.example.test", "harbour");
const shop = { entityId: "https://shop.example.test/saml/metadata", acsUrl: "https://shop.example.test/saml/acs" };
let consented: IdentifiedGuest;
let declined: IdentifiedGuest;

function spFor(idpCert: string | string[], overrides: Partial<SamlConfig> = {}): SAML {
  return new SAML({
    entryPoint: urls.ssoUrl,
    issuer: shop.entityId,
    callbackUrl: shop.acsUrl,
    audience: shop.entityId,
    idpCert,
    idpIssuer: urls.entityId,
    privateKey: spKeys.privateKeyPem,
    signatureAlgorithm: "sha256",
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    ...overrides,
  });
}

async function identify(token: string): Promise<IdentifiedGuest> {
  const guest = await identifyByJourneyToken(testDb.prisma, venue.slug, token);
  if (!guest) throw new Error("journey not completed");
  return guest;
}

function posted(answer: SsoAnswer): Extract<SsoAnswer, { kind: "post" }> {
  if (answer.kind !== "post") throw new Error(`refused: ${answer.reason}`);
  return answer;
}

function responseXml(answer: Extract<SsoAnswer, { kind: "post" }>): Document {
  return new DOMParser().parseFromString(Buffer.from(answer.samlResponse, "base64").toString("utf8"), "text/xml") as unknown as Document;
}

/** SP-initiated: node-saml's Redirect-binding URL, checked by Portico, answered for `guest`. */
async function spInitiated(sp: SAML, guest: IdentifiedGuest, relayState = "/account") {
  const url = new URL(await sp.getAuthorizeUrlAsync(relayState, undefined, {}));
  expect(url.origin + url.pathname).toBe(urls.ssoUrl);
  const checked = await checkAuthnRequest(testDb.prisma, venue.id, urls, url.search);
  if ("kind" in checked) throw new Error(`request refused: ${checked.reason}`);
  return { checked, answer: await answerWebsite(testDb.prisma, { urls, website: checked.website, guest, inResponseTo: checked.request.id, relayState: checked.request.relayState }, keys) };
}

const eventsOf = (type: string) => testDb.prisma.event.findMany({ where: { venueId: venue.id, type }, orderBy: { id: "asc" } });

beforeAll(async () => {
  testDb = await createTestDatabase();
  const fixture = await createVenueFixture(testDb.prisma, { locales: ["en"] });
  venue = fixture.venue;
  const staff = await testDb.prisma.staffUser.create({ data: { email: `admin-${randomBytes(3).toString("hex")}@staff.test`, role: "ADMIN" } });
  admin = { id: staff.id, role: "ADMIN", ip: "192.0.2.1" };
  spKeys = await generateSigningKeyPair("shop");
  await generateIdpKey(testDb.prisma, admin, venue.id, keys);
  const marketing = await testDb.prisma.consentPurpose.findFirstOrThrow({ where: { venueId: venue.id, key: "marketing" } });
  await testDb.prisma.visitorDataNamespace.createMany({ data: [{ name: "loyalty", shareable: true }, { name: "scoring", shareable: false }] });
  await registerServiceProvider(testDb.prisma, admin, {
    venueId: venue.id,
    name: "Harbour Shop",
    entityId: shop.entityId,
    acsUrl: shop.acsUrl,
    certificatePem: spKeys.certificatePem,
    purposeId: marketing.id,
    attributes: ["name", "locale", "consents", "visitorData:loyalty"],
  });
  consented = await identify((await connectGuest(testDb.prisma, venue.slug, "Ana.Guest@Example.com", { grant: ["marketing"] })).token);
  declined = await identify((await connectGuest(testDb.prisma, venue.slug, "ben@example.com")).token);
  await testDb.prisma.guest.update({ where: { id: consented.guestId }, data: { visitorData: { loyalty: { tier: "gold" }, scoring: { risk: 2 } } } });
});

afterAll(async () => {
  await testDb?.drop();
});

describe("SP-initiated SSO", () => {
  it("issues a response node-saml accepts: both signatures, audience, recipient, destination and InResponseTo", async () => {
    const [cert] = await publishedCertificates(testDb.prisma, venue.id);
    const sp = spFor(cert!);
    const { checked, answer } = await spInitiated(sp, consented);
    const post = posted(answer);
    expect(post.acsUrl).toBe(shop.acsUrl);
    expect(post.relayState).toBe("/account");

    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.samlResponse });
    expect(profile?.nameID).toBe("ana.guest@example.com");
    expect(profile?.nameIDFormat).toBe("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    expect(profile?.issuer).toBe(urls.entityId);

    const xml = responseXml(post);
    const response = xml.documentElement;
    expect(response.getAttribute("InResponseTo")).toBe(checked.request.id);
    expect(response.getAttribute("Destination")).toBe(shop.acsUrl);
    const confirmation = xml.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "SubjectConfirmationData")[0]!;
    expect(confirmation.getAttribute("Recipient")).toBe(shop.acsUrl);
    expect(confirmation.getAttribute("InResponseTo")).toBe(checked.request.id);
    expect(xml.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Audience")[0]!.textContent).toBe(shop.entityId);

    // The same response again: node-saml has used up the request id.
    await expect(sp.validatePostResponseAsync({ SAMLResponse: post.samlResponse })).rejects.toThrow(/InResponseTo/);
  });

  it("releases only the attributes the website is allowed, and shareable visitor data only", async () => {
    const [cert] = await publishedCertificates(testDb.prisma, venue.id);
    const sp = spFor(cert!);
    const post = posted((await spInitiated(sp, consented)).answer);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.samlResponse });
    // No phone (not allowed; the guest has none either), no terms flag, no internal namespace.
    expect(Object.keys(profile!.attributes as object).sort()).toEqual(["consent.marketing", "email", "locale", "visitorData.loyalty"]);
    expect(profile!.attributes).toMatchObject({ email: "ana.guest@example.com", "consent.marketing": "true", locale: "en", "visitorData.loyalty": '{"tier":"gold"}' });
  });

  it("records what was released, never the assertion", async () => {
    const issued = await eventsOf("saml.assertion_issued");
    expect(issued.length).toBeGreaterThan(0);
    const last = issued.at(-1)!;
    expect(last.guestId).toBe(consented.guestId);
    expect(last.journeyId).toBe(consented.journeyId);
    expect(last.payload).toMatchObject({ spEntityId: shop.entityId, attributes: ["email", "locale", "consent.marketing", "visitorData.loyalty"], initiatedBy: "sp" });
    expect(JSON.stringify(last.payload)).not.toMatch(/ana\.guest|Assertion|Signature/i);
  });

  it("refuses a website that is not registered, writing nothing", async () => {
    const before = await testDb.prisma.event.count({ where: { venueId: venue.id } });
    const stranger = spFor("unused", { issuer: "https://evil.example.test/saml", callbackUrl: "https://evil.example.test/acs" });
    const url = new URL(await stranger.getAuthorizeUrlAsync("", undefined, {}));
    const checked = await checkAuthnRequest(testDb.prisma, venue.id, urls, url.search);
    expect(checked).toMatchObject({ kind: "refused", reason: "unknownServiceProvider", website: null });
    expect(await testDb.prisma.event.count({ where: { venueId: venue.id } })).toBe(before);
  });

  it("refuses an ACS URL other than the registered one, an unsigned request and a tampered one", async () => {
    const elsewhere = spFor("unused", { callbackUrl: "https://attacker.example.test/acs" });
    const mismatch = await checkAuthnRequest(testDb.prisma, venue.id, urls, new URL(await elsewhere.getAuthorizeUrlAsync("", undefined, {})).search);
    expect(mismatch).toMatchObject({ kind: "refused", reason: "acsMismatch" });

    const unsigned = spFor("unused", { privateKey: undefined });
    const noSignature = await checkAuthnRequest(testDb.prisma, venue.id, urls, new URL(await unsigned.getAuthorizeUrlAsync("", undefined, {})).search);
    expect(noSignature).toMatchObject({ kind: "refused", reason: "signatureRequired" });

    const signed = new URL(await spFor("unused").getAuthorizeUrlAsync("/account", undefined, {}));
    signed.searchParams.set("RelayState", "/somewhere-else");
    const tampered = await checkAuthnRequest(testDb.prisma, venue.id, urls, signed.search);
    expect(tampered).toMatchObject({ kind: "refused", reason: "badSignature" });

    const otherKey = await generateSigningKeyPair("impostor");
    const forged = await checkAuthnRequest(testDb.prisma, venue.id, urls, new URL(await spFor("unused", { privateKey: otherKey.privateKeyPem }).getAuthorizeUrlAsync("", undefined, {})).search);
    expect(forged).toMatchObject({ kind: "refused", reason: "badSignature" });
  });

  it("gives nothing to a guest who did not consent to the website's purpose, and records the refusal", async () => {
    const [cert] = await publishedCertificates(testDb.prisma, venue.id);
    const { answer } = await spInitiated(spFor(cert!), declined);
    expect(answer).toMatchObject({ kind: "refused", reason: "noConsent" });
    const refused = await eventsOf("saml.assertion_refused");
    expect(refused.at(-1)).toMatchObject({ guestId: declined.guestId, payload: { spEntityId: shop.entityId, reason: "noConsent" } });
    expect(await testDb.prisma.event.count({ where: { type: "saml.assertion_issued", guestId: declined.guestId } })).toBe(0);
    expect(await websitesForGuest(testDb.prisma, venue.id, declined.guestId)).toEqual([]);
  });

  it("stops releasing once the guest withdraws", async () => {
    const guest = await identify((await connectGuest(testDb.prisma, venue.slug, `withdraws-${randomBytes(3).toString("hex")}@example.com`, { grant: ["marketing"] })).token);
    expect((await websitesForGuest(testDb.prisma, venue.id, guest.guestId)).map((w) => w.name)).toEqual(["Harbour Shop"]);
    const latest = await testDb.prisma.consentRecord.findFirstOrThrow({ where: { guestId: guest.guestId, purpose: { key: "marketing" } } });
    await testDb.prisma.consentRecord.create({
      data: { guestId: guest.guestId, purposeId: latest.purposeId, consentTextId: latest.consentTextId, granted: false, method: latest.method },
    });
    const [cert] = await publishedCertificates(testDb.prisma, venue.id);
    expect((await spInitiated(spFor(cert!), guest)).answer).toMatchObject({ kind: "refused", reason: "noConsent" });
  });
});

describe("the guest session cookie", () => {
  it("identifies the guest of its journey at its venue only", async () => {
    const value = guestSessionValue(consented, keys);
    expect(await identifyBySession(testDb.prisma, venue.id, value, keys)).toMatchObject({ guestId: consented.guestId, journeyId: consented.journeyId });
    const other = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    expect(await identifyBySession(testDb.prisma, other.venue.id, value, keys)).toBeNull();
    expect(await identifyBySession(testDb.prisma, venue.id, value, { current: secretKey(randomBytes(32)) })).toBeNull();
    expect(await identifyBySession(testDb.prisma, venue.id, null, keys)).toBeNull();
  });
});

describe("IdP-initiated SSO", () => {
  it("issues an unsolicited response a website that allows them validates", async () => {
    const [cert] = await publishedCertificates(testDb.prisma, venue.id);
    const [website] = await websitesForGuest(testDb.prisma, venue.id, consented.guestId);
    const post = posted(await answerWebsite(testDb.prisma, { urls, website: website!, guest: consented, inResponseTo: null, relayState: null }, keys));
    expect(responseXml(post).documentElement.hasAttribute("InResponseTo")).toBe(false);
    const { profile } = await spFor(cert!, { validateInResponseTo: ValidateInResponseTo.never }).validatePostResponseAsync({ SAMLResponse: post.samlResponse });
    expect(profile?.nameID).toBe("ana.guest@example.com");
    expect((await eventsOf("saml.assertion_issued")).at(-1)!.payload).toMatchObject({ initiatedBy: "idp" });
  });
});

describe("key rotation", () => {
  it("publishes the next key first, then signs with it; a website trusting both keeps working", async () => {
    const [oldCert] = await publishedCertificates(testDb.prisma, venue.id);
    await expect(generateIdpKey(testDb.prisma, admin, venue.id, keys)).resolves.toMatchObject({ status: "NEXT" });
    await expect(generateIdpKey(testDb.prisma, admin, venue.id, keys)).rejects.toSatisfy((e) => isDomainError(e, "samlNextKeyExists"));
    const published = await publishedCertificates(testDb.prisma, venue.id);
    expect(published).toHaveLength(2);
    expect(published[0]).toBe(oldCert);
    const newCert = published[1]!;
    const metadata = idpMetadataXml(urls, published);
    expect(metadata.match(/<ds:X509Certificate>/g)).toHaveLength(2);

    // Still signed with the old key while the next one is only announced.
    const trustsBoth = spFor(published);
    await trustsBoth.validatePostResponseAsync({ SAMLResponse: posted((await spInitiated(trustsBoth, consented)).answer).samlResponse });
    const trustsNewOnly = spFor(newCert);
    await expect(trustsNewOnly.validatePostResponseAsync({ SAMLResponse: posted((await spInitiated(trustsNewOnly, consented)).answer).samlResponse })).rejects.toThrow(/signature/i);

    await activateNextIdpKey(testDb.prisma, admin, venue.id);
    expect(await publishedCertificates(testDb.prisma, venue.id)).toEqual([newCert]);
    expect((await listIdpKeys(testDb.prisma, venue.id)).map((k) => k.status).sort()).toEqual(["ACTIVE", "RETIRED"]);

    await trustsBoth.validatePostResponseAsync({ SAMLResponse: posted((await spInitiated(trustsBoth, consented)).answer).samlResponse });
    await trustsNewOnly.validatePostResponseAsync({ SAMLResponse: posted((await spInitiated(trustsNewOnly, consented)).answer).samlResponse });
    const trustsOldOnly = spFor(oldCert!);
    await expect(trustsOldOnly.validatePostResponseAsync({ SAMLResponse: posted((await spInitiated(trustsOldOnly, consented)).answer).samlResponse })).rejects.toThrow(/signature/i);

    const audit = await testDb.prisma.auditEntry.findMany({ where: { entityType: { in: ["samlIdpKey", "samlServiceProvider"] } }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["samlIdpKey.activate", "samlIdpKey.create", "samlIdpKey.create", "samlServiceProvider.created"]);
  });

  it("reseals the private keys after a PORTICO_SECRET_KEY rotation; the old key no longer opens them", async () => {
    const rotated: SecretKeys = { current: secretKey(randomBytes(32)), previous: keys.current };
    expect(await resealIdpKeys(testDb.prisma, rotated)).toBe(2);
    expect(await resealIdpKeys(testDb.prisma, rotated)).toBe(0);
    await expect(activeSigningKey(testDb.prisma, venue.id, { current: rotated.current })).resolves.toMatchObject({ privateKeyPem: expect.stringContaining("PRIVATE KEY") });
    await expect(activeSigningKey(testDb.prisma, venue.id, keys)).rejects.toThrow();
    const stored = await testDb.prisma.samlIdpKey.findFirstOrThrow({ where: { venueId: venue.id, status: "ACTIVE" } });
    expect(Buffer.from(stored.privateKey).toString("latin1")).not.toContain("PRIVATE KEY");
  });
});

describe("registrations", () => {
  it("refuses the terms as the purpose, a non-shareable namespace, a bad certificate, a duplicate entity ID and a non-admin", async () => {
    const terms = await testDb.prisma.consentPurpose.findFirstOrThrow({ where: { venueId: venue.id, key: "terms" } });
    const marketing = await testDb.prisma.consentPurpose.findFirstOrThrow({ where: { venueId: venue.id, key: "marketing" } });
    const base = { venueId: venue.id, name: "Blog", entityId: "https://blog.example.test", acsUrl: "https://blog.example.test/acs", certificatePem: "", purposeId: marketing.id, attributes: [] };
    const fieldOf = async (input: typeof base, actor: Actor = admin) => {
      try {
        await registerServiceProvider(testDb.prisma, actor, input);
        return "accepted";
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return error.fieldErrors ? Object.keys(error.fieldErrors).join() : error.code;
      }
    };
    expect(await fieldOf({ ...base, purposeId: terms.id })).toBe("purposeId");
    expect(await fieldOf({ ...base, attributes: ["visitorData:scoring"] as never[] })).toBe("attributes");
    expect(await fieldOf({ ...base, certificatePem: "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----" })).toBe("certificatePem");
    expect(await fieldOf({ ...base, entityId: shop.entityId })).toBe("entityId");
    expect(await fieldOf(base, { id: admin.id, role: "MARKETER" })).toBe("notPermitted");
    expect(await fieldOf(base)).toBe("accepted");
  });
});
