// The audit log as an administrator reads it: filtered by who, what and which record, paged,
// with each change shown field by field. Other roles are refused on the server.
import { randomBytes } from "node:crypto";

import { expect, test } from "../support/staff";

test("an admin filters the audit log by actor, entity and action, and pages through it", async ({ page, db, createStaff, signInAs, snap }) => {
  test.slow(); // many steps on a shared machine
  const editor = await createStaff("ADMIN");
  const lawyer = await createStaff("LEGAL");
  const tag = randomBytes(3).toString("hex");
  const start = Date.parse("2026-05-10T12:00:00Z");
  // 35 venue edits by one admin (more than a page of 30), one minute apart, the newest first…
  await db.auditEntry.createMany({
    data: Array.from({ length: 35 }, (_, i) => ({
      actorId: editor.id,
      action: "venue.updated",
      entityType: "venue",
      entityId: `venue-${tag}-${i}`,
      before: { name: `Harbour ${i}`, timezone: "UTC" },
      after: { name: `Harbour ${i} renamed`, timezone: "UTC" },
      ip: "203.0.113.10",
      at: new Date(start - i * 60_000),
    })),
  });
  // …a zone the same admin created, and two wording reviews by legal.
  await db.auditEntry.create({
    data: { actorId: editor.id, action: "zone.created", entityType: "zone", entityId: `zone-${tag}`, after: { name: "Pool" }, at: new Date(start + 60_000) },
  });
  for (const verdict of ["approved", "rejected"]) {
    await db.auditEntry.create({
      data: {
        actorId: lawyer.id,
        action: `consent_text.${verdict}`,
        entityType: "consent_text",
        entityId: `text-${tag}-${verdict}`,
        before: { status: "IN_REVIEW" },
        after: { status: verdict.toUpperCase(), reviewComment: verdict === "rejected" ? "Too vague" : null },
        ip: "198.51.100.7",
      },
    });
  }

  await signInAs(page, "ADMIN");
  await page.goto("/admin/audit");
  await snap(page, "audit-log");

  const entries = page.getByRole("list", { name: "Audit entries, newest first" }).getByRole("article");
  await page.getByLabel("Staff email").fill(editor.email.toUpperCase());
  await page.getByLabel("Entity type").selectOption("venue");
  await page.getByLabel("Action").selectOption("venue.updated");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/entityType=venue/);
  await expect(entries).toHaveCount(30);
  await expect(entries.first()).toContainText(`venue-${tag}-0`);
  await expect(entries.first()).toContainText(editor.email);
  await expect(entries.first()).toContainText("203.0.113.10");
  // The change reads field by field: name went from … to …; the unchanged time zone is folded away.
  const nameRow = entries.first().getByRole("row", { name: /name/ }).first();
  await expect(nameRow).toContainText("Harbour 0");
  await expect(nameRow).toContainText("Harbour 0 renamed");
  await expect(entries.first().getByText("1 unchanged field")).toBeVisible();
  await snap(page, "audit-filtered");

  await page.getByRole("link", { name: "Older →" }).click();
  await expect(entries).toHaveCount(5);
  await expect(entries.first()).toContainText(`venue-${tag}-30`);
  await expect(entries.last()).toContainText(`venue-${tag}-34`);
  await expect(page.getByLabel("Entity type")).toHaveValue("venue"); // filters survive paging
  await expect(page.getByRole("link", { name: "Older →" })).toHaveCount(0);
  await snap(page, "audit-page-2");
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(entries).toHaveCount(30);
  await expect(entries.first()).toContainText(`venue-${tag}-0`);

  // Legal's rejection, found by its record id.
  await page.goto("/admin/audit");
  await page.getByLabel("Staff email").fill(lawyer.email);
  await page.getByLabel("Entity id").fill(`text-${tag}-rejected`);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("consent_text.rejected");
  await expect(entries.first().getByRole("row", { name: /status/ })).toContainText("REJECTED");
  await expect(entries.first().getByRole("row", { name: /reviewComment/ })).toContainText("Too vague");

  // A bad date range is explained beside the field, and nothing is listed.
  await page.goto("/admin/audit?from=2026-05-10&to=2026-05-01");
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  await expect(entries).toHaveCount(0);
  await snap(page, "audit-bad-range");
});

for (const role of ["MARKETER", "LEGAL"] as const) {
  test(`a ${role.toLowerCase()} is refused the audit log`, async ({ page, signInAs, snap }) => {
    await signInAs(page, role);
    const response = await page.goto("/admin/audit");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await snap(page, `audit-refused-${role.toLowerCase()}`);
  });
}
