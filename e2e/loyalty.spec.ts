// The loyalty sign-up: a richer profile (name, phone, birthday) for more WiFi time.
import type { Page } from "@playwright/test";

import { expect, test } from "./support/fixtures";
import { connect, en, journeyCount, loadJourney, splashPath, tokenOf, waitForEnhancement } from "./support/journey";

async function joinLoyalty(page: Page, details: { email: string; name: string; phone: string; birthday: string }) {
  await page.goto(splashPath());
  await page.getByRole("link", { name: en.loyaltyLink }).click();
  await expect(page).toHaveURL(/\/p\/demo\/loyalty\?.*client_mac=/);
  await expect(page.getByRole("heading", { name: "Join the guest club" })).toBeVisible();
  await waitForEnhancement(page);
  await page.getByLabel(en.email).fill(details.email);
  await page.getByLabel(en.name).fill(details.name);
  await page.getByLabel(en.phone).fill(details.phone);
  await page.getByLabel(en.birthday).fill(details.birthday);
}

async function expectLoyaltyGuest(page: Page, db: Parameters<typeof loadJourney>[0], phone: string) {
  await page.getByRole("button", { name: en.continue }).click();
  await expect(page.getByRole("heading", { name: en.consentTitle })).toBeVisible();
  const token = await tokenOf(page);
  await waitForEnhancement(page);
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
  await joinLoyalty(page, { email: uniqueEmail("loyal"), name: "Ana Lopez", phone: "07911 123456", birthday: "1990-04-15" });
  await snap(page, "login-loyalty");
  await expectLoyaltyGuest(page, db, "+447911123456");
  await snap(page, "success-loyalty");
});

test("loyalty: an impossible phone number is refused by the server, the guest's answers kept, and nothing is stored", async ({ page, db, uniqueEmail, snap }) => {
  const email = uniqueEmail("loyal-bad-phone");
  const before = await journeyCount(db);
  await joinLoyalty(page, { email, name: "Ana Lopez", phone: "12345", birthday: "1990-04-15" });
  await page.getByRole("button", { name: en.continue }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Enter a valid phone number/);
  await expect(page.getByLabel(en.phone)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(en.name)).toHaveValue("Ana Lopez");
  await expect(page.getByLabel(en.email)).toHaveValue(email);
  await snap(page, "login-loyalty-phone-error");
  expect(await journeyCount(db)).toBe(before);
  expect(await db.guest.count({ where: { emailNormalized: email } })).toBe(0);
});

test("loyalty: a missing name and a birthday in the future are flagged inline, nothing sent", async ({ page, uniqueEmail }) => {
  await joinLoyalty(page, { email: uniqueEmail("loyal-inline"), name: "", phone: "07911 123456", birthday: "2999-01-01" });
  let posts = 0;
  page.on("request", (request) => void (request.method() === "POST" && posts++));
  await page.getByRole("button", { name: en.continue }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter a real date in the past.")).toBeVisible();
  await expect(page.getByLabel(en.name)).toBeFocused();
  expect(posts).toBe(0);
});
