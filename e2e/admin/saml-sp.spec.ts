// An admin sets up a venue's website sign-in in the staff area: pastes the website IdP's
// metadata, sees what was read from it, makes an SP key pair; the SP metadata then lists it.
import { createVenueFixture } from "@/tests/support/venue-fixture";
import { startSimpleSamlPhp, type SimpleSamlPhp } from "@/tests/support/simplesamlphp";

import { expect, test } from "../support/staff";

let idp: SimpleSamlPhp;
test.beforeAll(async () => {
  idp = await startSimpleSamlPhp({ users: [] });
});
test.afterAll(async () => {
  await idp?.stop();
});

test("an admin pastes the IdP metadata, turns website sign-in on and makes an SP key pair, audited", async ({ page, db, signInAs }) => {
  const admin = await signInAs(page, "ADMIN");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  await page.goto(`/admin/venues/${venue.id}`);
  await page.getByRole("link", { name: "Set up website sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Website sign-in (SAML)" })).toBeVisible();

  const form = page.getByRole("form", { name: "Website identity provider" });
  await form.getByLabel("Website name on the splash").fill("Harbour Club");
  await form.getByLabel("Or paste the metadata XML").fill(await idp.metadataXml());
  await form.getByLabel("Offer website sign-in on the splash").check();
  await form.getByRole("button", { name: "Save identity provider" }).click();
  // A success is announced politely (role status), not as an alert.
  await expect(form.getByRole("status")).toContainText(`Saved. ${idp.entityId} signs with`);

  await expect(page.getByTestId("saml-entity-id")).toHaveText(idp.entityId);
  await expect(page.getByTestId("saml-sso-url")).toHaveText(`${idp.baseUrl}/saml2/idp/SSOService.php`);
  await expect(page.getByRole("list", { name: "Signing certificates" }).getByText("CN=Portico test IdP")).toBeVisible();
  const row = await db.samlIdp.findUniqueOrThrow({ where: { venueId: venue.id } });
  expect(row).toMatchObject({ enabled: true, displayName: "Harbour Club", entityId: idp.entityId });
  expect(await db.auditEntry.findFirst({ where: { entityId: row.id, action: "saml_idp.created", actorId: admin.id } })).not.toBeNull();

  await page.getByRole("form", { name: "Generate SP key pair" }).getByRole("button").click();
  await expect(page.getByTestId("saml-sp-certificate")).toContainText("Certificate valid until");
  const metadata = await page.request.get(`/api/saml/sp/${venue.slug}/metadata`);
  expect(metadata.status()).toBe(200);
  const xml = await metadata.text();
  expect(xml).toContain(`/api/saml/sp/${venue.slug}/metadata"`);
  expect(xml).toMatch(/use="encryption"/);
  expect(xml).not.toMatch(/PRIVATE KEY/);
  expect(await db.auditEntry.count({ where: { entityId: row.id, action: "saml_idp.sp_key_generated" } })).toBe(1);

  // Bad metadata is refused with a reason, and the stored configuration stays.
  await form.getByLabel("Or paste the metadata XML").fill("<not-metadata/>");
  await form.getByRole("button", { name: "Save identity provider" }).click();
  await expect(form.getByText(/describes no identity provider/).first()).toBeVisible();
  expect((await db.samlIdp.findUniqueOrThrow({ where: { venueId: venue.id } })).entityId).toBe(idp.entityId);
});
