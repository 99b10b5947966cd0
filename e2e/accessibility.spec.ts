// Every guest page, with JavaScript on, passes axe's WCAG 2.1 AA checks — including the
// error states, where contrast and labelling most often break.
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { en, splashPath, submitEmail, waitForEnhancement } from "./support/journey";

test("splash (with an error), loyalty form, consent (with an error) and success pass axe's WCAG 2.1 AA checks", async ({ page, uniqueEmail }) => {
  await page.goto(splashPath());
  await expectNoAxeViolations(page, "splash");
  await waitForEnhancement(page);
  await page.getByLabel(en.email).fill("not an email");
  await page.getByRole("button", { name: en.emailButton }).click();
  await expect(page.getByText(en.emailInvalid)).toBeVisible();
  await expectNoAxeViolations(page, "splash with an error");

  await page.getByRole("link", { name: en.loyaltyLink }).click();
  await expect(page.getByRole("heading", { name: "Join the guest club" })).toBeVisible();
  await expectNoAxeViolations(page, "loyalty form");
  await page.goBack();

  await submitEmail(page, uniqueEmail("axe"));
  await expect(page.getByRole("button", { name: en.connect })).toBeVisible();
  await expectNoAxeViolations(page, "consent");
  await waitForEnhancement(page);
  await page.getByRole("button", { name: en.connect }).click();
  await expect(page.getByText(en.termsRequired)).toBeVisible();
  await expectNoAxeViolations(page, "consent with an error");

  await page.getByRole("checkbox", { name: en.terms }).check();
  await page.getByRole("button", { name: en.connect }).click();
  await expect(page.getByRole("heading", { name: en.successTitle })).toBeVisible();
  await expectNoAxeViolations(page, "success");
});
