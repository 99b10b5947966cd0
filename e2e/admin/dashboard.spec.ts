// The analytics dashboard by role: every staff role sees it; the venue, date and zone filters
// change the numbers; each chart has its table and CSV; the weekly summary and the sponsor
// report render; axe finds nothing on any of them. Data is written by the real journey
// (connectGuest) and folded by the rollup job's own function.
import type { Page } from "@playwright/test";

import { foldEvents } from "@/lib/analytics/fold-events";
import type { Db } from "@/lib/db/client";
import { connectGuest } from "@/tests/guests/connect-guest";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expectNoAxeViolations } from "../support/axe";
import { expect, test } from "../support/staff";

/** Folds until no committed event is left behind the watermark (the app's own job may be folding too). */
async function foldAll(db: Db): Promise<void> {
  await expect
    .poll(
      async () => {
        await foldEvents(db);
        const [row] = await db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM event, analytics_watermark w WHERE w.id = 'events' AND (event.tx_id, event.id) > (w.tx_id, w.event_id)`;
        return row!.n;
      },
      { timeout: 30_000 },
    )
    .toBe(0);
}

const stat = (page: Page, label: string) => page.locator(`dd[data-stat="${label}"]`);

test("every staff role sees the dashboard; filters change the numbers; charts carry tables and CSV; axe passes", async ({ page, browser, db, signInAs, uniqueEmail, snap }) => {
  // Three roles, four journeys, nine page loads and three axe runs: past the default 30 s on two shared cores.
  test.setTimeout(120_000);
  const { venue } = await createVenueFixture(db, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
  const returning = uniqueEmail("dash-returning");
  // Three visits in the Lobby (the fixture's access point), then the access point moves to the Terrace for a fourth.
  await connectGuest(db, venue.slug, returning, { grant: ["marketing"], at: new Date("2026-11-02T10:00:00Z") });
  await connectGuest(db, venue.slug, uniqueEmail("dash-once"), { at: new Date("2026-11-03T11:00:00Z") });
  await connectGuest(db, venue.slug, returning, { grant: ["marketing", "sponsor:acme"], at: new Date("2026-11-20T18:00:00Z") });
  const terrace = await db.zone.create({ data: { venueId: venue.id, slug: "terrace", name: "Terrace" } });
  await db.accessPoint.updateMany({ where: { venueId: venue.id }, data: { zoneId: terrace.id } });
  await connectGuest(db, venue.slug, uniqueEmail("dash-terrace"), { grant: ["sponsor:acme"], at: new Date("2026-11-21T09:00:00Z") });
  await foldAll(db);
  const url = `/admin/dashboard?venue=${venue.id}&from=2026-11-01&to=2026-11-30&granularity=day`;

  for (const role of ["MARKETER", "LEGAL"] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signInAs(other, role);
    await other.goto("/admin");
    await other.getByRole("navigation", { name: "Staff sections" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(other.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await other.goto(url);
    await expect(stat(other, "Visits"), `${role} sees the venue's visits`).toHaveText("4");
    await context.close();
  }

  await signInAs(page, "ADMIN");
  await page.goto(url);
  await expect(page.getByRole("heading", { name: `Dashboard: ${venue.name}`, level: 1 })).toBeVisible();
  await expect(stat(page, "Visits")).toHaveText("4");
  await expect(stat(page, "Unique guests")).toHaveText("3");
  await expect(stat(page, "New guests")).toHaveText("3");
  await expect(stat(page, "Returning guests")).toHaveText("1");
  await expect(stat(page, "Marketing opt-in")).toHaveText("50.0%");
  await snap(page, "dashboard");

  // Every chart is an SVG with a name and a table of the same numbers beside it.
  const charts = page.locator("figure svg[role=img]");
  expect(await charts.count()).toBeGreaterThanOrEqual(9);
  await expect(page.locator("details[data-chart-table]")).toHaveCount(await page.locator("figure").count());
  const series = page.locator("figure").filter({ has: page.locator("#series-summary") });
  await series.getByText("The figures as a table").click();
  await expect(series.getByRole("row", { name: /2026-11-02 00:00 1 1 1 0/ })).toBeVisible();
  await expect(series.getByRole("row", { name: /2026-11-20 00:00 1 1 0 1/ })).toBeVisible();
  const zones = page.locator("figure").filter({ has: page.locator("#zones-summary") });
  await zones.getByText("The figures as a table").click();
  await expect(zones.getByRole("row", { name: "Lobby 3" })).toBeVisible();
  await expect(zones.getByRole("row", { name: "Terrace 1" })).toBeVisible();
  await expectNoAxeViolations(page, "the dashboard");

  // The CSV of a chart holds the same rows.
  const csvHref = (await page.getByRole("link", { name: "Download CSV of top zones" }).getAttribute("href"))!;
  const csv = await page.request.get(csvHref);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toBe("Zone,Visits\r\nLobby,3\r\nTerrace,1\r\n");

  // The filters: a shorter range, then one zone.
  const filters = page.getByRole("form", { name: "Dashboard filters" });
  await filters.getByLabel("From").fill("2026-11-15");
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/from=2026-11-15/);
  await expect(stat(page, "Visits")).toHaveText("2");
  await expect(stat(page, "Unique guests")).toHaveText("2");
  await filters.getByLabel("Zone").selectOption({ label: "Terrace" });
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(stat(page, "Visits")).toHaveText("1");
  await filters.getByLabel("Per").selectOption("hour");
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { name: "Visits and unique guests per hour" })).toBeVisible();
  await expect(stat(page, "Visits")).toHaveText("1");
  // A range too long for hours is refused with a message by the field, not a crash.
  await page.goto(`/admin/dashboard?venue=${venue.id}&from=2026-01-01&to=2026-11-30&granularity=hour`);
  await expect(page.getByText(/Hour by hour covers at most 31 days/)).toBeVisible();

  // The printable weekly summary and the sponsor report.
  await page.goto(url);
  await page.getByRole("link", { name: "Printable weekly summary" }).click();
  await expect(page).toHaveURL(/\/admin\/dashboard\/weekly\?venue=/);
  await page.goto(`/admin/dashboard/weekly?venue=${venue.id}&to=2026-11-20`);
  await expect(page.getByRole("heading", { name: `${venue.name}: week of 2026-11-16`, level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: /Visits 2 0 new/ })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Staff sections" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await expectNoAxeViolations(page, "the weekly summary");
  await page.goto(`/admin/dashboard/sponsors?venue=${venue.id}&from=2026-11-01&to=2026-11-30`);
  await expect(page.locator('[data-sponsor-total="sponsor:acme"]')).toHaveText("Box shown 4 times; 2 opt-ins (50.0%).");
  await expectNoAxeViolations(page, "the sponsor report");
});

test("CSV downloads need a signed-in staff member", async ({ browser }) => {
  const anonymous = await browser.newContext();
  const response = await anonymous.request.get("/admin/dashboard/export?chart=totals", { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers()["location"]).toMatch(/^\/admin\/sign-in\?callbackUrl=/);
  await anonymous.close();
});
