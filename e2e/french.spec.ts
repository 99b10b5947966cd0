// A French-speaking guest: the interface and the consent wording in French, and the ledger
// pointing at the French text versions they read.
import { expect, test } from "./support/fixtures";
import { loadJourney, splashPath, tokenOf, waitForEnhancement } from "./support/journey";

test.use({ locale: "fr-FR" });

const fr = {
  headline: "Bienvenue au Harbour Hotel",
  emailButton: "Continuer avec mon e-mail",
  email: "E-mail",
  emailInvalid: "Saisissez une adresse e-mail comme nom@exemple.fr.",
  consentTitle: "Avant de vous connecter",
  terms: "J'accepte les conditions d'utilisation",
  termsWording: "J'ai lu et j'accepte les conditions d'utilisation du WiFi invités de Harbour Hotel.",
  marketing: "Actualités et offres de Harbour Hotel",
  connect: "Se connecter",
  successTitle: "Vous êtes connecté",
  successMessage: "Vous êtes connecté. Bon séjour !",
};

test("a French browser gets the French interface and wording, and the ledger records the French versions", async ({ page, db, uniqueEmail, snap }) => {
  await page.goto(splashPath());
  await expect(page.getByRole("heading", { name: fr.headline })).toBeVisible();
  await expect(page.locator(".portal")).toHaveAttribute("lang", "fr");
  await snap(page, "splash-fr");

  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await waitForEnhancement(page);
  await page.getByLabel(fr.email, { exact: true }).fill("pas-une-adresse");
  await page.getByRole("button", { name: fr.emailButton }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(fr.emailInvalid);
  await snap(page, "login-fr-error");

  const email = uniqueEmail("francais");
  await page.getByLabel(fr.email, { exact: true }).fill(email);
  await page.getByRole("button", { name: fr.emailButton }).click();
  await expect(page.getByRole("heading", { name: fr.consentTitle })).toBeVisible();
  const token = await tokenOf(page);
  await expect(page.getByText(fr.termsWording)).toBeVisible();
  await expect(page.getByText("Version du texte fr-v1").first()).toBeVisible();
  await expect(page.getByText("Send me offers and news from Harbour Hotel")).toHaveCount(0);
  await snap(page, "consent-fr");

  await waitForEnhancement(page);
  await page.getByRole("checkbox", { name: fr.terms }).check();
  await page.getByRole("checkbox", { name: fr.marketing }).check();
  await page.getByRole("button", { name: fr.connect }).click();
  await expect(page.getByRole("heading", { name: fr.successTitle })).toBeVisible();
  await expect(page.getByText(fr.successMessage)).toBeVisible();
  await snap(page, "success-fr");

  const journey = await loadJourney(db, token);
  expect(journey.locale).toBe("fr");
  expect(journey.guest?.locale).toBe("fr");
  expect(journey.consentRecords).toHaveLength(4);
  const publishedFrench = await db.consentText.findMany({
    where: { locale: "fr", status: "PUBLISHED", purpose: { venue: { slug: "demo" } } },
  });
  expect(publishedFrench).toHaveLength(4);
  for (const record of journey.consentRecords) {
    const french = publishedFrench.find((text) => text.purposeId === record.purposeId);
    expect(record.consentTextId).toBe(french?.id);
    expect(record.consentText.locale).toBe("fr");
  }
  expect(journey.consentRecords.find((r) => r.purpose.key === "marketing")?.granted).toBe(true);
});
