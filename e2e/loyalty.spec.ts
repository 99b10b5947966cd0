// The loyalty sign-up: a richer profile (name, phone, birthday) for more WiFi time.
import type { Page } from "@playwright/test";

import { expect, test } from "./support/fixtures";
import { connect, en, loadJourney, splashPath, tokenOf, waitForHydration } from "./support/journey";

async function joinLoyalty(page: Page, details: { email: string; name: string; phone: string; birthday: string }) {
  await page.goto(splashPath());
  await page.getByRole("button", { name: en.loyaltyButton }).click();
  await expect(page).toHaveURL(/\/p\/demo\/login\?.*m=loyalty/);
  await expect(page.getByRole("heading", { name: "Join the guest club" })).toBeVisible();
  const token = tokenOf(page);
  await waitForHydration(page);
  await page.getByLabel(en.email).fill(details.email);
  await page.getByLabel(en.name).fill(details.name);
  await page.getByLabel(en.phone).fill(details.phone);
  await page.getByLabel(en.birthday).fill(details.birthday);
  return token;
}

async function expectLoyaltyGuest(page: Page, db: Parameters<typeof loadJourney>[0], token: string, phone: string) {
  await page.getByRole("button", { name: en.continue }).click();
  await expect(page).toHaveURL(/\/p\/demo\/consent\?/);
  await waitForHydration(page);
  await connect(page);

  const journey = await loadJourney(db, token);
  expect(journey.status).toBe("COMPLETED");
  expect(journey.loginMethod).toBe("LOYALTY");
  expect(journey.visit?.loginMethod).toBe("LOYALTY");
  const guest = journey.guest!;
  expect(guest.name).toBe("Ana Lopez");
  expect(guest.phone).toBe(phone);
  expect(guest.birthday?.toISOString().slice(0, 10)).toBe("1990-04-15");
  expect(guest.visitorData).toMatchObject({ portal: { loyaltyMember: true, lastLoginMethod: "LOYALTY" } });
}

test("loyalty: name, a nationally typed mobile number (stored E.164) and birthday are stored", async ({ page, db, uniqueEmail, snap }) => {
  const token = await joinLoyalty(page, { email: uniqueEmail("loyal"), name: "Ana Lopez", phone: "07911 123456", birthday: "1990-04-15" });
  await snap(page, "login-loyalty");
  await expectLoyaltyGuest(page, db, token, "+447911123456");
  await snap(page, "success-loyalty");
});

test("loyalty: an impossible phone number is refused inline and nothing is stored", async ({ page, db, uniqueEmail, snap }) => {
  const email = uniqueEmail("loyal-bad-phone");
  const token = await joinLoyalty(page, { email, name: "Ana Lopez", phone: "12345", birthday: "1990-04-15" });
  await page.getByRole("button", { name: en.continue }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Enter a valid phone number/);
  await expect(page.getByLabel(en.phone)).toHaveAttribute("aria-invalid", "true");
  await snap(page, "login-loyalty-phone-error");
  const journey = await loadJourney(db, token);
  expect(journey.status).toBe("STARTED");
  expect(journey.identity).toBeNull();
});
