// Data out, as an admin sets it up and watches it: HubSpot and Mailchimp (their local contract
// servers, both throttling) and a sponsor's webhook (a Standard Webhooks receiver) connected in
// the staff area, a burst of guests consenting through the portal, the worker in the app
// delivering each consented guest once, the health page and the guest's profile showing where
// the data went, and nothing for a guest who ticked nothing.
import { randomBytes } from "node:crypto";

import type { Page } from "@playwright/test";

import { hubspotContractToken, hubspotUpsertPath, startHubspotContract, type HubspotContract } from "@/tests/support/contracts/hubspot";
import { defaultListId, startMailchimpContract, type MailchimpContract } from "@/tests/support/contracts/mailchimp";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/contracts/webhook-receiver";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { connectThroughPortal } from "../support/portal-guest";
import { expect, test } from "../support/staff";

let hubspot: HubspotContract;
let mailchimp: MailchimpContract;
let receiver: WebhookReceiver;
/** A `whsec_` secret as the Standard Webhooks spec shapes it (the connector's own generator is server code). */
const signingSecret = `whsec_${randomBytes(32).toString("base64")}`;

test.beforeAll(async () => {
  // Tight limits, so the burst below meets them: HubSpot's headers say when its window is
  // spent, Mailchimp just answers 429.
  hubspot = await startHubspotContract({ rateLimit: { max: 3, intervalMs: 5_000 } });
  mailchimp = await startMailchimpContract({ lists: { [defaultListId]: { name: "Harbour news", doubleOptIn: true } }, rateLimit: { calls: 2, windowMs: 4_000 } });
  receiver = await startWebhookReceiver({ secrets: [signingSecret] });
});
test.afterAll(async () => {
  await hubspot?.close();
  await mailchimp?.close();
  await receiver?.close();
});

async function connectVendor(page: Page, venueId: string, vendor: string, fill: () => Promise<void>) {
  await page.goto(`/admin/venues/${venueId}`);
  await page.getByRole("link", { name: "Connect a system" }).click();
  await page.getByRole("link", { name: vendor }).click();
  await fill();
  await page.getByRole("button", { name: /^Connect / }).click();
}

test("an admin connects HubSpot, Mailchimp and a sponsor's webhook; a burst of guests reaches them once within HubSpot's window, the health page and profile show it, and a guest who ticked nothing goes nowhere", async ({ page, browser, db, signInAs, uniqueEmail, snap }) => {
  test.setTimeout(150_000);
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

  await connectVendor(page, venue.id, "Mailchimp", async () => {
    await page.getByLabel("Name", { exact: true }).fill("Harbour newsletter");
    await page.getByLabel("Consent it needs").selectOption({ label: "Marketing (the venue's own tools)" });
    await page.getByLabel("Batch window (seconds)").fill("0");
    await page.getByLabel("List ID").fill(defaultListId);
    await page.getByLabel("Base URL").fill(mailchimp.baseUrl);
    await page.getByLabel("API key").fill(mailchimp.apiKey);
  });
  await expect(page.getByText("Connected. Test the connection below")).toBeVisible();
  await page.getByRole("button", { name: "Test the connection" }).click();
  await expect(page.getByText(/^The connection works/)).toBeVisible();

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
  const nothing = uniqueEmail("nothing");
  const burst = Array.from({ length: 8 }, (_, n) => uniqueEmail(`burst${n}`));
  const marketing = /News and offers from|marketing/i;
  await connectThroughPortal(browser, venue.slug, both, [marketing, /Acme Coffee|sponsor/i]);
  await connectThroughPortal(browser, venue.slug, nothing);
  // The burst: guests a few at a time, as at a venue's doors.
  for (let n = 0; n < burst.length; n += 4) {
    await Promise.all(burst.slice(n, n + 4).map((email) => connectThroughPortal(browser, venue.slug, email, [marketing])));
  }
  const consented = [both, ...burst].sort();

  // The worker in the app delivers them in the background, waiting whenever a vendor says so.
  await expect.poll(() => hubspot.contacts().map((c) => c.properties.email).sort(), { timeout: 60_000 }).toEqual(consented);
  await expect.poll(() => mailchimp.members(defaultListId).map((m) => m.email_address).sort(), { timeout: 60_000 }).toEqual(consented);
  await expect.poll(() => receiver.messages.map((m) => m.payload.data.email), { timeout: 30_000 }).toEqual([both]);
  expect(hubspot.contacts().every((c) => c.writes === 1)).toBe(true);
  expect(receiver.duplicates).toEqual([]);
  // Portico kept within HubSpot's window (it reads the rate-limit headers and waits rather than
  // calling into a 429). Whether the window actually runs out depends on how the burst's batches
  // fall on a loaded machine (a slow burst is sent in fewer, larger batches), so it is not
  // asserted here; waiting out a spent window, and Mailchimp's 429s, are proven deterministically
  // in tests/delivery/hubspot.test.ts, faults.test.ts and mailchimp.test.ts.
  const upserts = hubspot.callsTo(hubspotUpsertPath);
  expect(upserts.length).toBeGreaterThan(0);
  expect(upserts.filter((call) => call.status === 429)).toEqual([]);

  await page.goto("/admin/delivery");
  const hubspotRow = page.getByRole("row").filter({ hasText: "Harbour HubSpot" });
  await expect(hubspotRow.locator('[data-figure="delivered"]')).toHaveText(String(consented.length));
  await expect(hubspotRow.locator('[data-figure="pending"]')).toContainText("0");
  const mailchimpRow = page.getByRole("row").filter({ hasText: "Harbour newsletter" });
  await expect(mailchimpRow.locator('[data-figure="delivered"]')).toHaveText(String(consented.length));
  await expect(mailchimpRow.locator('[data-figure="pending"]')).toContainText("0");
  const webhookRow = page.getByRole("row").filter({ hasText: "Acme webhook" });
  await expect(webhookRow.locator('[data-figure="delivered"]')).toHaveText("1");
  await snap(page, "delivery-health");

  const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: both } });
  await page.goto(`/admin/guests/${guest.id}`);
  const went = page.getByRole("region", { name: "Where their data went" });
  await expect(went.getByRole("row").filter({ hasText: "Harbour HubSpot" })).toContainText("Delivered");
  await expect(went.getByRole("row").filter({ hasText: "Harbour newsletter" })).toContainText("Delivered");
  await expect(went.getByRole("row").filter({ hasText: "Acme webhook" })).toContainText("Delivered");
  await snap(page, "guest-deliveries");

  const none = await db.guest.findUniqueOrThrow({ where: { emailNormalized: nothing } });
  await page.goto(`/admin/guests/${none.id}`);
  await expect(page.getByRole("region", { name: "Where their data went" }).getByText("Sent nowhere")).toBeVisible();
});
