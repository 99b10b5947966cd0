import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getPublishedConsentWording } from "@/lib/consent";
import { approveConsentText, draftConsentText, publishConsentText, submitConsentText, type ConsentActor } from "@/lib/consent/wording";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
let marketer: ConsentActor;
let legal: ConsentActor;
beforeAll(async () => {
  testDb = await createTestDatabase();
  const m = await testDb.prisma.staffUser.create({ data: { email: "marketer@staff.example.com", role: "MARKETER" } });
  const l = await testDb.prisma.staffUser.create({ data: { email: "legal@staff.example.com", role: "LEGAL" } });
  marketer = { id: m.id, role: "MARKETER" };
  legal = { id: l.id, role: "LEGAL" };
});
afterAll(async () => {
  await testDb?.drop();
});

/** A venue offering en (default) and fr, with wording published in en only. */
async function englishOnlyVenue() {
  const { venue, purposes } = await createVenueFixture(testDb.prisma, { locales: ["en", "fr"], wordingLocales: ["en"] });
  return { venue, marketingId: purposes.find((p) => p.key === "marketing")!.id };
}

const marketingShown = async (venue: { id: string; defaultLocale: string }, locale: string) =>
  (await getPublishedConsentWording(testDb.prisma, venue, locale)).find((w) => w.key === "marketing")!;

describe("what the portal shows while wording moves through review", () => {
  it("never shows French wording until it is published, falling back to the default locale's", async () => {
    const { venue, marketingId } = await englishOnlyVenue();
    const draft = await draftConsentText(testDb.prisma, marketer, { purposeId: marketingId, locale: "fr", body: "Offres par e-mail." });
    expect(await marketingShown(venue, "fr")).toMatchObject({ locale: "en", body: "marketing wording (en) v1" });

    await submitConsentText(testDb.prisma, marketer, { consentTextId: draft.id });
    expect(await marketingShown(venue, "fr")).toMatchObject({ locale: "en", body: "marketing wording (en) v1" });

    await approveConsentText(testDb.prisma, legal, { consentTextId: draft.id });
    expect(await marketingShown(venue, "fr")).toMatchObject({ locale: "en", body: "marketing wording (en) v1" });

    await publishConsentText(testDb.prisma, legal, { consentTextId: draft.id });
    expect(await marketingShown(venue, "fr")).toMatchObject({ locale: "fr", consentTextId: draft.id, body: "Offres par e-mail." });
    // Other purposes still fall back on their own.
    const terms = (await getPublishedConsentWording(testDb.prisma, venue, "fr")).find((w) => w.key === "terms")!;
    expect(terms.locale).toBe("en");
  });

  it("keeps showing the published version while a newer one waits for review", async () => {
    const { venue, marketingId } = await englishOnlyVenue();
    const live = await marketingShown(venue, "en");
    const draft = await draftConsentText(testDb.prisma, marketer, { purposeId: marketingId, locale: "en", body: "Changed words." });
    await submitConsentText(testDb.prisma, marketer, { consentTextId: draft.id });
    expect(await marketingShown(venue, "en")).toMatchObject({ consentTextId: live.consentTextId, body: live.body });
  });
});
