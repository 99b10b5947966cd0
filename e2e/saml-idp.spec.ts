// A guest continues from the WiFi to the venue's own website already signed in: Portico is the
// SAML identity provider, a tiny website using @node-saml/node-saml is the service provider
// (e2e/support/saml-website.ts). IdP-initiated from the success page (JavaScript on and off),
// then SP-initiated from the website in the same browser (the guest session cookie); a browser
// Portico cannot place is asked to sign in to the WiFi first, and a guest who did not consent
// to the website's purpose is offered no button and gets no response.
import { randomBytes } from "node:crypto";

import type { Page } from "@playwright/test";

import { sealSecrets, secretKey } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/client";
import { generateSigningKeyPair } from "@/lib/saml/idp/key-pair";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expect, runSecretKey, test } from "./support/fixtures";
import { startSamlWebsite, type SamlWebsite } from "./support/saml-website";

const websiteName = "Harbour Shop";
let venue: { id: string; slug: string };
let website: SamlWebsite;

/** The venue's signing key as the staff page stores it: the private key sealed with the app's key, bound to its row. */
async function addSigningKey(db: Db, venueId: string): Promise<string> {
  const pair = await generateSigningKeyPair("e2e");
  const id = crypto.randomUUID();
  const sealed = sealSecrets({ privateKeyPem: pair.privateKeyPem }, { current: secretKey(runSecretKey()) }, `saml-idp-key:${id}`);
  await db.samlIdpKey.create({ data: { id, venueId, status: "ACTIVE", certificatePem: pair.certificatePem, privateKey: new Uint8Array(sealed), activatedAt: new Date() } });
  return pair.certificatePem;
}

test.beforeAll(async ({ db, baseURL }) => {
  const fixture = await createVenueFixture(db, { locales: ["en"] });
  venue = fixture.venue;
  const certificate = await addSigningKey(db, venue.id);
  const idp = `${baseURL}/api/saml/idp/${venue.slug}`;
  website = await startSamlWebsite({ name: websiteName, idpEntityId: `${idp}/metadata`, ssoUrl: `${idp}/sso`, idpCertificates: [certificate] });
  const marketing = await db.consentPurpose.findFirstOrThrow({ where: { venueId: venue.id, key: "marketing" } });
  await db.samlServiceProvider.create({
    data: { venueId: venue.id, name: websiteName, entityId: website.entityId, acsUrl: website.acsUrl, purposeId: marketing.id, attributes: ["name"] },
  });
});

test.afterAll(async () => {
  await website?.close();
});

/** Splash → email → consent (terms, and marketing when `marketing`) → the success page. */
async function getOnline(page: Page, email: string, marketing: boolean): Promise<void> {
  await page.goto(`/p/${venue.slug}?client_mac=AA-BB-CC-DD-EE-${randomBytes(1).toString("hex")}&client_ip=10.0.0.7`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Get online with my email" }).click();
  await page.getByRole("checkbox", { name: "I accept the terms of use" }).check();
  if (marketing) await page.getByRole("checkbox", { name: /News and offers from/ }).check();
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("heading", { name: "You're online" })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("a consented guest continues from the success page to the website, signed in with their email", async ({ page, db, uniqueEmail, snap }) => {
      const email = uniqueEmail("saml");
      await getOnline(page, email, true);
      const continueButton = page.getByRole("button", { name: `Continue to ${websiteName}` });
      await expect(continueButton).toBeVisible();
      await snap(page, "success-with-website");
      await continueButton.click();

      if (!javaScriptEnabled) {
        // The response waits in a form on Portico's page: one tap sends it.
        await expect(page.getByText(`Taking you to ${websiteName}`)).toBeVisible();
        await snap(page, "posting-without-js");
        await page.getByRole("button", { name: `Continue to ${websiteName}` }).click();
      }
      await expect(page).toHaveURL(website.acsUrl);
      await expect(page.getByText(`Signed in as ${email.toLowerCase()}`)).toBeVisible();
      await expect(page.getByText("Signed in from the WiFi portal")).toBeVisible();
      await snap(page, "website-signed-in");

      const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email.toLowerCase() } });
      const issued = await db.event.findMany({ where: { guestId: guest.id, type: "saml.assertion_issued" } });
      expect(issued.map((e) => e.payload)).toEqual([expect.objectContaining({ spEntityId: website.entityId, attributes: ["email"], initiatedBy: "idp" })]);

      // Later, the website itself asks (SP-initiated), its own session gone: Portico's guest
      // session cookie, set with the response, says who the guest is.
      await page.context().clearCookies({ name: "website_sid" });
      await page.goto(`${website.origin}/`);
      await expect(page.getByText("Not signed in")).toBeVisible();
      await page.getByRole("link", { name: "Sign in with the WiFi" }).click();
      if (!javaScriptEnabled) await page.getByRole("button", { name: `Continue to ${websiteName}` }).click();
      await expect(page.getByText("Signed in at the website's request")).toBeVisible();
      await expect(page.getByText(`Signed in as ${email.toLowerCase()}`)).toBeVisible();
    });
  });
}

test("a browser Portico cannot place is asked to complete the WiFi sign-in first", async ({ page, snap }) => {
  await page.goto(`${website.origin}/login`);
  await expect(page.getByRole("heading", { name: "Complete WiFi sign-in first" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to the WiFi" })).toHaveAttribute("href", `/p/${venue.slug}`);
  await snap(page, "sign-in-first");
});

test("a guest who did not consent to the website's purpose is offered no button and gets no response", async ({ page, db, uniqueEmail }) => {
  const email = uniqueEmail("saml-declined");
  await getOnline(page, email, false);
  await expect(page.getByRole("button", { name: `Continue to ${websiteName}` })).toHaveCount(0);

  // Nor when the website asks: no cookie was set, and the guest is sent to the WiFi sign-in.
  await page.goto(`${website.origin}/login`);
  await expect(page.getByRole("heading", { name: "Complete WiFi sign-in first" })).toBeVisible();
  const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email.toLowerCase() } });
  expect(await db.event.count({ where: { guestId: guest.id, type: "saml.assertion_issued" } })).toBe(0);
});

test("a continue post for another website id is refused with a clear page", async ({ page, uniqueEmail }) => {
  await getOnline(page, uniqueEmail("saml-forged"), true);
  await page.locator('form.website-continue input[name="sp"]').evaluate((input: HTMLInputElement) => (input.value = crypto.randomUUID()));
  await page.getByRole("button", { name: `Continue to ${websiteName}` }).click();
  await expect(page.getByRole("heading", { name: "We can't sign you in there" })).toBeVisible();
  await expect(page.getByText("so we didn't send it anything about you")).toBeVisible();
});
