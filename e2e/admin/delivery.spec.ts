// Data out, as an admin sets it up and watches it: HubSpot (its local contract server) and a
// sponsor's webhook (a Standard Webhooks receiver) connected in the staff area, guests
// consenting through the portal, the worker in the app delivering them, the health page and
// the guest's profile showing where the data went, and nothing for a guest who ticked nothing.
import { randomBytes } from "node:crypto";

import type { Page } from "@playwright/test";

import { hubspotContractToken, startHubspotContract, type HubspotContract } from "@/tests/support/contracts/hubspot";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/contracts/webhook-receiver";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { connectThroughPortal } from "../support/portal-guest";
import { expect, test } from "../support/staff";

let hubspot: HubspotContract;
let receiver: WebhookReceiver;
/** A `whsec_` secret as the Standard Webhooks spec shapes it (the connector's own generator is server code). */
const signingSecret = `whsec_${randomBytes(32).toString("base64")}`;

test.beforeAll(async () => {
  hubspot = await startHubspotContract();
  receiver = await startWebhookReceiver({ secrets: [signingSecret] });
});
test.afterAll(async () => {
  await hubspot?.close();
  await receiver?.close();
});

async function connectVendor(page: Page, venueId: string, vendor: string, fill: () => Promise<void>) {
  await page.goto(`/admin/venues/${venueId}`);
  await page.getByRole("link", { name: "Connect a system" }).click();
  await page.getByRole("link", { name: vendor }).click();
  await fill();
  await page.getByRole("button", { name: /^Connect / }).click();
}

test("an admin connects HubSpot and a sponsor's webhook; consented guests reach them once, the health page and profile show it, and a guest who ticked nothing goes nowhere", async ({ page, browser, db, signInAs, uniqueEmail, snap }) => {
  test.setTimeout(90_000);
  await signInAs(page, "ADMIN");
  const { venue } = await createVenueFixture(db, { locales: ["en"], sponsors: [{ slug: `acme-${randomBytes(2).toString("hex")}`, name: "Acme Coffee" }] });

  await connectVendor(page, venue.id, "HubSpot", async () => {
    await page.getByLabel("Name", { exact: true }).fill("Harbour HubSpot");
    await page.getByLabel("Consent it needs").selectOption({ label: "Marketing (the venue's own tools)" });
    await page.getByLabel("Batch window (seconds)").fill("0");
    await page.getByLabel("Base URL").fill(hubspot.baseUrl);
    await page.getByLabel("Auth").selectOption({ label: "Private app" });
    await page.getByLabel("Access token").fill(hubspotContractToken);
  });
  await expect(page.getByText("Connected. Test the connection below")).toBeVisible();
  await page.getByRole("button", { name: "Test the connection" }).click();
  await expect(page.getByText(/^The connection works/)).toBeVisible();
  // Write-only: the token is nowhere in the page.
  expect(await page.content()).not.toContain(hubspotContractToken);
  await snap(page, "hubspot-connected");

  await connectVendor(page, venue.id, "Webhook (Standard Webhooks)", async () => {
    await page.getByLabel("Name", { exact: true }).fill("Acme webhook");
    await page.getByLabel("Consent it needs").selectOption({ label: "Sponsor: Acme Coffee" });
    await page.getByLabel("Batch window (seconds)").fill("0");
    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByLabel("Payload").selectOption({ label: "Full" });
    await page.getByRole("group", { name: "Signing secrets" }).getByLabel("Entry 1").fill(signingSecret);
  });
  await expect(page.getByText("Connected. Test the connection below")).toBeVisible();

  const both = uniqueEmail("both");
  const marketingOnly = uniqueEmail("marketing");
  const nothing = uniqueEmail("nothing");
  await connectThroughPortal(browser, venue.slug, both, [/News and offers from|marketing/i, /Acme Coffee|sponsor/i]);
  await connectThroughPortal(browser, venue.slug, marketingOnly, [/News and offers from|marketing/i]);
  await connectThroughPortal(browser, venue.slug, nothing);

  // The worker in the app delivers them in the background.
  await expect.poll(() => hubspot.contacts().map((c) => c.properties.email).sort(), { timeout: 30_000 }).toEqual([both, marketingOnly].sort());
  await expect.poll(() => receiver.messages.map((m) => m.payload.data.email), { timeout: 30_000 }).toEqual([both]);
  expect(hubspot.contacts().every((c) => c.writes === 1)).toBe(true);
  expect(receiver.duplicates).toEqual([]);

  await page.goto("/admin/delivery");
  const hubspotRow = page.getByRole("row").filter({ hasText: "Harbour HubSpot" });
  await expect(hubspotRow.locator('[data-figure="delivered"]')).toHaveText("2");
  await expect(hubspotRow.locator('[data-figure="pending"]')).toContainText("0");
  const webhookRow = page.getByRole("row").filter({ hasText: "Acme webhook" });
  await expect(webhookRow.locator('[data-figure="delivered"]')).toHaveText("1");
  await snap(page, "delivery-health");

  const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: both } });
  await page.goto(`/admin/guests/${guest.id}`);
  const went = page.getByRole("region", { name: "Where their data went" });
  await expect(went.getByRole("row").filter({ hasText: "Harbour HubSpot" })).toContainText("Delivered");
  await expect(went.getByRole("row").filter({ hasText: "Acme webhook" })).toContainText("Delivered");
  await snap(page, "guest-deliveries");

  const none = await db.guest.findUniqueOrThrow({ where: { emailNormalized: nothing } });
  await page.goto(`/admin/guests/${none.id}`);
  await expect(page.getByRole("region", { name: "Where their data went" }).getByText("Sent nowhere")).toBeVisible();
});
