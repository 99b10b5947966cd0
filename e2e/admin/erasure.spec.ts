// Erasure as legal does it: a guest who connected through the portal and was sent to HubSpot
// (its local contract server) is erased from their page with a reason and a confirmation,
// without JavaScript; the page then shows the erased state and HubSpot's deletion, which the
// worker in the app made. A marketer is offered no such form, and the action refuses them.
import { hubspotContractToken, hubspotGdprDeletePath, startHubspotContract, type HubspotContract } from "@/tests/support/contracts/hubspot";
import { sealSecrets, secretKey } from "@/lib/crypto/secret-box";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { runSecretKey } from "../support/fixtures";
import { connectThroughPortal } from "../support/portal-guest";
import { expect, postActionForm, readActionForm, test } from "../support/staff";

let hubspot: HubspotContract;
test.beforeAll(async () => {
  hubspot = await startHubspotContract();
});
test.afterAll(async () => {
  await hubspot?.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("legal erases a guest created through the portal; the page shows the erasure reaching HubSpot, and a marketer is refused", async ({ page, browser, db, signInAs, uniqueEmail }) => {
    test.setTimeout(90_000);
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    const purpose = await db.consentPurpose.findFirstOrThrow({ where: { venueId: venue.id, key: "marketing" } });
    const connector = await db.connector.create({
      data: { venueId: venue.id, purposeId: purpose.id, kind: "hubspot", name: "Harbour HubSpot", settings: { baseUrl: hubspot.baseUrl }, batchWaitSeconds: 0 },
    });
    const sealed = sealSecrets({ auth: "privateApp", accessToken: hubspotContractToken }, { current: secretKey(runSecretKey()) }, `connector:${connector.id}`);
    await db.connector.update({ where: { id: connector.id }, data: { secrets: new Uint8Array(sealed) } });

    const email = uniqueEmail("erase");
    await connectThroughPortal(browser, venue.slug, email, [/News and offers from|marketing/i]);
    await expect.poll(() => hubspot.contactByEmail(email) !== undefined, { timeout: 30_000 }).toBe(true);
    const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email } });

    // A marketer sees no erase form, and posting legal's form as them changes nothing.
    const marketerContext = await browser.newContext({ javaScriptEnabled: false });
    const marketerPage = await marketerContext.newPage();
    await signInAs(marketerPage, "MARKETER");
    await marketerPage.goto(`/admin/guests/${guest.id}`);
    await expect(marketerPage.getByRole("heading", { name: email })).toBeVisible();
    await expect(marketerPage.getByRole("form", { name: "Erase this guest" })).toHaveCount(0);

    await signInAs(page, "LEGAL");
    await page.goto(`/admin/guests/${guest.id}`);
    const form = page.getByRole("form", { name: "Erase this guest" });
    await expect(form).toBeVisible();
    const legalForm = await readActionForm(page, 'form[aria-label="Erase this guest"]');
    const refused = await postActionForm(marketerPage, legalForm, { reason: "Marketer trying", confirm: "on" });
    expect(refused.status()).toBeLessThan(500);
    expect(await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ emailNormalized: email, erasedAt: null });
    await marketerContext.close();

    // Without the confirmation nothing happens, and the form says why.
    await form.getByLabel("Reason").fill("Request #2026-41, received by letter");
    await form.getByRole("button", { name: "Erase this guest" }).click();
    await expect(page.getByText("Tick the box to confirm")).toBeVisible();
    expect(await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ erasedAt: null });

    await form.getByLabel("Reason").fill("Request #2026-41, received by letter");
    await form.getByRole("checkbox").check();
    await form.getByRole("button", { name: "Erase this guest" }).click();
    await expect(page.getByText("The guest is erased.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Erased guest" })).toBeVisible();
    expect(await page.content()).not.toContain(email);

    // The worker in the app asks HubSpot to delete them; the page shows it once confirmed.
    await expect.poll(() => hubspot.callsTo(hubspotGdprDeletePath).length, { timeout: 30_000 }).toBe(1);
    expect(hubspot.contactByEmail(email)).toBeUndefined();
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByRole("region", { name: "Erasure" }).getByRole("row").filter({ hasText: "Harbour HubSpot" }).textContent();
        },
        { timeout: 15_000 },
      )
      .toContain("Deleted the person");
    await expect(page.getByText("1 of 1 systems confirmed the deletion.")).toBeVisible();
  });
});

test("with JavaScript, the form checks the confirmation inline and the erasure goes through", async ({ page, browser, db, signInAs, uniqueEmail }) => {
  test.setTimeout(60_000);
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const email = uniqueEmail("erase-js");
  await connectThroughPortal(browser, venue.slug, email);
  const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email } });

  await signInAs(page, "ADMIN");
  await page.goto(`/admin/guests/${guest.id}`);
  const form = page.getByRole("form", { name: "Erase this guest" });
  await form.getByLabel("Reason").fill("Request #2026-42, by email to the DPO");
  await form.getByRole("button", { name: "Erase this guest" }).click();
  await expect(form.getByText("Tick the box to confirm")).toBeVisible();
  expect(await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ erasedAt: null });

  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "Erase this guest" }).click();
  await expect(page.getByText("The guest is erased.")).toBeVisible();
  await expect(page.getByText("No other system had received this guest.")).toBeVisible();
  expect(await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ email: null, erasedAt: expect.any(Date) });
});
