// Consent wording from draft to the guest's consent record: a marketer drafts and submits,
// legal rejects, approves and publishes, the portal shows exactly the published words, and
// the ledger keeps pointing at the version each guest saw. Each test owns a fixture venue.
import type { Browser, Page } from "@playwright/test";

import { draftConsentText, submitConsentText } from "@/lib/consent/wording";
import type { Db } from "@/lib/db/client";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expect, postActionForm, readActionForm, test } from "../support/staff";

type Venue = Awaited<ReturnType<typeof createVenueFixture>>["venue"];

const GATEWAY = "client_mac=AA-BB-CC-DD-EE-31&client_ip=10.0.0.31&ap_mac=00:11:22:33:44:55&url=https://example.com/";

const guestText = {
  en: { emailButton: "Get online with my email", email: "Email", terms: "I accept the terms of use", connect: "Connect", marketing: (venue: string) => `News and offers from ${venue}`, success: "You're online" },
  fr: { emailButton: "Me connecter avec mon e-mail", email: "E-mail", terms: "J'accepte les conditions d'utilisation", connect: "Se connecter", marketing: (venue: string) => `Actualités et offres de ${venue}`, success: "Vous êtes connecté" },
};

async function marketingPurposeOf(db: Db, venue: Venue) {
  return db.consentPurpose.findFirstOrThrow({ where: { venueId: venue.id, key: "marketing" } });
}

function wordingPath(venue: Venue, purposeId: string, locale: string): string {
  return `/admin/consent/${venue.slug}/${purposeId}/${locale}`;
}

/** A second signed-in staff member in their own browser context. */
async function secondStaff(browser: Browser, signInAs: (page: Page, role: "LEGAL" | "MARKETER" | "ADMIN") => Promise<{ id: string }>, role: "LEGAL" | "MARKETER") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = await signInAs(page, role);
  return { page, account, close: () => context.close() };
}

/** A guest goes from the splash to success at a fixture venue, optionally ticking marketing; returns the journey token. */
async function guestConnects(browser: Browser, venue: Venue, email: string, options: { locale?: "en" | "fr"; marketing?: boolean; expectMarketingWording?: string; snap?: (page: Page) => Promise<void> } = {}) {
  const locale = options.locale ?? "en";
  const text = guestText[locale];
  const context = await browser.newContext({ locale: locale === "fr" ? "fr-FR" : "en-GB" });
  const page = await context.newPage();
  try {
    await page.goto(`/p/${venue.slug}?${GATEWAY}`);
    await page.getByLabel(text.email, { exact: true }).fill(email);
    await page.getByRole("button", { name: text.emailButton }).click();
    const marketing = page.locator("label").filter({ hasText: text.marketing(venue.name) });
    if (options.expectMarketingWording) await expect(marketing).toContainText(options.expectMarketingWording);
    await options.snap?.(page);
    await page.getByRole("checkbox", { name: text.terms }).check();
    if (options.marketing) await marketing.getByRole("checkbox").check();
    await page.getByRole("button", { name: text.connect }).click();
    await expect(page.getByRole("heading", { name: text.success })).toBeVisible();
    // The success page answers the consent post; with JavaScript it takes its own address.
    const token = new URL(page.url()).searchParams.get("j");
    if (!token) throw new Error(`No journey token in ${page.url()}`);
    return token;
  } finally {
    await context.close();
  }
}

async function marketingRecordOf(db: Db, token: string) {
  return db.consentRecord.findFirstOrThrow({ where: { journey: { token }, purpose: { key: "marketing" } }, include: { consentText: true } });
}

async function auditActionsFor(db: Db, ids: string[]) {
  const entries = await db.auditEntry.findMany({ where: { entityType: "consent_text", entityId: { in: ids } }, orderBy: { id: "asc" } });
  return entries.map((e) => [e.action, e.entityId, e.actorId]);
}

/** The version card on a purpose+locale page. */
const card = (page: Page, id: string) => page.locator(`#version-${id}`);

// Each test walks several people through many pages on a shared machine.
test.describe.configure({ timeout: 120_000 });

