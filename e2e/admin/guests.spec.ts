// Staff reading guests: guests are created by walking the real portal journey on a venue of
// this test's own, then found and read by a marketer and by legal (read-only for everyone).
import type { Browser, Page } from "@playwright/test";

import type { Db } from "@/lib/db/client";
import { createVenueFixture, publishWording } from "@/tests/support/venue-fixture";

import { connectThroughPortal } from "../support/portal-guest";
import { expect, test } from "../support/staff";

/** A venue where `email` connected twice: marketing granted on wording v1, then declined on v2. */
async function guestWithHistory(browser: Browser, db: Db, email: string) {
  const fixture = await createVenueFixture(db, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
  const marketing = fixture.purposes.find((p) => p.key === "marketing")!;
  await connectThroughPortal(browser, fixture.venue.slug, email, [/News and offers from/]);
  const v2 = await publishWording(db, marketing.id, "en", "Fresh offers by email from us, second wording.");
  await connectThroughPortal(browser, fixture.venue.slug, `  ${email.toUpperCase()} `);
  const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email } });
  return { ...fixture, v2, guest };
}

/** Everything the profile must show; times involving the venue are in its time zone, and say so. */
async function expectFullProfile(page: Page, email: string, venueName: string, venueTimeZone: string) {
  await expect(page.getByRole("heading", { level: 1, name: email, exact: true })).toBeVisible();

  const devices = page.getByRole("region", { name: "Devices" });
  await expect(devices.getByRole("row")).toHaveCount(2); // header + one device for both visits
  await expect(devices.getByText("aa:bb:cc:dd:ee:01")).toBeVisible();
  await expect(devices.getByText("Randomised")).toBeVisible();

  const visits = page.getByRole("region", { name: "Visits" });
  await expect(visits.getByRole("row")).toHaveCount(3);
  await expect(visits.getByRole("cell", { name: "Lobby" })).toHaveCount(2);
  await expect(visits.getByRole("cell", { name: venueName })).toHaveCount(2);

  const consent = page.getByRole("region", { name: "Consent" });
  const records = consent.getByRole("list", { name: "Consent records, newest first" }).getByRole("article");
  await expect(records).toHaveCount(6); // terms, marketing, sponsor × 2 visits
  const marketing = records.filter({ has: page.getByRole("heading", { name: /^Marketing/ }) });
  await expect(marketing.nth(0)).toContainText("Fresh offers by email from us, second wording.");
  await expect(marketing.nth(0)).toContainText("Declined");
  await expect(marketing.nth(0)).toContainText("en v2");
  await expect(marketing.nth(1)).toContainText("marketing wording (en) v1");
  await expect(marketing.nth(1)).toContainText("Granted");
  await expect(marketing.nth(1)).toContainText("en v1");
  await expect(marketing.nth(1)).toContainText(venueTimeZone);
  // Each visit's connection time, and while the device is online its access's end.
  await expect(visits.getByRole("cell", { name: new RegExp(venueTimeZone) })).toHaveCount(4);

  const events = page.getByRole("region", { name: "Events" });
  await expect(events.getByText("guest.created")).toBeVisible();
  await expect(events.getByText("guest.returned")).toBeVisible();
  await expect(events.getByText("consent.recorded")).toHaveCount(2);
}

test("a marketer finds a guest by email typed loosely and reads the whole profile", async ({ page, browser, db, signInAs, uniqueEmail, snap }) => {
  test.slow(); // two portal journeys before the staff part
  const email = uniqueEmail("visitor");
  const { venue, guest } = await guestWithHistory(browser, db, email);
  await db.venue.update({ where: { id: venue.id }, data: { timezone: "Europe/Paris" } });

  await signInAs(page, "MARKETER");
  await page.goto("/admin/guests");
  await snap(page, "guests-list");
  await page.getByRole("searchbox", { name: "Email address" }).fill(`  ${email.slice(0, 12).toUpperCase()} `);
  await page.getByRole("combobox", { name: "Visited venue" }).selectOption({ label: venue.name });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/admin\/guests\?q=/);
  const results = page.getByRole("table");
  await expect(results.getByRole("row")).toHaveCount(2);
  await snap(page, "guests-search");

  await results.getByRole("link", { name: email, exact: true }).click();
  await expect(page).toHaveURL(`/admin/guests/${guest.id}`);
  await expectFullProfile(page, email, venue.name, "Europe/Paris");
  await snap(page, "guest-profile");
});

test("legal reads the same profile, without JavaScript, and finds nothing to change but the erasure form", async ({ browser, db, signInAs, uniqueEmail, snap }) => {
  test.slow(); // two portal journeys before the staff part
  const email = uniqueEmail("lawful");
  const { venue } = await guestWithHistory(browser, db, email);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, "LEGAL");
  await page.goto("/admin/guests");
  await page.getByRole("searchbox", { name: "Email address" }).fill(email.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: email, exact: true }).click();
  await expectFullProfile(page, email, venue.name, "UTC");
  // Read-only but for erasure (docs/RIGHTS.md, e2e/admin/erasure.spec.ts): no other form,
  // button or input anywhere in the page body (sign-out lives in the header).
  const main = page.getByRole("main");
  await expect(main.getByRole("form", { name: "Erase this guest" })).toBeVisible();
  const erasureForm = 'form[aria-label="Erase this guest"]';
  await expect(main.locator(`:is(form, button, input, select, textarea):not(${erasureForm}):not(${erasureForm} *)`)).toHaveCount(0);
  await snap(page, "guest-profile-legal");
  await context.close();
});

test("a search with no match says so, and an unknown guest id is a 404", async ({ page, signInAs, snap }) => {
  await signInAs(page, "MARKETER");
  await page.goto("/admin/guests?q=%25_nobody-at-all%25");
  await expect(page.getByText("No guest matches this search")).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Email address" })).toHaveValue("%_nobody-at-all%");

  for (const id of ["0190f3c4-0000-7000-8000-000000000000", "not-a-guest-id"]) {
    const response = await page.goto(`/admin/guests/${id}`);
    expect(response?.status(), `/admin/guests/${id}`).toBe(404);
    await expect(page.getByRole("heading", { name: "Guest not found" })).toBeVisible();
  }
  await snap(page, "guest-not-found");
});

test("an admin ends a guest's network access from the profile; it shows as ended", async ({ page, browser, db, signInAs, uniqueEmail }) => {
  const email = uniqueEmail("leaving");
  const fixture = await createVenueFixture(db, { locales: ["en"] });
  await connectThroughPortal(browser, fixture.venue.slug, email);
  const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email } });

  await signInAs(page, "ADMIN");
  await page.goto(`/admin/guests/${guest.id}`);
  const visits = page.getByRole("region", { name: "Visits" });
  await expect(visits.getByText(/^Online until/)).toBeVisible();
  await visits.getByRole("button", { name: "End access" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Access ended in Portico." })).toBeVisible();
  await expect.poll(async () => (await db.accessSession.findFirstOrThrow({ where: { visit: { guestId: guest.id } } })).status).toBe("ENDED");
  await expect(visits.getByText("Ended (staff)")).toBeVisible();
  await expect(visits.getByRole("button", { name: "End access" })).toHaveCount(0);
});
