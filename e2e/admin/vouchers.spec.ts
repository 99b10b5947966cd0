// The front desk's access codes: a batch made on the staff page, its sheet downloaded once as
// a PDF whose text the test reads, one of its codes redeemed on a phone; roles without the
// permission are refused by the server, not only by a hidden link.
import { readFile } from "node:fs/promises";

import { formatWallClock, fromWallClock, toWallClock } from "@/lib/time/wall-clock";
import { createVenueFixture } from "@/tests/support/venue-fixture";
import { voucherCodesOf, pdfText } from "@/tests/support/pdf-text";

import { expectNoAxeViolations } from "../support/axe";
import { expect, test } from "../support/staff";

test("the front desk creates a batch, downloads its sheet once, and a guest redeems a code from it", async ({ page, signInAs, db, browser, baseURL }) => {
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  await signInAs(page, "FRONT_DESK");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/vouchers$/);
  await expect(page.getByRole("heading", { name: "Access codes", level: 1 })).toBeVisible();

  await page.getByRole("form", { name: `Access codes at ${venue.name}` }).getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("form", { name: `Access codes at ${venue.name}` }).getByRole("button", { name: "Turn off" })).toBeVisible();
  expect((await db.venue.findUniqueOrThrow({ where: { id: venue.id } })).vouchersEnabled).toBe(true);

  const form = page.getByRole("form", { name: "Create a voucher batch" });
  // The shared schema refuses inline, before any round trip.
  await form.getByRole("button", { name: "Create batch" }).click();
  await expect(form.getByText("Give the batch a label")).toBeVisible();
  const label = `Conference ${Date.now()}`;
  await form.getByLabel("Venue").selectOption({ label: venue.name });
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("Number of codes").fill("4");
  await form.getByLabel("Minutes online per code").fill("180");
  await form.getByLabel("Data allowance in MB (optional)").fill("750");
  await form.getByLabel("Devices per code").fill("1");
  // 18:00 on the venue's clock a month from now (tests/vouchers covers zones other than the fixture's).
  const expiry = `${toWallClock(new Date(Date.now() + 30 * 86_400_000), venue.timezone).slice(0, 10)}T18:00`;
  const printedExpiry = `${formatWallClock(fromWallClock(expiry, venue.timezone)!, venue.timezone)} (${venue.timezone})`;
  expect(printedExpiry).toMatch(/^\d{1,2} \w{3} \d{4}, 18:00 \(/);
  await form.getByLabel("Codes stop working at").fill(expiry);
  await form.getByRole("button", { name: "Create batch" }).click();
  await expect(form.getByRole("status")).toContainText("Created 4 codes");
  await expectNoAxeViolations(page, "the access codes page");

  const row = page.locator(`tr[data-voucher-batch="${label}"]`);
  await expect(row).toContainText("0 redeemed · 4 unused");
  await expect(row).toContainText(`until ${printedExpiry}`);
  const download = page.waitForEvent("download");
  await row.getByRole("button", { name: "Download sheet (once)" }).click();
  const pdf = new Uint8Array(await readFile((await (await download).path())!));
  const codes = await voucherCodesOf(pdf);
  expect(codes).toHaveLength(4);
  expect((await pdfText(pdf)).join("\n")).toContain("3 hours online - 750 MB - up to 1 device");
  expect((await pdfText(pdf)).join("\n")).toContain(`Valid until ${printedExpiry}`);
  const batch = await db.voucherBatch.findFirstOrThrow({ where: { label } });
  expect(batch.sealedCodes).toBeNull();
  // Once only: the button is gone, and posting again is refused.
  await page.reload();
  await expect(row.getByRole("button", { name: "Download sheet (once)" })).toHaveCount(0);
  const again = await page.request.post(`/admin/vouchers/${batch.id}/sheet`, { headers: { origin: baseURL! }, maxRedirects: 0 });
  expect(again.status()).toBe(409);

  const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true });
  const guest = await phone.newPage();
  await guest.goto(`/p/${venue.slug}?client_mac=da:a1:19:00:aa:01`);
  await guest.getByRole("link", { name: "I have an access code" }).click();
  await guest.getByLabel("Access code").fill(codes[2]!);
  await guest.getByRole("button", { name: "Continue" }).click();
  await expect(guest.getByRole("heading", { name: "Before you connect" })).toBeVisible();
  await phone.close();

  await page.reload();
  await expect(row).toContainText("1 redeemed · 3 unused");
  const audit = await db.auditEntry.findMany({ where: { entityId: batch.id } });
  expect(audit.map((a) => a.action).sort()).toEqual(["voucherBatch.create", "voucherBatch.print"]);
});

test("roles without vouchers.manage are refused the page and the sheet, and the front desk nothing else", async ({ page, signInAs, db, browser, baseURL }) => {
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const batch = await db.voucherBatch.create({
    data: { venueId: venue.id, label: "refused", codeLength: 8, codeCount: 0, accessMinutes: 60, maxDevices: 1, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  await signInAs(page, "MARKETER");
  const response = await page.request.get("/admin/vouchers", { maxRedirects: 0 });
  expect(response.status()).toBe(403);
  const sheet = await page.request.post(`/admin/vouchers/${batch.id}/sheet`, { headers: { origin: baseURL! }, maxRedirects: 0 });
  expect(sheet.status()).toBe(403);
  expect(await sheet.text()).toContain("Only the front desk and admins");

  const desk = await browser.newContext({ baseURL });
  const deskPage = await desk.newPage();
  await signInAs(deskPage, "FRONT_DESK");
  for (const path of ["/admin/guests", "/admin/venues", "/admin/audit", "/admin/api-keys"]) {
    expect((await deskPage.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
  }
  await desk.close();
});
