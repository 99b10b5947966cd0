// The delivery/health page's network access: a gateway failing more than 1% of its grants in
// the last 5 minutes raises an alert naming it and its last error; its row shows the figures.
import { randomBytes } from "node:crypto";

import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expect, test } from "../support/staff";

test("a gateway failing grants raises the alert on the health page, with its figures and last error", async ({ page, db, signInAs, snap }) => {
  await signInAs(page, "ADMIN");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const gateway = await db.gateway.create({ data: { venueId: venue.id, slug: "lobby", kind: "unifi", name: `Lobby ${randomBytes(2).toString("hex")}` } });
  const now = Date.now();
  for (const [index, status] of (["GRANTED", "GRANTED", "GRANTED", "DENIED"] as const).entries()) {
    const createdAt = new Date(now - (index + 1) * 30_000);
    const journey = await db.journey.create({ data: { token: randomBytes(16).toString("hex"), venueId: venue.id, locale: "en", status: "COMPLETED", expiresAt: new Date(now + 3600_000), createdAt } });
    await db.accessSession.create({
      data: {
        journeyId: journey.id,
        venueId: venue.id,
        gatewayId: gateway.id,
        status,
        grantKind: status === "DENIED" ? "failed" : "granted",
        minutes: 60,
        createdAt,
        grantedAt: status === "GRANTED" ? new Date(createdAt.getTime() + 1500) : null,
        error: status === "DENIED" ? "UniFi refused the sign-in: 401" : null,
      },
    });
  }

  await page.goto("/admin/delivery");
  await expect(page.getByRole("alert").filter({ hasText: gateway.name })).toContainText(`${gateway.name} (${venue.name}) failed 1 of 4 grants in the last 5 minutes`);
  await expect(page.getByRole("alert").filter({ hasText: gateway.name })).toContainText("Last error: UniFi refused the sign-in: 401");
  const row = page.locator(`[data-gateway="${gateway.name}"]`);
  await expect(row.locator('[data-figure="recent"]')).toContainText("3 of 4 let on");
  await expect(row.locator('[data-figure="recent"]')).toContainText("Failing");
  await expect(row.locator('[data-figure="tap-to-grant"]')).toContainText("median 1.5 s");
  await snap(page, "grant-health");
});
