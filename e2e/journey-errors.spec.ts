// What a guest sees when something is wrong, and proof that nothing was written.
import { randomUUID } from "node:crypto";

import { expect, test } from "./support/fixtures";
import {
  connect,
  countPosts,
  en,
  expectNothingStoredFor,
  loadJourney,
  openEmailLogin,
  submitEmail,
  waitForHydration,
} from "./support/journey";

test.describe("JavaScript on", () => {
  test("a bad email is flagged inline before anything is sent, and nothing is stored", async ({ page, db, snap }) => {
    const token = await openEmailLogin(page);
    await waitForHydration(page);
    const posts = countPosts(page);

    await page.getByLabel(en.email).fill("not-an-email");
    await page.getByRole("button", { name: en.continue }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.emailInvalid);
    await expect(page.getByLabel(en.email)).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/p\/demo\/login\?/);
    await snap(page, "login-email-error-inline");
    expect(posts.count).toBe(0);

    const journey = await loadJourney(db, token);
    expect(journey.status).toBe("STARTED");
    expect(journey.identity).toBeNull();
    expect(journey.events.map((e) => e.type)).toEqual(["journey.started"]);
  });

  test("connecting without the terms tick is flagged inline and nothing is stored", async ({ page, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("no-terms-js");
    const token = await openEmailLogin(page);
    await waitForHydration(page);
    await submitEmail(page, email);
    await waitForHydration(page);
    const posts = countPosts(page);

    await page.getByRole("checkbox", { name: en.marketing }).check();
    await page.getByRole("button", { name: en.connect }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.termsRequired);
    await expect(page).toHaveURL(/\/p\/demo\/consent\?/);
    await snap(page, "consent-terms-error-inline");
    expect(posts.count).toBe(0);
    await expectNothingStoredFor(db, token, email);
  });

  test("a forged sponsor id is refused with a message and nothing is stored", async ({ page, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("forged");
    const token = await openEmailLogin(page);
    await waitForHydration(page);
    await submitEmail(page, email);
    await waitForHydration(page);

    // A purpose the venue never offered, as a tampered form would send it.
    await page.evaluate((forged) => {
      const input = Object.assign(document.createElement("input"), { type: "hidden", name: "granted", value: forged });
      document.querySelector("main form")!.append(input);
    }, randomUUID());
    await page.getByRole("checkbox", { name: en.terms }).check();
    await page.getByRole("button", { name: en.connect }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.submissionInvalid);
    await expect(page).toHaveURL(/\/p\/demo\/consent\?/);
    await snap(page, "consent-forged-sponsor");
    await expectNothingStoredFor(db, token, email);
    expect((await loadJourney(db, token)).status).toBe("IDENTIFIED");
  });

  test("submitting consent again from a stale page does not count the visit twice", async ({ page, context, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("replay-js");
    const token = await openEmailLogin(page);
    await waitForHydration(page);
    await submitEmail(page, email);

    // The same consent page open twice (a second tab, or the page kept from before going back).
    const stale = await context.newPage();
    await stale.goto(page.url());
    await waitForHydration(stale);
    await stale.getByRole("checkbox", { name: en.terms }).check();

    await waitForHydration(page);
    await connect(page);
    await stale.getByRole("button", { name: en.connect }).click();
    await expect(stale).toHaveURL(/\/p\/demo\/success\?/);
    await snap(stale, "success-after-replay");

    await page.goBack();
    await expect(page).toHaveURL(/\/p\/demo\/(consent|success)\?/);
    if (/\/consent\?/.test(page.url()) && (await page.getByRole("button", { name: en.connect }).isVisible())) {
      await page.getByRole("checkbox", { name: en.terms }).check();
      await page.getByRole("button", { name: en.connect }).click();
      await expect(page).toHaveURL(/\/p\/demo\/success\?/);
    }

    const journey = await loadJourney(db, token);
    expect(journey.guest!.visitCount).toBe(1);
    expect(await db.visit.count({ where: { guestId: journey.guestId! } })).toBe(1);
    expect(journey.consentRecords).toHaveLength(4);
    expect(journey.events.filter((e) => e.type === "visit.started")).toHaveLength(1);
    expect(journey.events.filter((e) => e.type === "consent.recorded")).toHaveLength(1);
  });
});

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a bad email comes back from the server with an error, and nothing is stored", async ({ page, db, snap }) => {
    const token = await openEmailLogin(page);
    await page.getByLabel(en.email).fill("not-an-email");
    await page.getByRole("button", { name: en.continue }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.emailInvalid);
    await expect(page.getByLabel(en.email)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(en.email)).toHaveValue("not-an-email");
    await expect(page).toHaveURL(/\/p\/demo\/login\?/);
    await snap(page, "login-email-error-server");

    const journey = await loadJourney(db, token);
    expect(journey.status).toBe("STARTED");
    expect(journey.identity).toBeNull();
    expect(journey.events.map((e) => e.type)).toEqual(["journey.started"]);
  });

  test("connecting without the terms tick comes back with an error, and nothing is stored", async ({ page, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("no-terms-nojs");
    const token = await openEmailLogin(page);
    await submitEmail(page, email);
    await page.getByRole("checkbox", { name: en.acme }).check();
    await page.getByRole("button", { name: en.connect }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.termsRequired);
    await expect(page).toHaveURL(/\/p\/demo\/consent\?/);
    await snap(page, "consent-terms-error-server");
    await expectNothingStoredFor(db, token, email);
  });

  test("posting a stale consent form again does not count the visit twice", async ({ page, context, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("replay-nojs");
    const token = await openEmailLogin(page);
    await submitEmail(page, email);

    const stale = await context.newPage();
    await stale.goto(page.url());
    await stale.getByRole("checkbox", { name: en.terms }).check();

    await connect(page, [en.acme]);
    await stale.getByRole("button", { name: en.connect }).click();
    await expect(stale).toHaveURL(/\/p\/demo\/success\?/);
    await snap(stale, "success-after-replay");

    const journey = await loadJourney(db, token);
    expect(journey.guest!.visitCount).toBe(1);
    expect(await db.visit.count({ where: { guestId: journey.guestId! } })).toBe(1);
    // The first submit's choices stand: the replay neither adds records nor changes them.
    expect(journey.consentRecords).toHaveLength(4);
    expect(journey.consentRecords.find((r) => r.purpose.key === "sponsor:acme-coffee")!.granted).toBe(true);
    expect(journey.events.filter((e) => e.type === "visit.started")).toHaveLength(1);
  });
});

test("an unknown venue is a 404 with a friendly message", async ({ page, snap }) => {
  const response = await page.goto("/p/no-such-venue?client_mac=AA-BB-CC-DD-EE-01");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Portal not found" })).toBeVisible();
  await expect(page.getByText("We couldn't find this WiFi portal. Check the network name, or ask staff for help.")).toBeVisible();
  await snap(page, "venue-not-found");
});

test("a made-up journey link explains itself and offers to start again", async ({ page, snap }) => {
  const response = await page.goto("/p/demo/consent?j=this-is-not-a-real-journey-token-000000");
  expect(response?.status()).toBeLessThan(500);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This page link is not valid. Please start again.");
  await expect(page.getByRole("link", { name: "Start again" })).toHaveAttribute("href", "/p/demo");
  await snap(page, "journey-not-found");
});
