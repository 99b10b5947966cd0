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
  { path: "/admin/audit", allowed: ["ADMIN"] },
  { path: "/admin/staff", allowed: ["ADMIN"] },
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
    for (const { path, allowed } of sections.filter((s) => s.path !== "/admin/venues/new")) {
      await expect(nav.locator(`a[href="${path}"]`), `${role} nav link to ${path}`).toHaveCount(allowed.includes(role) ? 1 : 0);
    }
  });
}
