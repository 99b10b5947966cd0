// The assertion consumer service against real PostgreSQL: a good response opens the journey
// (identity held on it until consent); every bad one is refused with its reason logged as a
// saml.login_failed event, and nothing else is stored: no guest, no journey, no spent request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { completeJourney, openJourney, readGatewayParams } from "@/lib/journeys";
import { parseIdpMetadata } from "@/lib/saml/sp/idp-metadata";
import { consumeSamlResponse } from "@/lib/saml/sp/consume-response";
import { defaultAttributeMap } from "@/lib/saml/sp/schemas";
import { spEndpoints, type SpEndpoints } from "@/lib/saml/sp/sp-endpoints";
import { startSamlLogin } from "@/lib/saml/sp/start-login";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { assertionXml, base64, idpMetadataXml, newId, responseXml, signedResponse, signElement, testIdpKeys, type ResponseSpec, type TestIdpKeys } from "../support/saml-responses";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
const origin = "http://portal.test";
const gatewayQuery = "client_mac=DA-A1-19-00-00-01&client_ip=10.0.0.5&url=https://example.com/";

interface Site {
  venue: { id: string; slug: string; countryCode: string; locales: string[] };
  idpId: string;
  entityId: string;
  keys: TestIdpKeys;
  endpoints: SpEndpoints;
}
let siteA: Site;
let siteB: Site;

async function site(name: string): Promise<Site> {
  const { venue } = await createVenueFixture(testDb.prisma);
  const keys = await testIdpKeys(name);
  const entityId = `https://${name}.example/idp`;
  const metadata = parseIdpMetadata(idpMetadataXml({ entityId, ssoUrl: `https://${name}.example/sso`, certs: [keys.certificatePem] }));
  const idp = await testDb.prisma.samlIdp.create({
    data: {
      venueId: venue.id,
      displayName: name,
      enabled: true,
      metadataXml: "<md:EntityDescriptor/>",
      entityId: metadata.entityId,
      ssoUrl: metadata.ssoUrl,
      signingCerts: metadata.signingCerts.map((c) => c.base64),
      attributeMap: { ...defaultAttributeMap, phone: "mobile", visitorDataNamespace: "website", visitorDataAttributes: ["memberTier"] },
    },
  });
  return { venue, idpId: idp.id, entityId, keys, endpoints: spEndpoints(origin, venue.slug) };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  siteA = await site("harbour");
  siteB = await site("other");
});
afterAll(async () => {
  await testDb?.drop();
});

/** A login started on the splash: the stored request, and the spec of a correct answer to it. */
async function started(s: Site, overrides: Partial<ResponseSpec> = {}) {
  const login = await startSamlLogin(testDb.prisma, { venueId: s.venue.id, endpoints: s.endpoints, gatewayQuery, locale: "en" });
  expect(login).not.toBeNull();
  const spec: ResponseSpec = {
    issuer: s.entityId,
    inResponseTo: login!.requestId,
    destination: s.endpoints.acsUrl,
    audience: s.endpoints.entityId,
    nameId: `member-${newId()}`,
    attributes: { email: `Guest.${newId().slice(1, 9)}@Example.org`, givenName: "Ada", sn: "Lovelace", mobile: "07400 123456", memberTier: "gold" },
    ...overrides,
  };
  return { login: login!, spec };
}

const consume = (s: Site, samlResponse: string, relayState: string) =>
  consumeSamlResponse(testDb.prisma, {
    venue: s.venue,
    endpoints: s.endpoints,
    form: { SAMLResponse: samlResponse, RelayState: relayState },
    ip: "10.0.0.5",
    userAgent: "Mozilla/5.0 (iPhone)",
    ttlMinutes: 30,
  });

async function counts() {
  const db = testDb.prisma;
  return {
    guests: await db.guest.count(),
    journeys: await db.journey.count(),
    identities: await db.guestSamlIdentity.count(),
    seen: await db.samlAssertionSeen.count(),
    consumed: await db.samlRequest.count({ where: { consumedAt: { not: null } } }),
  };
}

/** Refused for `reason`, logged as an event with that reason, and nothing else written. */
async function expectRefused(s: Site, samlResponse: string, relayState: string, reason: string) {
  const before = await counts();
  const failuresBefore = await testDb.prisma.event.count({ where: { type: "saml.login_failed", venueId: s.venue.id, payload: { path: ["reason"], equals: reason } } });
  const result = await consume(s, samlResponse, relayState);
  expect(result).toMatchObject({ status: "refused", reason });
  expect(await counts()).toEqual(before);
  const failures = await testDb.prisma.event.findMany({ where: { type: "saml.login_failed", venueId: s.venue.id, payload: { path: ["reason"], equals: reason } } });
  expect(failures).toHaveLength(failuresBefore + 1);
  // The reason, never the assertion.
  expect(JSON.stringify(failures.at(-1)!.payload)).not.toMatch(/Assertion|@example\.org/i);
  return result;
}

