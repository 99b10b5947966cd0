// A guest on their own browser connecting through a venue's portal: staff specs use it to
// create guests the way guests really arrive.
import type { Browser } from "@playwright/test";

import { expect } from "./fixtures";

const gateway = { client_mac: "AA-BB-CC-DD-EE-01", client_ip: "10.0.0.5", ap_mac: "00:11:22:33:44:55", url: "https://example.com/" };

/** Connects `email` through the venue's portal, ticking the terms and the boxes matching `tick`. */
export async function connectThroughPortal(browser: Browser, venueSlug: string, email: string, tick: RegExp[] = []): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`/p/${venueSlug}?${new URLSearchParams(gateway).toString()}`);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Get online with my email" }).click();
    await expect(page.getByRole("heading", { name: "Before you connect" })).toBeVisible();
    await page.getByRole("checkbox", { name: "I accept the terms of use" }).check();
    for (const label of tick) await page.getByRole("checkbox", { name: label }).check();
    await page.getByRole("button", { name: "Connect" }).click();
    await expect(page.getByRole("heading", { name: "You're online" })).toBeVisible();
  } finally {
    await context.close();
  }
}
