// The portal copy editor, end to end: a marketer drafts, previews at phone size and
// publishes; guests see it; roll back; XSS in copy stays inert on the guest page; uploads are
// judged by content; LEGAL is refused on the server; every change leaves an audit entry.
import type { Page } from "@playwright/test";

import type { Db } from "@/lib/db/client";
import { publishPortalCopy, savePortalCopyDraft } from "@/lib/portal-copy";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expect, postActionForm, readActionForm, test, type StaffAccount } from "../support/staff";

// A real 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

const editorPath = (slug: string, locale = "en") => `/admin/copy/${slug}/${locale}`;
const preview = (page: Page) => page.frameLocator('iframe[title^="Guest splash preview"]');

/** The editor form is interactive (react-hook-form attached), so typing is validated inline. */
async function waitForEditor(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector("form#copy-editor");
    return form !== null && Object.keys(form).some((key) => key.startsWith("__react"));
  });
}

async function actionsBy(db: Db, actor: StaffAccount) {
  return (await db.auditEntry.findMany({ where: { actorId: actor.id }, orderBy: { id: "asc" } })).map((e) => e.action);
}

test("a marketer drafts copy, sees it in the phone-size preview, publishes, and guests see it", async ({ page, browser, db, signInAs, snap }) => {
  const { venue } = await createVenueFixture(db);
  const marketer = await signInAs(page, "MARKETER");

  // The overview lists 20 venues a page by name; earlier specs' venues share this database.
  const before = await db.venue.count({ where: { OR: [{ name: { lt: venue.name } }, { name: venue.name, id: { lt: venue.id } }] } });
  await page.goto(`/admin/copy?page=${Math.floor(before / 20) + 1}`);
  const row = page.getByRole("row").filter({ hasText: venue.name });
  await expect(row.getByText("nothing published")).toBeVisible();
  await snap(page, "overview");
  await row.getByRole("link", { name: `Edit ${venue.name} (en)` }).click();
  await expect(page.getByRole("heading", { name: `${venue.name} (en)` })).toBeVisible();
  await waitForEditor(page);

  await page.getByLabel("Headline").fill("Sunset Lounge WiFi");
  await page.getByLabel("Welcome text").fill("Grab a **cocktail** and get online.\n\nSee the [menu](https://example.com/menu).");
  await page.getByLabel("Email button label").fill("Connect with email");
  await page.getByLabel("Success message").fill("Cheers, you're online!");
  await page.getByLabel("Primary colour (buttons, links)").fill("#aa3300");
  await page.getByLabel("Upload").first().setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await page.getByLabel("Upload").nth(1).setInputFiles({ name: "beach.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved (version 1)")).toBeVisible();

  // The preview is the guest splash at a phone's size, with the draft's content.
  const frame = page.locator('iframe[title^="Guest splash preview"]');
  await expect(frame).toHaveAttribute("width", "390");
  await expect(frame).toHaveAttribute("height", "844");
  expect(await frame.boundingBox()).toMatchObject({ width: 390, height: 844 });
  await expect(preview(page).getByRole("heading", { name: "Sunset Lounge WiFi" })).toBeVisible();
  await expect(preview(page).locator("strong", { hasText: "cocktail" })).toBeVisible();
  await expect(preview(page).getByRole("button", { name: "Connect with email" })).toHaveCSS("background-color", "rgb(170, 51, 0)");
  await expect(preview(page).locator("img.logo")).toHaveAttribute("src", /^\/assets\/[0-9a-f-]{36}$/);
  await snap(page, "draft-saved-with-preview");
  await page.getByRole("link", { name: "Success page" }).click();
  await expect(page.frameLocator('iframe[title^="Guest success preview"]').getByRole("status")).toHaveText("Cheers, you're online!");
  await snap(page, "success-preview");

  // Not live yet: guests still see the venue's plain default.
  const guest = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await guest.goto(`/p/${venue.slug}`);
  await expect(guest.getByRole("heading", { name: venue.name })).toBeVisible();

  await page.getByRole("button", { name: "Publish draft v1" }).click();
  await expect(page.getByText("Version 1 is live")).toBeVisible();
  await expect(page.getByText("live: v1")).toBeVisible();
  await snap(page, "published");

  await guest.goto(`/p/${venue.slug}`);
  await expect(guest.getByRole("heading", { name: "Sunset Lounge WiFi" })).toBeVisible();
  await expect(guest.locator(".markdown strong")).toHaveText("cocktail");
  await expect(guest.getByRole("link", { name: "menu" })).toHaveAttribute("rel", "noopener noreferrer");
  await expect(guest.getByRole("button", { name: "Connect with email" })).toHaveCSS("background-color", "rgb(170, 51, 0)");
  await expect(guest.locator(".portal")).toHaveCSS("background-image", /url\(".*\/assets\/[0-9a-f-]{36}"\)/);
  const logoSrc = await guest.locator("img.logo").getAttribute("src");
  await snap(guest, "guest-splash");

  // The logo is served by Portico itself, as the stored type, never sniffed, cached for good.
  const logo = await guest.request.get(logoSrc!);
  expect(logo.status()).toBe(200);
  expect(logo.headers()["content-type"]).toBe("image/png");
  expect(logo.headers()["x-content-type-options"]).toBe("nosniff");
  expect(logo.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(logo.headers()["content-security-policy"]).toContain("sandbox");
  expect(Buffer.from(await logo.body()).equals(PNG)).toBe(true);
  await guest.close();

  const copy = await db.portalCopy.findFirstOrThrow({ where: { venueId: venue.id, locale: "en" } });
  expect(copy).toMatchObject({ version: 1, status: "PUBLISHED", createdById: marketer.id });
  expect(await actionsBy(db, marketer)).toEqual(["asset.uploaded", "asset.uploaded", "portal_copy.draft_saved", "portal_copy.published"]);

  await page.goto(`/admin/copy?page=${Math.floor(before / 20) + 1}`);
  await expect(page.getByRole("row").filter({ hasText: venue.name }).first()).toContainText(marketer.email);
});

test("rolling back restores the old headline for guests as a new version", async ({ page, db, signInAs, snap }) => {
  const { venue } = await createVenueFixture(db);
  const marketer = await signInAs(page, "MARKETER");
  const actor = { id: marketer.id, role: marketer.role };
  for (const headline of ["The original headline", "A headline we regret"]) {
    await savePortalCopyDraft(db, actor, { venueId: venue.id, locale: "en", fields: { headline } });
    await publishPortalCopy(db, actor, { venueId: venue.id, locale: "en" });
  }
  await page.goto(`/p/${venue.slug}`);
  await expect(page.getByRole("heading", { name: "A headline we regret" })).toBeVisible();

  await page.goto(editorPath(venue.slug));
  await snap(page, "history-before");
  await page.getByRole("button", { name: "Roll back to this: version 1" }).click();
  await expect(page.getByText("Rolled back: version 3 is live")).toBeVisible();
  await expect(page.locator('tr[data-version="3"]')).toContainText("copy of v1");
  await snap(page, "history-after");

  await page.goto(`/p/${venue.slug}`);
  await expect(page.getByRole("heading", { name: "The original headline" })).toBeVisible();
  const versions = await db.portalCopy.findMany({ where: { venueId: venue.id }, orderBy: { version: "asc" } });
  expect(versions.map((v) => v.status)).toEqual(["ARCHIVED", "ARCHIVED", "PUBLISHED"]);
  expect((await actionsBy(db, marketer)).at(-1)).toBe("portal_copy.rolled_back");
});

test("script, event-handler and javascript: payloads in copy render inert for guests", async ({ page, browser, db, signInAs, snap }) => {
  const { venue } = await createVenueFixture(db);
  const marketer = await signInAs(page, "MARKETER");
  const headline = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">`;
  const welcome = [
    "<script>alert('script')</script>",
    "<img src=x onerror=alert('onerror')>",
    "[click me](javascript:alert('link'))",
    `<a href="javascript:alert('raw')">raw link</a>`,
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
  ].join("\n\n");

  await page.goto(editorPath(venue.slug));
  await waitForEditor(page);
  await page.getByLabel("Headline").fill(headline);
  await page.getByLabel("Welcome text").fill(welcome);
  await page.getByLabel("Email button label").fill(`"><svg onload=alert('label')>`);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved (version 1)")).toBeVisible();
  await page.getByRole("button", { name: "Publish draft v1" }).click();
  await expect(page.getByText("Version 1 is live")).toBeVisible();

  const guest = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const dialogs: string[] = [];
  guest.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await guest.goto(`/p/${venue.slug}`);
  // The payload is shown as the text it is.
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText(headline);
  await expect(guest.getByText("click me")).toBeVisible();
  await guest.waitForLoadState("load");
  await snap(guest, "guest-splash-with-payloads");

  expect(dialogs).toEqual([]);
  expect(await guest.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  const portal = guest.locator(".portal");
  await expect(portal.locator("script, iframe, svg, img:not(.logo)")).toHaveCount(0);
  await expect(guest.locator("[onerror], [onload], [onclick]")).toHaveCount(0);
  await expect(guest.locator('[href^="javascript:" i], [src^="javascript:" i]')).toHaveCount(0);
  await guest.close();
  expect(await actionsBy(db, marketer)).toEqual(["portal_copy.draft_saved", "portal_copy.published"]);
});

test("a file that is not an image is refused with a message and nothing is stored", async ({ page, db, signInAs, snap }) => {
  const { venue } = await createVenueFixture(db);
  const marketer = await signInAs(page, "MARKETER");
  await page.goto(editorPath(venue.slug));
  await waitForEditor(page);

  // Named and typed as a PNG, but its bytes are HTML: the server judges by content.
  await page.getByLabel("Headline").fill("With a fake logo");
  await page.getByLabel("Upload").first().setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.locator("#logo-error")).toHaveText("logo.png is not a PNG, JPEG or WebP image.");
  await snap(page, "fake-png-refused");

  // An SVG is refused before it is even sent.
  await page.getByLabel("Upload").nth(1).setInputFiles({ name: "bg.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") });
  await expect(page.locator("#backgroundImage-error")).toHaveText("bg.svg is not a PNG, JPEG or WebP image.");

  expect(await db.asset.count({ where: { venueId: venue.id } })).toBe(0);
  expect(await db.portalCopy.count({ where: { venueId: venue.id } })).toBe(0);
  expect(await actionsBy(db, marketer)).toEqual([]);
});