describe("a correct response", () => {
  it("opens the journey with the website's identity held on it, the gateway parameters kept, and stores nothing on a guest before consent", async () => {
    const { login, spec } = await started(siteA);
    const before = await counts();
    const result = await consume(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState);
    expect(result.status).toBe("identified");
    if (result.status !== "identified") return;
    const journey = await testDb.prisma.journey.findUniqueOrThrow({ where: { token: result.token } });
    expect(journey).toMatchObject({ status: "IDENTIFIED", loginMethod: "SAML", clientMac: "da:a1:19:00:00:01", clientIp: "10.0.0.5", originalUrl: "https://example.com/", guestId: null });
    expect(journey.identity).toMatchObject({
      email: spec.attributes!.email,
      emailNormalized: spec.attributes!.email!.toLowerCase(),
      name: "Ada Lovelace",
      phone: "+447400123456",
      saml: { issuer: siteA.entityId, nameId: spec.nameId, ownedFields: ["email", "name", "phone"], visitorData: { website: { memberTier: "gold" } } },
    });
    expect(await counts()).toMatchObject({ guests: before.guests, identities: before.identities, journeys: before.journeys + 1, seen: before.seen + 1, consumed: before.consumed + 1 });
    expect(await testDb.prisma.event.count({ where: { type: "saml.login_succeeded", journeyId: journey.id, venueId: siteA.venue.id } })).toBe(1);
  });

  it("links issuer + NameID to the guest at consent, and the website's fields stay the website's against Portico's own forms", async () => {
    const { login, spec } = await started(siteA);
    const result = await consume(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState);
    if (result.status !== "identified") throw new Error(`refused: ${result.reason}`);
    expect(await consent(result.token)).toMatchObject({ status: "completed", journey: { loginMethod: "SAML" } });
    const email = spec.attributes!.email!.toLowerCase();
    const guest = await testDb.prisma.guest.findUniqueOrThrow({ where: { emailNormalized: email }, include: { samlIdentities: true } });
    expect(guest).toMatchObject({ name: "Ada Lovelace", phone: "+447400123456" });
    expect(guest.visitorData).toMatchObject({ website: { memberTier: "gold" }, portal: { lastLoginMethod: "SAML" } });
    expect(guest.samlIdentities).toEqual([expect.objectContaining({ issuer: siteA.entityId, nameId: spec.nameId, ownedFields: ["email", "name", "phone"] })]);

    // The same person later uses the loyalty form with other details: the website's name and phone stay.
    const opened = await openJourney(testDb.prisma, {
      venue: siteA.venue,
      method: "LOYALTY",
      form: { email: spec.attributes!.email!.toUpperCase(), name: "Someone Else", phone: "07400 654321" },
      gateway: readGatewayParams(new URLSearchParams()),
      locale: "en",
      ip: null,
      userAgent: null,
      ttlMinutes: 30,
    });
    if (opened.status !== "identified") throw new Error("loyalty login refused");
    expect(await consent(opened.token)).toMatchObject({ status: "completed" });
    const after = await testDb.prisma.guest.findUniqueOrThrow({ where: { emailNormalized: email } });
    expect(after).toMatchObject({ id: guest.id, name: "Ada Lovelace", phone: "+447400123456", email: spec.attributes!.email, visitCount: 2 });
  });
});

/** The consent step with the terms acknowledged and nothing else ticked. */
async function consent(token: string) {
  const shown = await testDb.prisma.consentText.findMany({ where: { status: "PUBLISHED", locale: "en", purpose: { venueId: siteA.venue.id } }, select: { id: true } });
  return completeJourney(testDb.prisma, {
    venueSlug: siteA.venue.slug,
    token,
    submission: { termsAccepted: true, granted: [], shown: shown.map((t) => t.id) },
    ip: null,
    userAgent: null,
    acceptLanguage: null,
  });
}

