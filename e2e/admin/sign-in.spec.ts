import { expect, test } from "../support/staff";

test("a signed-out visitor reaches nothing in the staff area", async ({ page }) => {
  for (const path of ["/admin", "/admin/venues", "/admin/copy", "/admin/consent", "/admin/guests", "/admin/audit", "/admin/staff"]) {
    await page.goto(path);
    await expect(page, `${path} sends a signed-out visitor to sign in`).toHaveURL(/\/admin\/sign-in/);
  }
});

test("staff sign in with email and password and see their role", async ({ page, createStaff, snap }) => {
  const staff = await createStaff("MARKETER");
  await page.goto("/admin/sign-in");
  await snap(page, "sign-in");
  await page.getByLabel("Email").fill(staff.email.toUpperCase());
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("MARKETER", { exact: true })).toBeVisible();
  // A marketer's navigation has no venue or audit sections.
  const nav = page.getByRole("navigation", { name: "Staff sections" });
  await expect(nav.getByRole("link", { name: "Portal copy" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Venues" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await snap(page, "overview-marketer");
});

test("a wrong password is refused, and repeated failures are throttled", async ({ page, createStaff, db }) => {
  const staff = await createStaff("LEGAL");
  await page.goto("/admin/sign-in");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Email").fill(staff.email);
    await page.getByLabel("Password").fill(`wrong-${attempt}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: /don't match a staff account/ })).toBeVisible();
  }
  // Even the right password is refused while throttled.
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Too many failed attempts/ })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  expect(await db.signInAttempt.count({ where: { email: staff.email, succeeded: false } })).toBe(6);
});

test("the throttle counts by the real client address: a forged or over-long X-Forwarded-For neither breaks sign-in nor dodges the count", async ({ page, createStaff, db }) => {
  const staff = await createStaff("LEGAL");
  // Over 45 characters (the widest IPv6 text) once made sign-in throw.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `${"f".repeat(60)}, 198.51.100.9`, "x-portico-client-ip": "198.51.100.10" });
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(staff.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /don't match a staff account/ })).toBeVisible();
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const attempts = await db.signInAttempt.findMany({ where: { email: staff.email }, orderBy: { id: "asc" } });
  expect(attempts.map((a) => [a.succeeded, a.ip])).toEqual([
    [false, "127.0.0.1"],
    [true, "127.0.0.1"],
  ]);
});

test("a disabled account loses access at once, even with a live session", async ({ page, signInAs, db }) => {
  const staff = await signInAs(page, "ADMIN");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await db.staffUser.update({ where: { id: staff.id }, data: { disabledAt: new Date() } });
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});

test("signing in returns staff to the page they asked for, and never to another site", async ({ page, createStaff }) => {
  const staff = await createStaff("ADMIN");
  await page.goto("/admin/staff");
  await expect(page).toHaveURL(/\/admin\/sign-in\?callbackUrl=%2Fadmin%2Fstaff$/);
  await page.getByLabel("Email").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/staff$/);
  await expect(page.getByRole("heading", { name: "Staff", exact: true })).toBeVisible();

  // Already signed in: a crafted link to another site lands on the overview instead.
  await page.goto("/admin/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await expect(page).toHaveURL(/\/admin$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in page says it needs JavaScript, and a password never travels in the URL", async ({ page, createStaff }) => {
    const staff = await createStaff("LEGAL");
    await page.goto("/admin/sign-in");
    // Playwright's text locators skip <noscript>; the page's HTML carries the notice.
    expect(await page.content()).toContain("Staff sign-in needs JavaScript");
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.getByLabel("Email").fill(staff.email);
    await page.getByLabel("Password").fill(staff.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForLoadState();
    expect(requests.length, "the form was submitted").toBeGreaterThan(0);
    for (const url of [...requests, page.url()]) expect(url).not.toContain(encodeURIComponent(staff.password));
    for (const url of [...requests, page.url()]) expect(url).not.toContain(staff.password);
  });
});
