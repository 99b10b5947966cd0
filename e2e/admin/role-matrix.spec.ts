// The role matrix for staff pages, asked of the server directly: each role gets exactly the
// sections its permissions name (lib/auth/permissions.ts), and a 403 — not a hidden link —
// everywhere else. Each section's own spec replays its server actions as refused roles.
import type { StaffRole } from "@/lib/generated/prisma/enums";

import { expect, test } from "../support/staff";

const sections: { path: string; allowed: StaffRole[] }[] = [
  { path: "/admin", allowed: ["ADMIN", "MARKETER", "LEGAL"] },
  { path: "/admin/venues", allowed: ["ADMIN"] },
  { path: "/admin/venues/new", allowed: ["ADMIN"] },
  { path: "/admin/copy", allowed: ["ADMIN", "MARKETER"] },
  { path: "/admin/consent", allowed: ["ADMIN", "MARKETER", "LEGAL"] },
  { path: "/admin/guests", allowed: ["ADMIN", "MARKETER", "LEGAL"] },
  { path: "/admin/requests", allowed: ["ADMIN", "LEGAL"] },
  { path: "/admin/exports", allowed: ["ADMIN", "MARKETER"] },
  { path: "/admin/processing", allowed: ["ADMIN", "LEGAL"] },
  { path: "/admin/audit", allowed: ["ADMIN"] },
  { path: "/admin/staff", allowed: ["ADMIN"] },
  { path: "/admin/account", allowed: ["ADMIN", "MARKETER", "LEGAL"] },
  { path: "/admin/api-keys", allowed: ["ADMIN"] },
  { path: "/admin/api-keys/reference", allowed: ["ADMIN", "MARKETER", "LEGAL"] },
  { path: "/admin/vouchers", allowed: ["ADMIN"] },
];

for (const role of ["ADMIN", "MARKETER", "LEGAL"] as const) {
  test(`${role.toLowerCase()} reaches exactly the sections of its role`, async ({ page, signInAs }) => {
    await signInAs(page, role);
    for (const { path, allowed } of sections) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      const expected = allowed.includes(role) ? 200 : 403;
      expect(response.status(), `${role} GET ${path}`).toBe(expected);
      if (expected === 403) expect(await response.text()).toContain("Not allowed");
    }

    // The navigation offers the same sections, and nothing else.
    await page.goto("/admin");
    const nav = page.getByRole("navigation", { name: "Staff sections" });
    for (const { path, allowed } of sections.filter((s) => !["/admin/venues/new", "/admin/account", "/admin/api-keys/reference"].includes(s.path))) {
      await expect(nav.locator(`a[href="${path}"]`), `${role} nav link to ${path}`).toHaveCount(allowed.includes(role) ? 1 : 0);
    }

    // The overview leads each role to what waits for it.
    const waiting = {
      ADMIN: ["Wording awaiting review", "Portal copy drafts", "Open rights requests"],
      MARKETER: ["Portal copy drafts"],
      LEGAL: ["Wording awaiting review", "Approved, ready to publish", "Open rights requests"],
    }[role];
    const notForRole = { ADMIN: [], MARKETER: ["Wording awaiting review", "Approved, ready to publish", "Open rights requests"], LEGAL: ["Portal copy drafts"] }[role];
    for (const label of waiting) await expect(page.getByRole("link", { name: new RegExp(`^${label}: \\d+$`) }), `${role} sees ${label}`).toBeVisible();
    for (const label of notForRole) await expect(page.getByText(label), `${role} does not see ${label}`).toHaveCount(0);
  });
}
