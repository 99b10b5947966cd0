// Staff single sign-on through a real OpenID Connect provider on this machine
// (e2e/support/identity-provider.ts): SSO proves who someone is, and only an existing, enabled
// staff account with a provider-verified email gets in, whether the provider puts the email in
// the ID token or only at its userinfo endpoint.
import type { Page } from "@playwright/test";

import { ssoName } from "../support/identity-provider";
import { expect, test } from "../support/staff";

/** From Portico's sign-in page through the provider's login and consent screens. */
async function signInWithSso(page: Page, login: string): Promise<void> {
  await page.goto("/admin/sign-in");
  await page.getByRole("button", { name: `Sign in with ${ssoName}` }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password: the test provider checks none");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("an existing staff member signs in through the identity provider", async ({ page, createStaff, db }) => {
  const staff = await createStaff("LEGAL");
  await signInWithSso(page, staff.email);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("LEGAL", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: staff.email })).toBeVisible();
  expect(await db.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ role: "LEGAL", disabledAt: null });
});

test("a provider account that is not Portico staff is turned away with an explanation", async ({ page, uniqueEmail, db }) => {
  const stranger = uniqueEmail("stranger");
  await signInWithSso(page, stranger);
  await expect(page).toHaveURL(/\/admin\/sign-in\?.*error=AccessDenied/);
  await expect(page.getByRole("alert").filter({ hasText: "not a Portico staff account" })).toBeVisible();
  expect(await db.staffUser.count({ where: { email: stranger } })).toBe(0);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});

test("an email the provider has not verified proves nothing, even when it matches a staff account", async ({ page, createStaff }) => {
  const staff = await createStaff("ADMIN");
  await signInWithSso(page, `unverified.${staff.email}`);
  await expect(page).toHaveURL(/\/admin\/sign-in\?.*error=AccessDenied/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});

test("an ID token without email_verified counts as unverified, even when the email matches a staff account", async ({ page, createStaff }) => {
  const staff = await createStaff("ADMIN");
  await signInWithSso(page, `unstated.${staff.email}`);
  await expect(page).toHaveURL(/\/admin\/sign-in\?.*error=AccessDenied/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});

test("a provider that gives the email only at its userinfo endpoint, verified there, lets staff in", async ({ page, createStaff }) => {
  const staff = await createStaff("MARKETER");
  await signInWithSso(page, `userinfo.${staff.email}`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("link", { name: staff.email })).toBeVisible();
});

test("a disabled staff account cannot come back through single sign-on", async ({ page, createStaff, db }) => {
  const staff = await createStaff("MARKETER");
  await db.staffUser.update({ where: { id: staff.id }, data: { disabledAt: new Date() } });
  await signInWithSso(page, staff.email);
  await expect(page).toHaveURL(/\/admin\/sign-in\?.*error=AccessDenied/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});
