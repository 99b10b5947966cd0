// A guest signs in with the venue website's account, at a phone's size: the splash's "Sign in
// with <website>", the website's own login form (a real SimpleSAMLphp, tests/support/
// simplesamlphp.ts), the consent page, online; the guest row then carries issuer + NameID.
import { parseIdpMetadata } from "@/lib/saml/sp/idp-metadata";
import { defaultAttributeMap } from "@/lib/saml/sp/schemas";
import { spEndpoints } from "@/lib/saml/sp/sp-endpoints";
import type { Db } from "@/lib/db/client";
import { startSimpleSamlPhp, type SamlTestUser, type SimpleSamlPhp } from "@/tests/support/simplesamlphp";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expect, test } from "./support/fixtures";
import { en, tokenOf } from "./support/journey";

const email = `ada.${Date.now().toString(36)}@example.org`;
const users: SamlTestUser[] = [
  { username: "ada", password: "analytical-engine", attributes: { uid: ["ada-1815"], email: [email], givenName: ["Ada"], sn: ["Lovelace"] } },
  // The website knows this member but releases no email: Portico cannot key a guest on them.
  { username: "anon", password: "no-email-here", attributes: { uid: ["anon-1"], givenName: ["Anon"] } },
];
const gateway = { client_mac: "AA-BB-CC-DD-EE-42", client_ip: "10.0.0.42", url: "https://example.com/after" };

let idp: SimpleSamlPhp;
test.beforeAll(async () => {
  idp = await startSimpleSamlPhp({ users });
});
test.afterAll(async () => {
  await idp?.stop();
});

/** A venue of its own whose website is the SimpleSAMLphp IdP, and the IdP told about Portico's SP. */
async function venueWithWebsiteSignIn(db: Db, baseURL: string) {
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const sp = spEndpoints(baseURL, venue.slug);
  idp.addServiceProvider({ entityId: sp.entityId, acsUrl: sp.acsUrl });
  const xml = await idp.metadataXml();
  const metadata = parseIdpMetadata(xml);
  await db.samlIdp.create({
    data: { venueId: venue.id, displayName: "Harbour Club", enabled: true, metadataXml: xml, entityId: metadata.entityId, ssoUrl: metadata.ssoUrl, signingCerts: metadata.signingCerts.map((c) => c.base64), attributeMap: defaultAttributeMap },
  });
  return venue;
}

async function signInAtWebsite(page: import("@playwright/test").Page, user: { username: string; password: string }) {
  await expect(page.locator('input[name="username"]')).toBeVisible();
  expect(new URL(page.url()).origin).toBe(idp.baseUrl);
  await page.locator('input[name="username"]').fill(user.username);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('input[name="password"]').press("Enter");
}

test("splash → Sign in with the website → its login form → consent → online, the guest linked by issuer + NameID", async ({ page, db, baseURL, snap }) => {
  const venue = await venueWithWebsiteSignIn(db, baseURL!);
  await page.goto(`/p/${venue.slug}?${new URLSearchParams(gateway)}`);
  const website = page.getByRole("link", { name: "Sign in with Harbour Club" });
  await expect(website).toBeVisible();
  await expect(page.getByText(/Sign-in page not opening here\? Open .* in your phone's browser/)).toBeVisible();
  await snap(page, "splash");
  await website.click();

  await signInAtWebsite(page, users[0]!);
  await expect(page.getByRole("heading", { name: en.consentTitle })).toBeVisible();
  await snap(page, "consent");
  const token = await tokenOf(page);
  // Nothing on a guest before consent: the identity waits on the journey.
  expect(await db.guest.count({ where: { emailNormalized: email } })).toBe(0);
  const journey = await db.journey.findUniqueOrThrow({ where: { token } });
  expect(journey).toMatchObject({ loginMethod: "SAML", status: "IDENTIFIED", clientMac: "aa:bb:cc:dd:ee:42", originalUrl: "https://example.com/after" });

  await page.getByLabel(en.terms).check();
  await page.getByRole("button", { name: en.connect }).click();
  await expect(page.getByRole("heading", { name: en.successTitle })).toBeVisible();
  await snap(page, "success");

  const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email }, include: { samlIdentities: true, visits: true } });
  expect(guest).toMatchObject({ email, name: "Ada Lovelace" });
  expect(guest.samlIdentities).toEqual([expect.objectContaining({ issuer: idp.entityId, nameId: "ada-1815", ownedFields: ["email", "name"] })]);
  expect(guest.visits).toEqual([expect.objectContaining({ loginMethod: "SAML", venueId: venue.id })]);
  expect(await db.event.count({ where: { type: "saml.login_succeeded", venueId: venue.id } })).toBe(1);
});

test("a website account without an email brings the guest back to the splash, told why, with nothing stored", async ({ page, db, baseURL }) => {
  const venue = await venueWithWebsiteSignIn(db, baseURL!);
  await page.goto(`/p/${venue.slug}?${new URLSearchParams(gateway)}`);
  await page.getByRole("link", { name: "Sign in with Harbour Club" }).click();
  await signInAtWebsite(page, users[1]!);
  await expect(page.getByRole("alert")).toHaveText("Harbour Club did not share your email address, which we need to get you online. Use your email below instead.");
  // Back on the login choice, the gateway's parameters still with it.
  await expect(page.getByRole("link", { name: "Sign in with Harbour Club" })).toHaveAttribute("href", /[?&]g=client_mac%3DAA-BB-CC-DD-EE-42%26client_ip%3D10\.0\.0\.42/);
  expect(await db.journey.count({ where: { venueId: venue.id } })).toBe(0);
  const failed = await db.event.findFirstOrThrow({ where: { type: "saml.login_failed", venueId: venue.id } });
  expect(failed.payload).toMatchObject({ reason: "noEmail" });
});
