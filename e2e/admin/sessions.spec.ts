// Staff sessions already out there end when the account changes under them: a password reset
// by an admin, a role change that takes rights away, the person's own password change (their
// other browsers are signed out, the one they changed it in carries on). Each test holds a
// live session in a second browser context and checks what it can still open.
import type { Browser, Page } from "@playwright/test";

import { expect, signInThroughApi, test, type StaffAccount } from "../support/staff";

/** A second browser, signed in as `account`, that can open the overview now. */
async function liveSession(browser: Browser, account: StaffAccount): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInThroughApi(page, account);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return page;
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
}

async function expectSignedIn(page: Page): Promise<void> {
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

test("an admin resetting someone's password signs them out everywhere; the new password works", async ({ page, browser, signInAs, createStaff }) => {
  await signInAs(page, "ADMIN");
  const member = await createStaff("MARKETER");
  const theirs = await liveSession(browser, member);

  await page.goto("/admin/staff");
  const row = page.locator(`tr[data-staff-email="${member.email}"]`);
  await row.getByLabel(`New password for ${member.email}`).fill("a-new-harbour-passphrase");
  await row.getByRole("button", { name: "Set password" }).click();
  await expect(row.getByRole("status")).toContainText("Password set");

  await expectSignedOut(theirs);
  await signInThroughApi(theirs, { email: member.email, password: "a-new-harbour-passphrase" });
  await expectSignedIn(theirs);
  await theirs.context().close();
});

test("a role change that takes rights away signs the person out; one that only adds rights does not", async ({ page, browser, signInAs, createStaff }) => {
  await signInAs(page, "ADMIN");
  const member = await createStaff("LEGAL");
  const theirs = await liveSession(browser, member);
  await page.goto("/admin/staff");
  const row = page.locator(`tr[data-staff-email="${member.email}"]`);

  await row.getByLabel(`Role of ${member.email}`, { exact: true }).selectOption("ADMIN");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("status").first()).toContainText("Role changed to ADMIN");
  await expectSignedIn(theirs);

  await row.getByLabel(`Role of ${member.email}`, { exact: true }).selectOption("MARKETER");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("status").first()).toContainText("Role changed to MARKETER");
  await expectSignedOut(theirs);
  await theirs.context().close();
});

test("changing your own password keeps this session and signs out your other ones", async ({ page, browser, signInAs, db }) => {
  const legal = await signInAs(page, "LEGAL");
  const otherBrowser = await liveSession(browser, legal);

  await page.goto("/admin/account");
  const form = page.getByRole("form", { name: "Change your password" });
  await form.getByLabel("Current password").fill(legal.password);
  await form.getByLabel("New password", { exact: true }).fill("lighthouse-keeper-77");
  await form.getByLabel("New password again").fill("lighthouse-keeper-77");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toContainText("Password changed");

  await expectSignedIn(page);
  await page.goto("/admin/consent");
  await expect(page).toHaveURL(/\/admin\/consent/);
  await expectSignedOut(otherBrowser);
  expect((await db.staffUser.findUniqueOrThrow({ where: { id: legal.id } })).sessionVersion).toBe(1);
  await otherBrowser.context().close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the password change form keeps this session too", async ({ page, signInAs }) => {
    const marketer = await signInAs(page, "MARKETER");
    await page.goto("/admin/account");
    const form = page.getByRole("form", { name: "Change your password" });
    await form.getByLabel("Current password").fill(marketer.password);
    await form.getByLabel("New password", { exact: true }).fill("lighthouse-keeper-78");
    await form.getByLabel("New password again").fill("lighthouse-keeper-78");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed")).toBeVisible();
    await expectSignedIn(page);
  });
});
