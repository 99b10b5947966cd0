// An admin sets a venue up as SAML identity provider for its websites: generates the signing
// key, reads what the website's admin needs, registers a website (a terms-of-use purpose is
// not offered; a bad certificate is refused beside its field), rotates the key (next, then
// active) and removes the website. A registration is changed in place, audited. The metadata publishes the next key before it signs.
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expectNoAxeViolations } from "../support/axe";
import { expect, test } from "../support/staff";

test("an admin generates a key, registers a website, rotates the key and removes the website", async ({ page, db, signInAs, snap, baseURL }) => {
  await signInAs(page, "ADMIN");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  await page.goto(`/admin/venues/${venue.id}`);
  await page.getByRole("link", { name: "Websites guests continue to signed in (SAML)" }).click();
  await expect(page.getByRole("heading", { name: `Websites — ${venue.name}` })).toBeVisible();
  await expect(page.getByText("No signing key yet")).toBeVisible();
  expect((await page.request.get(`/api/saml/idp/${venue.slug}/metadata`)).status()).toBe(404);

  await page.getByRole("button", { name: "Generate signing key" }).click();
  await expect(page.getByText("Signing key generated")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "active" })).toHaveCount(1);
  await expect(page.getByTestId("idp-entity-id")).toHaveText(`${baseURL}/api/saml/idp/${venue.slug}/metadata`);
  const metadata = await (await page.request.get(`/api/saml/idp/${venue.slug}/metadata`)).text();
  expect(metadata).toContain(`entityID="${baseURL}/api/saml/idp/${venue.slug}/metadata"`);
  expect(metadata.match(/<ds:X509Certificate>/g)).toHaveLength(1);

  const form = page.getByRole("form", { name: "Register a website" });
  await expect(form.getByLabel("Consent needed").locator("option")).toHaveText(["The venue's marketing consent"]);
  await form.getByLabel("Website name").fill("Harbour Shop");
  await form.getByLabel("Entity ID").fill("https://shop.example.test/saml/metadata");
  await form.getByLabel("Assertion Consumer Service URL").fill("https://shop.example.test/saml/acs");
  await form.getByLabel("Website's signing certificate (optional)").fill("-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----");
  await form.getByLabel("Name", { exact: true }).check();
  await form.getByRole("button", { name: "Register website" }).click();
  await expect(form.getByText("Paste one PEM certificate")).toBeVisible();
  expect(await db.samlServiceProvider.count({ where: { venueId: venue.id } })).toBe(0);

  await form.getByLabel("Website's signing certificate (optional)").fill("");
  await form.getByRole("button", { name: "Register website" }).click();
  await expect(page.getByText("Website “Harbour Shop” registered.")).toBeVisible();
  const row = page.getByRole("table", { name: "Registered websites" }).getByRole("row").filter({ hasText: "Harbour Shop" });
  await expect(row).toContainText("email, name");
  await expect(row).toContainText("marketing");
  await snap(page, "website-registered");
  await expectNoAxeViolations(page, "websites");
  const registered = await db.samlServiceProvider.findFirstOrThrow({ where: { venueId: venue.id } });
  expect(registered).toMatchObject({ entityId: "https://shop.example.test/saml/metadata", acsUrl: "https://shop.example.test/saml/acs", attributes: ["name"], certificatePem: null });
  expect(await db.auditEntry.count({ where: { entityId: registered.id, action: "samlServiceProvider.created" } })).toBe(1);

  // Changed in place: a new address and one more attribute, audited before and after.
  await row.getByRole("link", { name: "Harbour Shop" }).click();
  const edit = page.getByRole("form", { name: "Change the website" });
  await expect(edit.getByLabel("Assertion Consumer Service URL")).toHaveValue("https://shop.example.test/saml/acs");
  await expect(edit.getByLabel("Name", { exact: true })).toBeChecked();
  await expectNoAxeViolations(page, "website registration");
  await edit.getByLabel("Assertion Consumer Service URL").fill("not a url");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("alert").first()).toBeVisible();
  expect(await db.samlServiceProvider.findUniqueOrThrow({ where: { id: registered.id } })).toMatchObject({ acsUrl: "https://shop.example.test/saml/acs" });
  await edit.getByLabel("Assertion Consumer Service URL").fill("https://shop.example.test/saml/acs2");
  await edit.getByLabel("Language", { exact: true }).check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Website “Harbour Shop” saved")).toBeVisible();
  expect(await db.samlServiceProvider.findUniqueOrThrow({ where: { id: registered.id } })).toMatchObject({ acsUrl: "https://shop.example.test/saml/acs2", attributes: ["name", "locale"] });
  expect(await db.auditEntry.findFirstOrThrow({ where: { entityId: registered.id, action: "samlServiceProvider.updated" } })).toMatchObject({
    before: expect.objectContaining({ acsUrl: "https://shop.example.test/saml/acs" }),
    after: expect.objectContaining({ acsUrl: "https://shop.example.test/saml/acs2" }),
  });
  await page.goto(`/admin/venues/${venue.id}/websites`);

  // Rotation: the next key is published before it signs, then takes over.
  await page.getByRole("button", { name: "Generate next key" }).click();
  await expect(page.getByText("Next key generated and published")).toBeVisible();
  const both = await (await page.request.get(`/api/saml/idp/${venue.slug}/metadata`)).text();
  expect(both.match(/<ds:X509Certificate>/g)).toHaveLength(2);
  await page.getByRole("button", { name: "Activate next key" }).click();
  await expect(page.getByText("The next key signs from now on")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "retired" })).toHaveCount(1);
  const after = await (await page.request.get(`/api/saml/idp/${venue.slug}/metadata`)).text();
  expect(after.match(/<ds:X509Certificate>/g)).toHaveLength(1);
  expect(await db.samlIdpKey.findMany({ where: { venueId: venue.id }, select: { status: true }, orderBy: { createdAt: "asc" } })).toEqual([{ status: "RETIRED" }, { status: "ACTIVE" }]);

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Remove Harbour Shop" }).click();
  await expect(page.getByText("No website registered")).toBeVisible();
  expect(await db.samlServiceProvider.count({ where: { venueId: venue.id } })).toBe(0);
});

test("a marketer cannot open a venue's websites page", async ({ page, db, signInAs }) => {
  await signInAs(page, "MARKETER");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const response = await page.goto(`/admin/venues/${venue.id}/websites`);
  expect(response?.status()).toBe(403);
});