test("LEGAL gets 403 on the editor, and replayed save and publish actions change nothing", async ({ page, browser, db, signInAs }) => {
  const { venue } = await createVenueFixture(db);
  const marketer = await signInAs(page, "MARKETER");
  await savePortalCopyDraft(db, { id: marketer.id, role: marketer.role }, { venueId: venue.id, locale: "en", fields: { headline: "Marketing's draft" } });
  await page.goto(editorPath(venue.slug));
  const saveForm = await readActionForm(page, "form#copy-editor");
  const publishForm = await readActionForm(page, "form#publish-copy");
  const before = await db.portalCopy.findMany({ where: { venueId: venue.id } });

  const legalContext = await browser.newContext();
  const legalPage = await legalContext.newPage();
  const legal = await signInAs(legalPage, "LEGAL");
  for (const path of ["/admin/copy", editorPath(venue.slug), `/admin/copy-preview/${before[0]!.id}`]) {
    const response = await legalPage.goto(path);
    expect(response?.status(), `${path} is forbidden to LEGAL`).toBe(403);
  }
  await legalPage.goto("/admin");
  const nav = legalPage.getByRole("navigation", { name: "Staff sections" });
  await expect(nav.getByRole("link", { name: "Guests" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Portal copy" })).toHaveCount(0);

  await postActionForm(legalPage, saveForm, { headline: "Legal was here" });
  await postActionForm(legalPage, publishForm);
  expect(await db.portalCopy.findMany({ where: { venueId: venue.id } })).toEqual(before);
  expect(await db.auditEntry.count({ where: { actorId: legal.id } })).toBe(0);
  await legalContext.close();
});

test("a signed-out visitor reaches neither the copy pages nor the preview", async ({ page, db }) => {
  const { venue } = await createVenueFixture(db);
  const copy = await db.portalCopy.create({ data: { venueId: venue.id, locale: "en", version: 1, fields: { headline: "Secret draft" } } });
  for (const path of ["/admin/copy", editorPath(venue.slug), `/admin/copy-preview/${copy.id}`]) {
    await page.goto(path);
    await expect(page, `${path} sends a signed-out visitor to sign in`).toHaveURL(/\/admin\/sign-in/);
  }
  await expect(page.getByText("Secret draft")).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a marketer saves a draft with a logo and publishes it as plain form posts", async ({ page, db, signInAs }) => {
    const { venue } = await createVenueFixture(db);
    const marketer = await signInAs(page, "MARKETER");
    await page.goto(editorPath(venue.slug));
    await page.getByLabel("Headline").fill("Plain forms work too");
    await page.getByLabel("Upload").first().setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Draft saved (version 1)")).toBeVisible();
    const draft = await db.portalCopy.findFirstOrThrow({ where: { venueId: venue.id, status: "DRAFT" } });
    expect(draft.fields).toMatchObject({ headline: "Plain forms work too", logoUrl: expect.stringMatching(/^\/assets\//) });

    await page.getByRole("button", { name: "Publish draft v1" }).click();
    await expect(page.getByText(/published/i).first()).toBeVisible();
    expect(await db.portalCopy.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "PUBLISHED" });
    expect(await actionsBy(db, marketer)).toEqual(["asset.uploaded", "portal_copy.draft_saved", "portal_copy.published"]);
  });
});
