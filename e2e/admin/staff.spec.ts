import { expect, postActionForm, readActionForm, test } from "../support/staff";

test("an admin adds a marketer, who signs in with the temporary password and sees only their sections", async ({ page, browser, signInAs, db, snap, uniqueEmail }) => {
  const admin = await signInAs(page, "ADMIN");
  await page.goto("/admin/staff");
  const form = page.getByRole("form", { name: "Add a staff member" });

  // Inline errors from the shared schema, before any round trip.
  await form.getByLabel("Email").fill("not an email");
  await form.getByLabel("Temporary password").fill("short");
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByText("Enter a valid email address.")).toBeVisible();
  await expect(form.getByText("Use at least 12 characters.")).toBeVisible();

  const email = uniqueEmail("new.marketer");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name (optional)").fill("Mia Marketer");
  await form.getByLabel("Role").selectOption("MARKETER");
  await form.getByLabel("Temporary password").fill("harbour-lights-2026");
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toContainText(`Added ${email} as MARKETER`);
  await expect(page.locator(`tr[data-staff-email="${email}"]`)).toContainText("MARKETER");
  await expect(form.getByLabel("Temporary password"), "the form is cleared for the next person").toHaveValue("");
  await snap(page, "staff-list");

  // The same email again: the server's field error shows inline, and nothing is added.
  await form.getByLabel("Email").fill(email.toUpperCase());
  await form.getByLabel("Temporary password").fill("harbour-lights-2026");
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByText("A staff account with this email already exists.")).toBeVisible();
  expect(await db.staffUser.count({ where: { email } })).toBe(1);

  const created = await db.staffUser.findUniqueOrThrow({ where: { email } });
  const audit = await db.auditEntry.findFirst({ where: { entityId: created.id, action: "staff_user.created" } });
  expect(audit?.actorId).toBe(admin.id);

  // The new marketer signs in through the real form.
  const marketerContext = await browser.newContext();
  const marketerPage = await marketerContext.newPage();
  await marketerPage.goto("/admin/sign-in");
  await marketerPage.getByLabel("Email").fill(email);
  await marketerPage.getByLabel("Password").fill("harbour-lights-2026");
  await marketerPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(marketerPage.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(marketerPage.getByRole("navigation", { name: "Staff sections" }).getByRole("link", { name: "Staff" })).toHaveCount(0);

  // Disabling them signs them out at once.
  const row = page.locator(`tr[data-staff-email="${email}"]`);
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByRole("status")).toContainText("Account disabled");
  await marketerPage.goto("/admin");
  await expect(marketerPage).toHaveURL(/\/admin\/sign-in/);
  await marketerContext.close();

  // Role change, recorded with before and after.
  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row.getByRole("status")).toContainText("Account enabled");
  await row.getByLabel(`Role of ${email}`, { exact: true }).selectOption("LEGAL");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("status").first()).toContainText("Role changed to LEGAL");
  await expect(row).toContainText("LEGAL");
  const actions = (await db.auditEntry.findMany({ where: { entityId: created.id }, orderBy: { id: "asc" } })).map((e) => e.action);
  expect(actions).toEqual(["staff_user.created", "staff_user.access_changed", "staff_user.access_changed", "staff_user.role_changed"]);
});

test("only admins manage staff: the page is refused and replayed actions change nothing", async ({ page, browser, signInAs, db }) => {
  await signInAs(page, "ADMIN");
  await page.goto("/admin/staff");
  const createForm = await readActionForm(page, 'form[aria-label="Add a staff member"]');

  for (const role of ["MARKETER", "LEGAL"] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    const account = await signInAs(other, role);
    expect((await other.request.get("/admin/staff", { maxRedirects: 0 })).status(), `${role} GET /admin/staff`).toBe(403);

    const email = `smuggled-${role.toLowerCase()}@example.com`;
    const response = await postActionForm(other, createForm, { email, role: "ADMIN", password: "let me in please" });
    expect(response.status(), `${role} replaying "add staff"`).toBe(403);
    expect(await db.staffUser.count({ where: { email } })).toBe(0);
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: account.id } })).role).toBe(role);
    await context.close();
  }
});

test("a staff form posted from another site, a null origin or another host name is refused with 403 and changes nothing", async ({ page, signInAs, db }) => {
  await signInAs(page, "ADMIN");
  await page.goto("/admin/staff");
  const createForm = await readActionForm(page, 'form[aria-label="Add a staff member"]');
  const otherName = `http://localhost:${new URL(createForm.url).port}`;
  for (const origin of ["https://evil.example", "null", otherName]) {
    const email = `cross-site-${origin.length}@example.com`;
    const response = await postActionForm(page, createForm, { email, role: "ADMIN", password: "let me in please" }, origin);
    expect(response.status(), `posted from ${origin}`).toBe(403);
    expect(await response.text()).toContain("This form came from another page");
    expect(await db.staffUser.count({ where: { email } })).toBe(0);
  }
});

test("any staff member changes their own password from their account page", async ({ page, browser, signInAs, db }) => {
  const legal = await signInAs(page, "LEGAL");
  await page.goto("/admin");
  await page.getByRole("link", { name: legal.email }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  const form = page.getByRole("form", { name: "Change your password" });

  await form.getByLabel("Current password").fill("a wrong guess");
  await form.getByLabel("New password", { exact: true }).fill("lighthouse-keeper-42");
  await form.getByLabel("New password again").fill("lighthouse-keeper-42");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password.")).toBeVisible();

  await form.getByLabel("Current password").fill(legal.password);
  await form.getByLabel("New password", { exact: true }).fill("lighthouse-keeper-42");
  await form.getByLabel("New password again").fill("lighthouse-keeper-43");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("The two new passwords differ.")).toBeVisible();

  await form.getByLabel("New password again").fill("lighthouse-keeper-42");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toContainText("Password changed");
  expect(await db.auditEntry.count({ where: { entityId: legal.id, action: "staff_user.password_changed", actorId: legal.id } })).toBe(1);

  // The new password is the one that works now.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto("/admin/sign-in");
  await fresh.getByLabel("Email").fill(legal.email);
  await fresh.getByLabel("Password").fill("lighthouse-keeper-42");
  await fresh.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(fresh.getByRole("heading", { name: "Overview" })).toBeVisible();
  await context.close();
});
