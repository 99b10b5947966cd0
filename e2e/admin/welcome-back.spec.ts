// An admin turns welcome back on for a venue from its page: the form says which gateway can let
// a device on with no tap, refuses days out of range beside the field and changes nothing, then
// saves zero taps for two weeks (audited). A marketer has no venue page to do it from.
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expectNoAxeViolations } from "../support/axe";
import { expect, test } from "../support/staff";

test("an admin sets welcome back to zero taps; days out of range are refused", async ({ page, db, signInAs }) => {
  const admin = await signInAs(page, "ADMIN");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  await db.gateway.create({ data: { venueId: venue.id, slug: "hotspot", kind: "mikrotik", name: "Lobby hotspot", settings: { routerAddresses: ["10.5.50.1"], authentication: "pap" } } });
  await page.goto(`/admin/venues/${venue.id}`);
  const form = page.getByRole("form", { name: "Welcome back" });
  await expect(form.getByRole("radio", { name: /^Off/ })).toBeChecked();
  await expect(form).toContainText("Lobby hotspot (MikroTik");
  await expect(form).toContainText("zero taps through RADIUS MAC authorisation");
  await expectNoAxeViolations(page, "venue page with welcome back");

  await form.getByRole("radio", { name: /^Zero taps/ }).check();
  await form.getByLabel("Zero taps for (days after the last visit)").fill("120");
  await form.getByRole("button", { name: "Save welcome back" }).click();
  await expect(form.getByText("At most 90 days.")).toBeVisible();
  expect(await db.venueWelcomeBack.findUnique({ where: { venueId: venue.id } })).toBeNull();

  await form.getByLabel("Zero taps for (days after the last visit)").fill("14");
  await form.getByRole("button", { name: "Save welcome back" }).click();
  await expect(form.getByText("Welcome back saved.")).toBeVisible();
  expect(await db.venueWelcomeBack.findUniqueOrThrow({ where: { venueId: venue.id } })).toMatchObject({ mode: "ZERO_TAP", zeroTapDays: 14 });
  expect(await db.auditEntry.findFirstOrThrow({ where: { entityId: venue.id, action: "venue.welcome_back.update" } })).toMatchObject({ actorId: admin.id });

  await page.reload();
  await expect(page.getByRole("form", { name: "Welcome back" }).getByRole("radio", { name: /^Zero taps/ })).toBeChecked();
  await expect(page.getByRole("form", { name: "Welcome back" }).getByLabel("Zero taps for (days after the last visit)")).toHaveValue("14");
});

test("a marketer cannot change welcome back", async ({ page, db, signInAs }) => {
  await signInAs(page, "MARKETER");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const response = await page.goto(`/admin/venues/${venue.id}`);
  expect(response?.status()).toBe(403);
});