test("a marketer drafts and submits marketing wording, and cannot approve or publish it even by replaying legal's forms", async ({ page, browser, db, signInAs, snap }) => {
  const { venue } = await createVenueFixture(db);
  const purpose = await marketingPurposeOf(db, venue);
  const marketer = await signInAs(page, "MARKETER");

  await page.goto(`/admin/consent/${venue.slug}`);
  await expect(page.getByRole("heading", { name: `${venue.name}: consent wording` })).toBeVisible();
  await snap(page, "venue-matrix");
  await page.getByRole("link", { name: "Live: v1 — Marketing from the venue, en" }).click();
  await expect(page.getByRole("heading", { name: "Marketing from the venue · en" })).toBeVisible();

  await page.getByLabel("Wording of the new version").fill("We would like to send you news and offers by email, about once a month.");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText("Draft saved.")).toBeVisible();
  const draft = await db.consentText.findFirstOrThrow({ where: { purposeId: purpose.id, locale: "en", version: 2 } });
  expect(draft).toMatchObject({ status: "DRAFT", createdById: marketer.id });

  await page.getByRole("button", { name: "Submit version 2 for review" }).click();
  await expect(page.getByText("Submitted for review.")).toBeVisible();
  expect((await db.consentText.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("IN_REVIEW");
  await expect(card(page, draft.id).getByText("Waiting for legal to approve or reject it.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Approve|Reject|Publish)/ })).toHaveCount(0);
  await snap(page, "marketer-submitted");

  const legal = await secondStaff(browser, signInAs, "LEGAL");
  try {
    await legal.page.goto(wordingPath(venue, purpose.id, "en"));
    const approveForm = await readActionForm(legal.page, `#version-${draft.id} form[data-action="approve"]`);
    expect(approveForm.fields.map(([name]) => name)).toContain("$ACTION_KEY");
    // staffAction's permission check refuses before anything is parsed. The marketer may view
    // this page, so the answer is the page again (200), never a redirect to a next step.
    const refused = await postActionForm(page, approveForm);
    expect(refused.status(), "the server refuses a marketer's approve").toBe(200);
    expect(await db.consentText.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "IN_REVIEW", reviewedById: null });

    await legal.page.getByLabel("Comment (optional)").fill("Fine.");
    await legal.page.getByRole("button", { name: "Approve version 2" }).click();
    await expect(legal.page.getByText("Approved. The wording is frozen")).toBeVisible();
    // Read the form as the server renders it (with Next's action fields), not as React re-rendered it.
    await legal.page.reload();
    const publishForm = await readActionForm(legal.page, `#version-${draft.id} form[data-action="publish"]`);
    expect(publishForm.fields.map(([name]) => name)).toContain("$ACTION_KEY");
    const refusedPublish = await postActionForm(page, publishForm);
    expect(refusedPublish.status(), "the server refuses a marketer's publish").toBe(200);
    expect((await db.consentText.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("APPROVED");
    expect(await db.consentText.findFirstOrThrow({ where: { purposeId: purpose.id, locale: "en", status: "PUBLISHED" } })).toMatchObject({ version: 1 });

    await page.reload();
    await expect(card(page, draft.id).getByText("Approved: waiting for legal to publish it.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^(Approve|Reject|Publish)/ })).toHaveCount(0);
    await expect(card(page, draft.id).getByRole("textbox")).toHaveCount(0);
    await snap(page, "marketer-sees-approved");

    expect(await auditActionsFor(db, [draft.id])).toEqual([
      ["consent_text.drafted", draft.id, marketer.id],
      ["consent_text.submitted", draft.id, marketer.id],
      ["consent_text.approved", draft.id, legal.account.id],
    ]);
  } finally {
    await legal.close();
  }
});

test("legal rejects with a comment, approves a new draft, compares and publishes it; guests then consent to exactly that version", async ({ page, browser, db, signInAs, snap, uniqueEmail }) => {
  const { venue } = await createVenueFixture(db);
  const purpose = await marketingPurposeOf(db, venue);
  const v1 = await db.consentText.findFirstOrThrow({ where: { purposeId: purpose.id, locale: "en", status: "PUBLISHED" } });

  // A guest who consents before anything changes.
  const earlierToken = await guestConnects(browser, venue, uniqueEmail("before-publish"), { marketing: true, expectMarketingWording: v1.body });

  const legal = await signInAs(page, "LEGAL");
  const marketer = await secondStaff(browser, signInAs, "MARKETER");
  try {
    const path = wordingPath(venue, purpose.id, "en");
    await marketer.page.goto(path);
    await marketer.page.getByLabel("Wording of the new version").fill("We may email you offers from partners.");
    await marketer.page.getByRole("button", { name: "Save as draft" }).click();
    await expect(marketer.page.getByText("Draft saved.")).toBeVisible();
    await marketer.page.getByRole("button", { name: "Submit version 2 for review" }).click();
    await expect(marketer.page.getByText("Submitted for review.")).toBeVisible();
    const v2 = await db.consentText.findFirstOrThrow({ where: { purposeId: purpose.id, locale: "en", version: 2 } });

    // Legal finds it in the review queue and rejects it without, then with, a reason.
    await page.goto("/admin/consent?view=review");
    await snap(page, "needs-review");
    await page.getByRole("row", { name: new RegExp(venue.name) }).getByRole("link", { name: "Marketing from the venue" }).click();
    await expect(card(page, v2.id)).toBeVisible();
    await page.getByRole("button", { name: "Reject version 2" }).click();
    await expect(card(page, v2.id).getByText("Say what needs to change: the author sees this comment.")).toBeVisible();
    expect((await db.consentText.findUniqueOrThrow({ where: { id: v2.id } })).status).toBe("IN_REVIEW");
    await page.getByLabel("Reason for rejecting (required)").fill("Name the partners, and say how to unsubscribe.");
    await page.getByRole("button", { name: "Reject version 2" }).click();
    await expect(page.getByText("Rejected. The author sees your comment")).toBeVisible();

    // The marketer reads the comment in the history and starts again from the rejected words.
    await marketer.page.goto(path);
    const history = marketer.page.getByRole("table", { name: "Version history" });
    await expect(history.getByRole("row", { name: /v2 Rejected/ })).toContainText("Name the partners, and say how to unsubscribe.");
    await snap(marketer.page, "history-with-rejection");
    await history.getByRole("link", { name: "Open version 2" }).click();
    await marketer.page.getByRole("button", { name: "Copy version 2 into a new draft" }).click();
    await expect(marketer.page.getByText("A new draft was started from the rejected version.")).toBeVisible();
    const v3 = await db.consentText.findFirstOrThrow({ where: { purposeId: purpose.id, locale: "en", version: 3 } });
    const newWording = "We may email you offers from Acme Coffee and Northwind Air. Unsubscribe from any email.";
    await card(marketer.page, v3.id).getByLabel("Edit version 3").fill(newWording);
    await card(marketer.page, v3.id).getByRole("button", { name: "Save changes" }).click();
    await expect(marketer.page.getByText("Draft updated.")).toBeVisible();
    await marketer.page.getByRole("button", { name: "Submit version 3 for review" }).click();
    await expect(marketer.page.getByText("Submitted for review.")).toBeVisible();

    // Legal compares it with the live wording, word by word, side by side.
    await page.goto(path);
    const comparison = card(page, v3.id).getByRole("region", { name: /Version 3 compared with Live now \(v1\)/ });
    await expect(comparison.getByRole("figure")).toHaveCount(2);
    await expect(comparison.locator("del").first()).toContainText("marketing");
    await expect(comparison.locator("ins").filter({ hasText: "Acme" })).toHaveCount(1);
    await expect(comparison.locator("del .sr-only").first()).toHaveText("[deleted: ");
    await expect(comparison.locator("ins .sr-only").first()).toHaveText("[inserted: ");
    await snap(page, "legal-diff");
    await page.getByRole("button", { name: "Approve version 3" }).click();
    await expect(page.getByText("Approved. The wording is frozen")).toBeVisible();
    await page.getByRole("button", { name: "Publish version 3" }).click();
    await expect(page.getByText("Published. Guests see this wording from now on")).toBeVisible();
    await expect(page.getByRole("region", { name: "What guests see now" })).toContainText(newWording);
    await snap(page, "published");

    // A guest now sees and consents to version 3.
    const laterToken = await guestConnects(browser, venue, uniqueEmail("after-publish"), {
      marketing: true,
      expectMarketingWording: newWording,
      snap: (guestPage) => snap(guestPage, "guest-consent-new-wording"),
    });
    const later = await marketingRecordOf(db, laterToken);
    expect(later).toMatchObject({ consentTextId: v3.id, granted: true });
    expect(later.consentText).toMatchObject({ status: "PUBLISHED", body: newWording });

    // The earlier guest's record still points at version 1, whose words are as they were.
    const earlier = await marketingRecordOf(db, earlierToken);
    expect(earlier.consentTextId).toBe(v1.id);
    expect(earlier.consentText).toMatchObject({ status: "RETIRED", body: v1.body, sha256: v1.sha256 });

    expect(await auditActionsFor(db, [v1.id, v2.id, v3.id])).toEqual([
      ["consent_text.drafted", v2.id, marketer.account.id],
      ["consent_text.submitted", v2.id, marketer.account.id],
      ["consent_text.rejected", v2.id, legal.id],
      ["consent_text.drafted", v3.id, marketer.account.id],
      ["consent_text.updated", v3.id, marketer.account.id],
      ["consent_text.submitted", v3.id, marketer.account.id],
      ["consent_text.approved", v3.id, legal.id],
      ["consent_text.retired", v1.id, legal.id],
      ["consent_text.published", v3.id, legal.id],
    ]);
  } finally {
    await marketer.close();
  }
});

test("a French guest sees the default locale's marketing wording while no French text is published", async ({ page, browser, db, signInAs, snap, uniqueEmail }) => {
  const { venue } = await createVenueFixture(db, { locales: ["en", "fr"], wordingLocales: ["en"] });
  const purpose = await marketingPurposeOf(db, venue);
  const enText = await db.consentText.findFirstOrThrow({ where: { purposeId: purpose.id, locale: "en", status: "PUBLISHED" } });
  const legal = await signInAs(page, "LEGAL");

  await page.goto(`/admin/consent/${venue.slug}`);
  await expect(page.getByRole("link", { name: "Falls back to en (v1) — Marketing from the venue, fr" })).toBeVisible();

  // French wording approved but not published must not reach guests.
  await page.getByRole("link", { name: "Falls back to en (v1) — Marketing from the venue, fr" }).click();
  await expect(page.getByRole("region", { name: "What guests see now" })).toContainText("guests reading fr see the en wording");
  await page.getByLabel("Wording of the new version").fill("Recevez nos offres par e-mail.");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await page.getByRole("button", { name: "Submit version 1 for review" }).click();
  // Four eyes: the author's own approval is refused; a second legal reviewer approves.
  await page.getByRole("button", { name: "Approve version 1" }).click();
  await expect(page.getByText("You drafted this wording, so someone else must approve it")).toBeVisible();
  const reviewer = await secondStaff(browser, signInAs, "LEGAL");
  try {
    await reviewer.page.goto(page.url());
    await reviewer.page.getByRole("button", { name: "Approve version 1" }).click();
    await expect(reviewer.page.getByText("Approved. The wording is frozen")).toBeVisible();
    await snap(reviewer.page, "french-approved-not-published");
  } finally {
    await reviewer.close();
  }
  const frText = await db.consentText.findFirstOrThrow({ where: { purposeId: purpose.id, locale: "fr" } });
  expect(frText.status).toBe("APPROVED");

  const token = await guestConnects(browser, venue, uniqueEmail("french"), {
    locale: "fr",
    marketing: true,
    expectMarketingWording: enText.body,
    snap: (guestPage) => snap(guestPage, "french-guest-fallback"),
  });
  const record = await marketingRecordOf(db, token);
  expect(record.consentTextId).toBe(enText.id);
  expect(await db.journey.findUniqueOrThrow({ where: { token } })).toMatchObject({ locale: "fr" });

  expect(await auditActionsFor(db, [frText.id])).toEqual([
    ["consent_text.drafted", frText.id, legal.id],
    ["consent_text.submitted", frText.id, legal.id],
    ["consent_text.approved", frText.id, frText.reviewedById],
  ]);
  expect(frText.reviewedById).not.toBe(legal.id);
});

test("an author discards an abandoned draft, and legal withdraws an approved version that will not go live", async ({ page, browser, db, signInAs, snap }) => {
  const { venue } = await createVenueFixture(db);
  const purpose = await marketingPurposeOf(db, venue);
  const marketer = await signInAs(page, "MARKETER");
  const abandoned = await draftConsentText(db, { id: marketer.id, role: "MARKETER" }, { purposeId: purpose.id, locale: "en", body: "A half-written idea." });

  await page.goto(wordingPath(venue, purpose.id, "en"));
  await card(page, abandoned.id).getByRole("button", { name: "Discard draft version 2" }).click();
  await expect(page.getByText("Draft discarded.")).toBeVisible();
  await expect(card(page, abandoned.id)).toHaveCount(0);
  expect(await db.consentText.findUnique({ where: { id: abandoned.id } })).toBeNull();

  const approved = await draftConsentText(db, { id: marketer.id, role: "MARKETER" }, { purposeId: purpose.id, locale: "en", body: "Offers, but not this way." });
  await submitConsentText(db, { id: marketer.id, role: "MARKETER" }, { consentTextId: approved.id });
  const legal = await secondStaff(browser, signInAs, "LEGAL");
  try {
    await legal.page.goto(wordingPath(venue, purpose.id, "en"));
    await legal.page.getByRole("button", { name: `Approve version ${approved.version}` }).click();
    await expect(legal.page.getByText("Approved. The wording is frozen")).toBeVisible();
    await legal.page.getByRole("button", { name: `Withdraw version ${approved.version}` }).click();
    await expect(legal.page.getByText("Withdrawn. This version will not be published")).toBeVisible();
    await expect(legal.page.getByText("Never live: withdrawn")).toBeVisible();
    await snap(legal.page, "withdrawn");
    expect(await db.consentText.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({ status: "RETIRED", publishedAt: null });
    expect((await db.consentText.findFirstOrThrow({ where: { purposeId: purpose.id, locale: "en", status: "PUBLISHED" } })).version).toBe(1);
    expect(await auditActionsFor(db, [abandoned.id, approved.id])).toEqual([
      ["consent_text.drafted", abandoned.id, marketer.id],
      ["consent_text.discarded", abandoned.id, marketer.id],
      ["consent_text.drafted", approved.id, marketer.id],
      ["consent_text.submitted", approved.id, marketer.id],
      ["consent_text.approved", approved.id, legal.account.id],
      ["consent_text.withdrawn", approved.id, legal.account.id],
    ]);
  } finally {
    await legal.close();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a rejection without a reason comes back from the server with the message and changes nothing", async ({ page, db, signInAs, createStaff, snap }) => {
    const { venue } = await createVenueFixture(db);
    const purpose = await marketingPurposeOf(db, venue);
    const author = await createStaff("MARKETER");
    const draft = await draftConsentText(db, { id: author.id, role: "MARKETER" }, { purposeId: purpose.id, locale: "en", body: "Offers by email." });
    await submitConsentText(db, { id: author.id, role: "MARKETER" }, { consentTextId: draft.id });
    const legal = await signInAs(page, "LEGAL");

    await page.goto(wordingPath(venue, purpose.id, "en"));
    await page.getByRole("button", { name: "Reject version 2" }).click();
    await expect(card(page, draft.id).getByRole("alert").filter({ hasText: "Say what needs to change: the author sees this comment." })).toBeVisible();
    await snap(page, "reject-without-reason-no-js");
    expect(await db.consentText.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "IN_REVIEW", reviewComment: null });

    await page.getByLabel("Reason for rejecting (required)").fill("Say how often you will write.");
    await page.getByRole("button", { name: "Reject version 2" }).click();
    await expect(page.getByText("Rejected. The author sees your comment")).toBeVisible();
    expect(await db.consentText.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "REJECTED", reviewComment: "Say how often you will write.", reviewedById: legal.id });
    expect(await auditActionsFor(db, [draft.id])).toEqual([
      ["consent_text.drafted", draft.id, author.id],
      ["consent_text.submitted", draft.id, author.id],
      ["consent_text.rejected", draft.id, legal.id],
    ]);
  });
});
