// What a guest sees when something is wrong, and proof that nothing was written.
import { randomUUID } from "node:crypto";

import { expect, test } from "./support/fixtures";
import {
  connect,
  consentPath,
  countPosts,
  en,
  expectNothingStoredFor,
  journeyCount,
  loadJourney,
  openSplash,
  reachConsent,
  tokenOf,
  waitForEnhancement,
} from "./support/journey";

test.describe("JavaScript on", () => {
  test("a bad email is flagged inline before anything is sent, and nothing is stored", async ({ page, db, snap }) => {
    await openSplash(page);
    await waitForEnhancement(page);
    const before = await journeyCount(db);
    const posts = countPosts(page);

    await page.getByLabel(en.email).fill("not-an-email");
    await page.getByRole("button", { name: en.emailButton }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.emailInvalid);
    await expect(page.getByLabel(en.email)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(en.email)).toBeFocused();
    await snap(page, "splash-email-error-inline");
    expect(posts.count).toBe(0);
    expect(await journeyCount(db)).toBe(before);

    // Correcting the address clears the message as the guest types.
    await page.getByLabel(en.email).fill("guest@example.com");
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
    await expect(page.getByLabel(en.email)).not.toHaveAttribute("aria-invalid", "true");
  });

  test("an address the browser accepts but the server's rule does not (no dot in the domain) is flagged inline too", async ({ page }) => {
    await openSplash(page);
    await waitForEnhancement(page);
    const posts = countPosts(page);
    await page.getByLabel(en.email).fill("guest@localhost");
    await page.getByRole("button", { name: en.emailButton }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.emailInvalid);
    expect(posts.count).toBe(0);
  });

  test("connecting without the terms tick is flagged inline and nothing is stored", async ({ page, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("no-terms-js");
    const token = await reachConsent(page, email);
    await waitForEnhancement(page);
    const posts = countPosts(page);

    await page.getByRole("checkbox", { name: en.marketing }).check();
    await page.getByRole("button", { name: en.connect }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.termsRequired);
    await snap(page, "consent-terms-error-inline");
    expect(posts.count).toBe(0);
    await expectNothingStoredFor(db, token, email);
  });

  test("a forged sponsor id is refused with a message and nothing is stored", async ({ page, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("forged");
    const token = await reachConsent(page, email);
    await waitForEnhancement(page);

    // A purpose the venue never offered, as a tampered form would send it.
    await page.evaluate((forged) => {
      const input = Object.assign(document.createElement("input"), { type: "hidden", name: "granted", value: forged });
      document.querySelector("main form")!.append(input);
    }, randomUUID());
    await page.getByRole("checkbox", { name: en.terms }).check();
    await page.getByRole("button", { name: en.connect }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.submissionInvalid);
    await snap(page, "consent-forged-sponsor");
    await expectNothingStoredFor(db, token, email);
    expect((await loadJourney(db, token)).status).toBe("IDENTIFIED");
  });

  test("submitting consent again from a stale page does not count the visit twice", async ({ page, context, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("replay-js");
    const token = await reachConsent(page, email);

    // The same consent page open twice (a second tab, or the page kept from before going back).
    const stale = await context.newPage();
    await stale.goto(consentPath(token));
    await waitForEnhancement(stale);
    await stale.getByRole("checkbox", { name: en.terms }).check();

    await waitForEnhancement(page);
    await connect(page);
    await stale.getByRole("button", { name: en.connect }).click();
    await expect(stale.getByRole("heading", { name: en.successTitle })).toBeVisible();
    await snap(stale, "success-after-replay");

    await page.goBack();
    await expect(page).toHaveURL(/\/p\/demo\/(consent|success)\?/);
    if (/\/consent\?/.test(page.url()) && (await page.getByRole("button", { name: en.connect }).isVisible())) {
      await page.getByRole("checkbox", { name: en.terms }).check();
      await page.getByRole("button", { name: en.connect }).click();
      await expect(page.getByRole("heading", { name: en.successTitle })).toBeVisible();
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
    await openSplash(page);
    const before = await journeyCount(db);
    await page.getByLabel(en.email).fill("not-an-email");
    await page.getByRole("button", { name: en.emailButton }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.emailInvalid);
    await expect(page.getByLabel(en.email)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(en.email)).toHaveValue("not-an-email");
    await snap(page, "splash-email-error-server");
    expect(await journeyCount(db)).toBe(before);

    // The gateway's parameters survived the refused post: the corrected login keeps them.
    await page.getByLabel(en.email).fill("fixed-after-error@example.com");
    await page.getByRole("button", { name: en.emailButton }).click();
    await expect(page.getByRole("heading", { name: en.consentTitle })).toBeVisible();
    const journey = await loadJourney(db, await tokenOf(page));
    expect(journey.clientMac).toBe("aa:bb:cc:dd:ee:01");
  });

  test("connecting without the terms tick comes back with an error, the guest's own ticks kept, and nothing is stored", async ({ page, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("no-terms-nojs");
    const token = await reachConsent(page, email);
    await page.getByRole("checkbox", { name: en.acme }).check();
    await page.getByRole("button", { name: en.connect }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.termsRequired);
    await snap(page, "consent-terms-error-server");
    await expectNothingStoredFor(db, token, email);
    // What the guest ticked is still ticked (their choice, not ours); nothing else is.
    await expect(page.getByRole("checkbox", { name: en.acme })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: en.marketing })).not.toBeChecked();
    await expect(page.getByRole("checkbox", { name: en.northwind })).not.toBeChecked();

    // Fixing only the terms box records the sponsor choice the guest made.
    await page.getByRole("checkbox", { name: en.terms }).check();
    await page.getByRole("button", { name: en.connect }).click();
    await expect(page.getByRole("heading", { name: en.successTitle })).toBeVisible();
    const journey = await loadJourney(db, token);
    expect(journey.consentRecords.find((r) => r.purpose.key === "sponsor:acme-coffee")?.granted).toBe(true);
    expect(journey.consentRecords.find((r) => r.purpose.key === "marketing")?.granted).toBe(false);
  });

  test("posting a stale consent form again does not count the visit twice", async ({ page, context, db, uniqueEmail, snap }) => {
    const email = uniqueEmail("replay-nojs");
    const token = await reachConsent(page, email);

    const stale = await context.newPage();
    await stale.goto(consentPath(token));
    await stale.getByRole("checkbox", { name: en.terms }).check();

    await connect(page, [en.acme]);
    await stale.getByRole("button", { name: en.connect }).click();
    await expect(stale.getByRole("heading", { name: en.successTitle })).toBeVisible();
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
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This page link is not valid. Please start again.");
  await expect(page.getByRole("link", { name: "Start again" })).toHaveAttribute("href", "/p/demo");
  await snap(page, "journey-not-found");
});

test("an expired journey says so and starts again with the gateway's parameters", async ({ page, db, uniqueEmail }) => {
  const token = await reachConsent(page, uniqueEmail("expired"));
  await db.journey.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const response = await page.goto(consentPath(token));
  expect(response?.status()).toBe(410);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This session has expired. Please start again.");
  const restart = new URL((await page.getByRole("link", { name: "Start again" }).getAttribute("href"))!, page.url());
  expect(restart.pathname).toBe("/p/demo");
  expect(restart.searchParams.get("client_mac")).toBe("aa:bb:cc:dd:ee:01");
});

test.describe("forms sent from elsewhere", () => {
  for (const [what, origin] of [
    ["another site", "https://evil.example"],
    ["a null origin", "null"],
    ["another host name for this server", "http://localhost"],
  ] as const) {
    test(`a login from ${what} is refused with 403 and a way to start again, and nothing is stored`, async ({ page, db, baseURL }) => {
      const before = await journeyCount(db);
      const sameHostOtherName = origin === "http://localhost" ? `http://localhost:${new URL(baseURL!).port}` : origin;
      const response = await page.request.post("/p/demo/login", {
        headers: { origin: sameHostOtherName, "content-type": "application/x-www-form-urlencoded" },
        data: "method=email&email=victim%40example.com&gateway=client_mac%3Daa%3Abb%3Acc%3Add%3Aee%3A01",
        maxRedirects: 0,
      });
      expect(response.status()).toBe(403);
      const body = await response.text();
      expect(body).toContain("This form came from another page");
      expect(body).toContain('href="/p/demo"');
      expect(await journeyCount(db)).toBe(before);
    });
  }

  test("a consent post from another site changes nothing", async ({ page, db, uniqueEmail }) => {
    const email = uniqueEmail("csrf-consent");
    const token = await reachConsent(page, email);
    const shown = await page.locator('input[name="shown"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const form = new URLSearchParams({ j: token, termsAccepted: "yes" });
    for (const id of shown) form.append("shown", id);
    const response = await page.request.post("/p/demo/consent", {
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      data: form.toString(),
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    await expectNothingStoredFor(db, token, email);
  });
});
