// Guests in Hindi and Arabic (right to left), with and without JavaScript, and a guest whose
// phone speaks one language switching the portal to another: the interface, the consent
// wording and the ledger all follow the language the guest reads.
import { demoContent } from "@/lib/demo";
import ar from "@/lib/i18n/messages/ar.json" with { type: "json" };
import de from "@/lib/i18n/messages/de.json" with { type: "json" };
import hi from "@/lib/i18n/messages/hi.json" with { type: "json" };

import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { loadJourney, splashPath, tokenOf, waitForEnhancement } from "./support/journey";

const languages = {
  hi: { browser: "hi-IN", messages: hi, content: demoContent.hi, dir: "ltr" },
  ar: { browser: "ar-EG", messages: ar, content: demoContent.ar, dir: "rtl" },
} as const;

async function publishedWording(db: Parameters<typeof loadJourney>[0], locale: string) {
  return db.consentText.findMany({ where: { locale, status: "PUBLISHED", purpose: { venue: { slug: "demo" } } } });
}

for (const [locale, language] of Object.entries(languages)) {
  const { messages, content } = language;
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`${locale} guest, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      test.use({ locale: language.browser, javaScriptEnabled });

      test(`reads the portal in ${locale} (${language.dir}) and the ledger records the ${locale} wording`, async ({ page, db, uniqueEmail, snap }) => {
        await page.goto(splashPath());
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.locator("html")).toHaveAttribute("dir", language.dir);
        await expect(page.getByRole("heading", { name: content.portal.headline })).toBeVisible();
        await snap(page, `splash-${locale}`);

        if (javaScriptEnabled) await waitForEnhancement(page);
        await page.getByLabel(messages.portal.login.email, { exact: true }).fill("not-an-address");
        await page.getByRole("button", { name: content.portal.emailButtonLabel }).click();
        await expect(page.getByRole("main").getByRole("alert")).toHaveText(messages.portal.errors.emailInvalid);

        await page.getByLabel(messages.portal.login.email, { exact: true }).fill(uniqueEmail(`guest-${locale}`));
        await page.getByRole("button", { name: content.portal.emailButtonLabel }).click();
        await expect(page.getByRole("heading", { name: messages.portal.consent.title })).toBeVisible();
        await expect(page.getByText(content.terms)).toBeVisible();
        const token = await tokenOf(page);
        await snap(page, `consent-${locale}`);

        if (javaScriptEnabled) await waitForEnhancement(page);
        await page.getByRole("checkbox", { name: messages.portal.consent.termsLabel }).check();
        await page.getByRole("checkbox", { name: messages.portal.consent.marketingLabel.replace("{venue}", "Harbour Hotel") }).check();
        await page.getByRole("button", { name: messages.portal.consent.submit }).click();
        await expect(page.getByRole("heading", { name: messages.portal.success.title })).toBeVisible();
        await expect(page.getByText(content.portal.successMessage!)).toBeVisible();
        await snap(page, `success-${locale}`);

        const journey = await loadJourney(db, token);
        expect(journey.locale).toBe(locale);
        expect(journey.guest?.locale).toBe(locale);
        const published = await publishedWording(db, locale);
        expect(published).toHaveLength(4);
        expect(journey.consentRecords).toHaveLength(4);
        for (const record of journey.consentRecords) {
          expect(record.consentTextId).toBe(published.find((text) => text.purposeId === record.purposeId)?.id);
        }
        expect(journey.consentRecords.find((r) => r.purpose.key === "marketing")?.granted).toBe(true);
      });
    });
  }
}

test.describe("right to left", () => {
  test.use({ locale: "ar-EG" });

  test("every Arabic page passes axe's WCAG 2.1 AA checks, errors included, and lays out mirrored", async ({ page, uniqueEmail }) => {
    const { messages, content } = languages.ar;
    await page.goto(splashPath());
    await expectNoAxeViolations(page, "splash (ar)");
    // Mirrored: the card's text starts on the right.
    await expect(page.locator(".card")).toHaveCSS("direction", "rtl");
    await waitForEnhancement(page);
    await page.getByRole("button", { name: content.portal.emailButtonLabel }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(messages.portal.errors.emailRequired);
    await expectNoAxeViolations(page, "splash with an error (ar)");

    await page.getByLabel(messages.portal.login.email, { exact: true }).fill(uniqueEmail("axe-ar"));
    await page.getByRole("button", { name: content.portal.emailButtonLabel }).click();
    await expect(page.getByRole("heading", { name: messages.portal.consent.title })).toBeVisible();
    await expectNoAxeViolations(page, "consent (ar)");
    await waitForEnhancement(page);
    await page.getByRole("button", { name: messages.portal.consent.submit }).click();
    await expect(page.getByText(messages.portal.errors.termsRequired)).toBeVisible();
    await expectNoAxeViolations(page, "consent with an error (ar)");

    await page.getByRole("checkbox", { name: messages.portal.consent.termsLabel }).check();
    await page.getByRole("button", { name: messages.portal.consent.submit }).click();
    await expect(page.getByRole("heading", { name: messages.portal.success.title })).toBeVisible();
    await expectNoAxeViolations(page, "success (ar)");
  });
});

test.describe("the language switcher", () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`an English phone switches to German on the splash and again to Arabic on the consent page (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
      browser,
      db,
      uniqueEmail,
      snap,
    }) => {
      const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled });
      const page = await context.newPage();
      try {
        await page.goto(splashPath());
        const switcher = page.getByRole("navigation", { name: "Language" });
        await expect(switcher.getByRole("link", { name: "English" })).toHaveAttribute("aria-current", "true");
        await switcher.getByRole("link", { name: "Deutsch" }).click();
        await expect(page.locator("html")).toHaveAttribute("lang", "de");
        await expect(page.getByRole("heading", { name: demoContent.de.portal.headline })).toBeVisible();
        // The gateway's parameters ride along with the switch.
        expect(new URL(page.url()).searchParams.get("client_mac")).toBe("AA-BB-CC-DD-EE-01");
        await snap(page, "splash-switched-de");

        await page.getByLabel(de.portal.login.email, { exact: true }).fill(uniqueEmail("switcher"));
        await page.getByRole("button", { name: demoContent.de.portal.emailButtonLabel }).click();
        await expect(page.getByRole("heading", { name: de.portal.consent.title })).toBeVisible();
        const token = await tokenOf(page);
        expect((await loadJourney(db, token)).locale).toBe("de");

        await page.getByRole("navigation", { name: de.portal.language.label }).getByRole("link", { name: "العربية" }).click();
        await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
        await expect(page.getByText(demoContent.ar.terms)).toBeVisible();
        await page.getByRole("checkbox", { name: ar.portal.consent.termsLabel }).check();
        await page.getByRole("button", { name: ar.portal.consent.submit }).click();
        await expect(page.getByRole("heading", { name: ar.portal.success.title })).toBeVisible();

        // The guest agreed to the words they read: the Arabic versions.
        const journey = await loadJourney(db, token);
        expect(journey.locale).toBe("ar");
        const arabic = await publishedWording(db, "ar");
        for (const record of journey.consentRecords) {
          expect(record.consentTextId).toBe(arabic.find((text) => text.purposeId === record.purposeId)?.id);
        }
      } finally {
        await context.close();
      }
    });
  }
});
