// "I have an access code" at a phone's size, JavaScript on and off: the code from the card is
// the login, consent stays its own unticked step, and a wrong or expired code says so and
// opens nothing.
import { randomBytes } from "node:crypto";

import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { connect, en, tokenOf } from "./support/journey";
import { voucherVenue } from "./support/vouchers";

const mac = () => `da:a1:19:${randomBytes(3).toString("hex").match(/../g)!.join(":")}`;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`access codes, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("a guest redeems a code, consents on its own step and is online for the code's minutes", async ({ page, db, snap }) => {
      const { venue, live } = await voucherVenue(db);
      await page.goto(`/p/${venue.slug}?client_mac=${mac()}&url=https://example.com/`);
      await page.getByRole("link", { name: "I have an access code" }).click();
      await expect(page.getByRole("heading", { name: "Enter your access code" })).toBeVisible();
      // axe runs in the page: only where it has JavaScript (the markup is the same without).
      if (javaScriptEnabled) await expectNoAxeViolations(page, "the access-code page");
      await snap(page, "voucher-form");
      await page.getByLabel("Access code").fill(`${live.slice(0, 4)} ${live.slice(4)}`);
      await page.getByRole("button", { name: en.continue }).click();

      await expect(page.getByRole("heading", { name: en.consentTitle })).toBeVisible();
      // Consent is the guest's own decision: nothing is ticked for them.
      for (const box of await page.getByRole("checkbox").all()) await expect(box).not.toBeChecked();
      const token = await tokenOf(page);
      await connect(page);
      await expect(page.getByText(/90 minutes|1.5 hours|1 hour 30/)).toBeVisible();
      await snap(page, "voucher-success");

      const journey = await db.journey.findUniqueOrThrow({ where: { token }, include: { guest: true, accessSession: true } });
      expect(journey).toMatchObject({ loginMethod: "VOUCHER", status: "COMPLETED" });
      expect(journey.guest?.emailNormalized).toBeNull();
      expect(journey.accessSession?.minutes).toBe(90);
    });

    test("a wrong code and an expired code are refused with their own message, and open no journey", async ({ page, db }) => {
      const { venue, live, expired } = await voucherVenue(db);
      const wrong = live === "00000000" ? "11111111" : "00000000";
      await page.goto(`/p/${venue.slug}/voucher?client_mac=${mac()}`);
      await page.getByLabel("Access code").fill(wrong);
      await page.getByRole("button", { name: en.continue }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("That code is not valid here. Check the digits and try again.");
      await page.getByLabel("Access code").fill(expired);
      await page.getByRole("button", { name: en.continue }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("This access code has expired. Please ask the front desk for a new one.");
      if (javaScriptEnabled) await expectNoAxeViolations(page, "a refused access code");
      expect(await db.journey.count({ where: { venueId: venue.id } })).toBe(0);
      const refusals = await db.event.findMany({ where: { venueId: venue.id, type: "voucher.refused" } });
      expect(refusals.map((e) => (e.payload as { reason: string }).reason).sort()).toEqual(["expired", "notFound"]);
    });
  });
}

test("in French, the splash offers the code and the refusal is French", async ({ page, db }) => {
  const { venue } = await voucherVenue(db);
  await page.goto(`/p/${venue.slug}?lang=fr&client_mac=${mac()}`);
  await page.getByRole("link", { name: "J'ai un code d'accès" }).click();
  await page.getByLabel("Code d'accès").fill("12");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Ce code n'est pas valable ici. Vérifiez les chiffres et réessayez.");
});

test("a venue without vouchers offers no code", async ({ page }) => {
  await page.goto("/p/demo");
  await expect(page.getByRole("link", { name: "I have an access code" })).toHaveCount(0);
  await page.goto("/p/demo/voucher");
  await expect(page).toHaveURL(/\/p\/demo$/);
});
