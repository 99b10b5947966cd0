// BI exports in the staff area: an admin backfills a venue's day, the list shows its files with
// rows, size and sha256, a download link gives exactly those bytes, and a tampered or expired
// link is refused. Marketers see and download but cannot run; legal does not see exports.
import { createHash } from "node:crypto";

import { deriveKeys } from "@/lib/crypto/derived-keys";
import { secretKey } from "@/lib/crypto/secret-box";
import { downloadLinkPurpose, signDownloadLink } from "@/lib/exports/download-link";
import { connectGuest } from "@/tests/guests/connect-guest";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { runSecretKey } from "../support/fixtures";
import { expect, test } from "../support/staff";

const day = "2026-11-10";

test("an admin backfills a day; its files are listed and download through signed links, and a tampered or expired link is refused", async ({ page, browser, db, signInAs, uniqueEmail, snap }) => {
  const { venue } = await createVenueFixture(db, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
  await connectGuest(db, venue.slug, uniqueEmail("export"), { grant: ["marketing"], at: new Date(`${day}T12:00:00Z`) });

  await signInAs(page, "ADMIN");
  await page.goto(`/admin/exports?venue=${venue.slug}`);
  await expect(page.getByRole("heading", { name: "Exports", level: 1 })).toBeVisible();
  await expect(page.getByText("Nothing exported yet")).toBeVisible();
  const run = page.getByRole("form", { name: "Run or backfill exports" });
  await run.getByLabel("First day").fill(day);
  await run.getByLabel("Last day").fill(day);
  await run.getByRole("button", { name: "Export these days" }).click();
  await expect(page.getByText("Exported 1 day.")).toBeVisible();

  const row = page.locator(`tr[data-export-day="${day}"]`);
  await expect(row.getByText("Done")).toBeVisible();
  await row.getByText(/\d+ files/).click();
  const guests = row.locator('li[data-export-file="guests.csv.gz"]');
  await expect(guests).toContainText("1 row ·");
  await snap(page, "exports-list");
  const listed = (await guests.locator("span").textContent())!.replace("sha256 ", "").trim();
  const href = (await guests.getByRole("link", { name: "guests.csv.gz" }).getAttribute("href"))!;
  expect(href).toMatch(new RegExp(`^/exports/${venue.slug}/${day}/guests\\.csv\\.gz\\?expires=\\d+&signature=[A-Za-z0-9_-]{43}$`));

  // The link is the permission: it works without a staff session.
  const anonymous = await browser.newContext();
  const download = await anonymous.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/gzip");
  expect(download.headers()["content-disposition"]).toBe(`attachment; filename="${venue.slug}-${day}-guests.csv.gz"`);
  expect(createHash("sha256").update(await download.body()).digest("hex")).toBe(listed);

  // Tampered: another file under the same signature, or a changed signature or expiry.
  const tampered = [
    href.replace("guests.csv.gz", "list.marketing.csv.gz"),
    href.replace(/signature=(.)/, (_m, c: string) => `signature=${c === "A" ? "B" : "A"}`),
    href.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 86_400}`),
    href.split("?")[0]!,
  ];
  for (const link of tampered) {
    const refused = await anonymous.request.get(link);
    expect({ link, status: refused.status() }).toEqual({ link, status: 403 });
    expect(await refused.text()).toBe("This download link is not valid.");
  }
  // Expired: correctly signed with this run's key, but a minute ago.
  const keys = deriveKeys({ current: secretKey(runSecretKey()) }, downloadLinkPurpose);
  const expired = await anonymous.request.get(signDownloadLink(keys, { venueSlug: venue.slug, day, file: "guests.csv.gz" }, new Date(Date.now() - 60_000)));
  expect(expired.status()).toBe(410);
  // A good signature for a file no export holds.
  const missing = await anonymous.request.get(signDownloadLink(keys, { venueSlug: venue.slug, day: "2026-11-09", file: "guests.csv.gz" }, new Date(Date.now() + 60_000)));
  expect(missing.status()).toBe(404);
  await anonymous.close();

  // A marketer sees the same list and links, without the run form; legal does not see exports.
  const marketerPage = await browser.newPage();
  await signInAs(marketerPage, "MARKETER");
  await marketerPage.goto(`/admin/exports?venue=${venue.slug}`);
  await expect(marketerPage.locator(`tr[data-export-day="${day}"]`)).toBeVisible();
  await expect(marketerPage.getByRole("form", { name: "Run or backfill exports" })).toHaveCount(0);
  await marketerPage.close();
  const legalPage = await browser.newPage();
  await signInAs(legalPage, "LEGAL");
  const forbidden = await legalPage.goto("/admin/exports");
  expect(forbidden?.status()).toBe(403);
  await expect(legalPage.getByRole("link", { name: "Exports" })).toHaveCount(0);
  await legalPage.close();
});
