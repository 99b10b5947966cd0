import { expect, postActionForm, readActionForm, test } from "../support/staff";

test("an admin creates an API key, sees its token once, the API answers it, and revoking it locks the API out", async ({ page, signInAs, db }) => {
  const admin = await signInAs(page, "ADMIN");
  await page.goto("/admin/api-keys");
  const form = page.getByRole("form", { name: "Create an API key" });

  // Inline error from the shared schema before any round trip.
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByText("Name the key after the system that will use it.")).toBeVisible();

  const name = `CRM sync ${Date.now()}`;
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Venue", { exact: true }).selectOption({ label: "Harbour Hotel" });
  await form.getByLabel(/events:read/).check();
  await form.getByLabel(/visitor-data:write/).check();
  await form.getByLabel("Internal namespaces it writes").fill("crm-sync");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByRole("status")).toContainText("shown only this once");

  const token = (await page.locator("[data-copyable]").textContent())!.trim();
  expect(token).toMatch(/^ptk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  const key = await db.apiKey.findFirstOrThrow({ where: { name } });
  expect(key.secretHash).not.toContain(token.slice("ptk_".length + 32 + 1)); // the secret; base64url may hold "_"
  expect(key.scopes.sort()).toEqual(["events:read", "guests:read", "visitor-data:write"]);
  expect(key.namespaces).toEqual(["crm-sync"]);
  const row = page.locator(`tr[data-api-key="${key.prefix}"]`);
  await expect(row).toContainText("Harbour Hotel");
  await expect(row).toContainText("Active");

  // The token works against the real server, scoped to its venue.
  const venues = await page.request.get("/api/v1/venues", { headers: { authorization: `Bearer ${token}` } });
  expect(venues.status()).toBe(200);
  expect(((await venues.json()) as { data: { name: string }[] }).data.map((v) => v.name)).toEqual(["Harbour Hotel"]);

  // Shown once: a reload has no trace of it.
  await page.reload();
  await expect(page.locator("[data-copyable]")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  await expect(row, "marked used").not.toContainText("Never");

  // Revoke, confirming the dialog; the very next API request is refused.
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await page.request.get("/api/v1/venues", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  const audit = await db.auditEntry.findMany({ where: { entityId: key.id }, orderBy: { id: "asc" } });
  expect(audit.map((a) => [a.action, a.actorId])).toEqual([
    ["apiKey.create", admin.id],
    ["apiKey.revoke", admin.id],
  ]);
});

test("the API reference page is rendered from the OpenAPI document", async ({ page, signInAs }) => {
  await signInAs(page, "MARKETER");
  await page.goto("/admin/api-keys/reference");
  await expect(page.getByRole("heading", { name: /Portico API 1\.0\.0/ })).toBeVisible();
  const doc = (await (await page.request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, { summary: string }>> };
  for (const methods of Object.values(doc.paths)) {
    for (const operation of Object.values(methods)) await expect(page.getByText(operation.summary, { exact: true }).first()).toBeVisible();
  }
  expect(await page.locator("script[src^='http']").count()).toBe(0);
});

test("marketers and legal cannot create keys, even by replaying the admin's form", async ({ page, browser, signInAs, db }) => {
  await signInAs(page, "ADMIN");
  await page.goto("/admin/api-keys");
  const createForm = await readActionForm(page, 'form[aria-label="Create an API key"]');
  for (const role of ["MARKETER", "LEGAL"] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signInAs(other, role);
    expect((await other.request.get("/admin/api-keys", { maxRedirects: 0 })).status(), `${role} GET /admin/api-keys`).toBe(403);
    const name = `replayed by ${role} ${Date.now()}`;
    const response = await postActionForm(other, createForm, { name, scopes: "guests:read", rateLimitPerMinute: "600" });
    expect(response.status(), `${role} replaying "create key"`).toBe(403);
    expect(await response.text()).not.toMatch(/ptk_[0-9a-f]{32}_/);
    expect(await db.apiKey.count({ where: { name } })).toBe(0);
    await context.close();
  }
});