describe("refused responses", () => {
  it("unsigned", async () => {
    const { login, spec } = await started(siteA);
    await expectRefused(siteA, base64(responseXml(spec, assertionXml(spec))), login.relayState, "signature");
  });

  it("a bad signature (the signed assertion altered afterwards)", async () => {
    const { login, spec } = await started(siteA);
    const tampered = signedResponse(spec, siteA.keys).replace(spec.attributes!.email!, "attacker@evil.example");
    await expectRefused(siteA, base64(tampered), login.relayState, "signature");
  });

  it("for another audience", async () => {
    const { login, spec } = await started(siteA, { audience: "https://another-sp.example/metadata" });
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState, "audience");
  });

  it("for another destination", async () => {
    const { login, spec } = await started(siteA, { destination: "https://another-sp.example/acs" });
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState, "destination");
  });

  it("with a signed Recipient that is not this ACS", async () => {
    const { login, spec } = await started(siteA, { recipient: "https://another-sp.example/acs" });
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState, "destination");
  });

  it("expired", async () => {
    const past = new Date(Date.now() - 10 * 60_000);
    const { login, spec } = await started(siteA, { notBefore: new Date(past.getTime() - 60_000), notOnOrAfter: past });
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState, "expired");
  });

  it("not yet valid", async () => {
    const { login, spec } = await started(siteA, { notBefore: new Date(Date.now() + 10 * 60_000) });
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState, "notYetValid");
  });

  it("replayed: an accepted assertion posted again", async () => {
    const { login, spec } = await started(siteA);
    const response = base64(signedResponse(spec, siteA.keys));
    expect((await consume(siteA, response, login.relayState)).status).toBe("identified");
    await expectRefused(siteA, response, login.relayState, "replayed");
  });

  it("answering a request Portico never sent (unknown InResponseTo)", async () => {
    const { login, spec } = await started(siteA, { inResponseTo: newId() });
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState, "inResponseTo");
  });

  it("answering another login attempt than the relay state's", async () => {
    const other = await started(siteA);
    const { login } = await started(siteA);
    await expectRefused(siteA, base64(signedResponse(other.spec, siteA.keys)), login.relayState, "inResponseTo");
  });

  it("from another venue's identity provider", async () => {
    const { login, spec } = await started(siteA, { issuer: siteB.entityId });
    await expectRefused(siteA, base64(signedResponse(spec, siteB.keys)), login.relayState, "signature");
  });

  it("signed by this venue's IdP but naming another issuer", async () => {
    const { login, spec } = await started(siteA, { issuer: siteB.entityId });
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState, "issuer");
  });

  it("with an unknown relay state, or one from another venue", async () => {
    const { spec } = await started(siteA);
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), "x".repeat(32), "unknownRelayState");
    const b = await started(siteB);
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), b.login.relayState, "unknownRelayState");
  });

  it("without the email the venue maps", async () => {
    const { login, spec } = await started(siteA, { attributes: { givenName: "Ada" } });
    await expectRefused(siteA, base64(signedResponse(spec, siteA.keys)), login.relayState, "noEmail");
  });

  it("the website said no (status not Success)", async () => {
    const { login, spec } = await started(siteA, { status: "urn:oasis:names:tc:SAML:2.0:status:Responder" });
    const xml = responseXml(spec, "").replace("<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Responder\"/>", '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode>');
    await expectRefused(siteA, base64(xml), login.relayState, "cancelled");
  });

  describe("signature wrapping", () => {
    it("an unsigned forged assertion beside the signed one", async () => {
      const { login, spec } = await started(siteA);
      const genuine = signElement(assertionXml(spec), "Assertion", siteA.keys);
      const forged = assertionXml({ ...spec, attributes: { email: "attacker@evil.example" }, nameId: "attacker" });
      await expectRefused(siteA, base64(responseXml(spec, forged + genuine)), login.relayState, "signature");
    });

    it("a forged assertion that carries the signed one inside it", async () => {
      const { login, spec } = await started(siteA);
      const genuine = signElement(assertionXml(spec), "Assertion", siteA.keys);
      const forged = assertionXml({ ...spec, attributes: { email: "attacker@evil.example" }, nameId: "attacker" }).replace("</saml:Issuer>", `</saml:Issuer><saml:Advice>${genuine}</saml:Advice>`);
      await expectRefused(siteA, base64(responseXml(spec, forged)), login.relayState, "signature");
    });

    it("the signed assertion moved into an extension with a forged one in its place, same ID", async () => {
      const { login, spec } = await started(siteA);
      const assertionId = newId();
      const genuine = signElement(assertionXml({ ...spec, assertionId }), "Assertion", siteA.keys);
      const forged = assertionXml({ ...spec, assertionId, attributes: { email: "attacker@evil.example" }, nameId: "attacker" });
      const xml = responseXml(spec, forged).replace("<samlp:Status>", `<samlp:Extensions>${genuine}</samlp:Extensions><samlp:Status>`);
      await expectRefused(siteA, base64(xml), login.relayState, "signature");
    });
  });
});
