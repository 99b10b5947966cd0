// The rights requests queue as legal works it, without JavaScript: a guest who connected
// through the portal writes in to be erased; legal enters the request (found by email), starts
// it, erases the guest from it and sees it done; an objection is upheld by withdrawing every
// consent the guest gave; a rectification corrects the guest's details. A marketer gets no queue, and legal's form
// posted as them changes nothing. An admin previews a venue's retention policy and sees what it
// would change today before saving it.
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { connectThroughPortal } from "../support/portal-guest";
import { expect, postActionForm, readActionForm, test } from "../support/staff";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("legal enters an erasure request and fulfils it; a marketer cannot see the queue", async ({ page, browser, db, signInAs, uniqueEmail }) => {
    test.setTimeout(90_000);
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    const email = uniqueEmail("request");
    await connectThroughPortal(browser, venue.slug, email);
    const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email } });

    await signInAs(page, "LEGAL");
    await page.goto("/admin/requests");
    await expect(page.getByRole("heading", { name: "Rights requests" })).toBeVisible();
    const form = page.getByRole("form", { name: "Enter a request" });
    await form.getByLabel("The guest asks for").selectOption("ERASURE");
    await form.getByLabel("Guest's email").fill(`  ${email.toUpperCase()}  `);
    await form.getByLabel("Details").fill("Letter of 1 December, ref. 2026-77");
    await form.getByRole("button", { name: "Enter request" }).click();

    await expect(page.getByText("Request entered. The deadline is")).toBeVisible();
    const request = await db.rightsRequest.findFirstOrThrow({ where: { guestId: guest.id } });
    expect(request).toMatchObject({ kind: "ERASURE", status: "RECEIVED" });
    expect(request.dueAt.getTime() - request.receivedAt.getTime()).toBe(30 * 86_400_000);
    await expect(page.getByRole("link", { name: "Open the guest's page" })).toBeVisible();

    // A marketer: no queue (403, no navigation link), and legal's start form posted as them does nothing.
    const marketerContext = await browser.newContext({ javaScriptEnabled: false });
    const marketerPage = await marketerContext.newPage();
    await signInAs(marketerPage, "MARKETER");
    expect((await marketerPage.request.get("/admin/requests", { maxRedirects: 0 })).status()).toBe(403);
    expect((await marketerPage.request.get(`/admin/requests/${request.id}`, { maxRedirects: 0 })).status()).toBe(403);
    await marketerPage.goto("/admin");
    await expect(marketerPage.getByRole("navigation", { name: "Staff sections" }).locator('a[href="/admin/requests"]')).toHaveCount(0);
    const startForm = await readActionForm(page, 'form[aria-label="Start this request"]');
    expect((await postActionForm(marketerPage, startForm)).status()).toBeLessThan(500);
    expect(await db.rightsRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "RECEIVED", handledById: null });
    await marketerContext.close();

    await page.getByRole("form", { name: "Start this request" }).getByRole("button", { name: "Mark in progress" }).click();
    await expect(page.getByText("In progress", { exact: true })).toBeVisible();
    const erase = page.getByRole("form", { name: "Erase the guest and mark done" });
    await erase.getByRole("checkbox").check();
    await erase.getByRole("button", { name: "Erase and mark done" }).click();

    await expect(page.getByText("The guest is erased and the request is done.")).toBeVisible();
    await expect(page.getByText("Done", { exact: true })).toBeVisible();
    expect(await page.content()).not.toContain(email);
    expect(await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ emailNormalized: null, erasedAt: expect.any(Date) });
    expect(await db.rightsRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "DONE", email: null, details: "", handledAt: expect.any(Date) });

    await page.goto("/admin/requests?show=all");
    const row = page.getByRole("row").filter({ hasText: "Erasure (art. 17)" }).first();
    await expect(row).toContainText("Done");
    await expect(row).toContainText("erased");
  });

  test("legal upholds an objection: every consent the guest gave is withdrawn and the request is done", async ({ page, browser, db, signInAs, uniqueEmail }) => {
    test.setTimeout(90_000);
    const { venue } = await createVenueFixture(db, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
    const email = uniqueEmail("objection");
    await connectThroughPortal(browser, venue.slug, email, [/News and offers from/, /Acme Coffee/]);
    const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email } });
    expect(await db.consentRecord.count({ where: { guestId: guest.id, granted: true, purpose: { kind: { not: "TERMS" } } } })).toBe(2);

    await signInAs(page, "LEGAL");
    await page.goto("/admin/requests");
    const form = page.getByRole("form", { name: "Enter a request" });
    await form.getByLabel("The guest asks for").selectOption("OBJECTION");
    await form.getByLabel("Guest's email").fill(email);
    await form.getByRole("button", { name: "Enter request" }).click();
    await expect(page.getByText("Request entered. The deadline is")).toBeVisible();

    const uphold = page.getByRole("form", { name: "Withdraw every consent and mark done" });
    await uphold.getByRole("checkbox").check();
    await uphold.getByRole("button", { name: "Withdraw all and mark done" }).click();
    await expect(page.getByText("Done", { exact: true })).toBeVisible();
    await expect(page.getByText("Objection upheld: 2 consents withdrawn (marketing, sponsor:acme)")).toBeVisible();
    const latest = await db.consentRecord.findMany({ where: { guestId: guest.id, method: "WITHDRAWAL" }, include: { purpose: true } });
    expect(latest.map((r) => [r.purpose.key, r.granted]).sort()).toEqual([
      ["marketing", false],
      ["sponsor:acme", false],
    ]);
  });

  test("legal carries out a rectification: the details corrected, a bad phone refused beside nothing changed", async ({ page, browser, db, signInAs, uniqueEmail }) => {
    test.setTimeout(90_000);
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    const email = uniqueEmail("rectify");
    await connectThroughPortal(browser, venue.slug, email);
    const guest = await db.guest.update({ where: { emailNormalized: email }, data: { name: "Jon Smiht" } });

    await signInAs(page, "LEGAL");
    await page.goto("/admin/requests");
    const form = page.getByRole("form", { name: "Enter a request" });
    await form.getByLabel("The guest asks for").selectOption("RECTIFICATION");
    await form.getByLabel("Guest's email").fill(email);
    await form.getByLabel("Details").fill("My name is misspelt");
    await form.getByRole("button", { name: "Enter request" }).click();
    await expect(page.getByText("Request entered. The deadline is")).toBeVisible();

    const correct = page.getByRole("form", { name: "Correct the details and mark done" });
    await expect(correct.getByLabel("Name")).toHaveValue("Jon Smiht");
    await correct.getByLabel("Name").fill("Jon Smith");
    await correct.getByLabel("Phone").fill("0207 946 0018");
    await correct.getByRole("button", { name: "Correct and mark done" }).click();
    await expect(page.getByRole("form", { name: "Correct the details and mark done" }).getByRole("alert").filter({ hasText: "Enter a real number with its country code" })).toBeVisible();
    expect((await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).name).toBe("Jon Smiht");

    await page.getByRole("form", { name: "Correct the details and mark done" }).getByLabel("Name").fill("Jon Smith");
    await page.getByRole("form", { name: "Correct the details and mark done" }).getByLabel("Phone").fill("+44 20 7946 0018");
    await page.getByRole("form", { name: "Correct the details and mark done" }).getByRole("button", { name: "Correct and mark done" }).click();
    await expect(page.getByText("Done", { exact: true })).toBeVisible();
    await expect(page.getByText("Corrected: name, phone.")).toBeVisible();
    expect(await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ name: "Jon Smith", phone: "+442079460018" });
  });

  test("an admin sees what a retention policy would change today before saving it", async ({ page, browser, db, signInAs, uniqueEmail }) => {
    test.setTimeout(60_000);
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    const email = uniqueEmail("retention");
    await connectThroughPortal(browser, venue.slug, email);
    const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email } });
    const twoYearsAgo = new Date(Date.now() - 730 * 86_400_000);
    await db.visit.updateMany({ where: { guestId: guest.id }, data: { connectedAt: twoYearsAgo } });
    await db.event.createMany({ data: [1, 2, 3].map(() => ({ type: "visit.started", venueId: venue.id, occurredAt: twoYearsAgo, payload: {} })) });

    await signInAs(page, "ADMIN");
    await page.goto(`/admin/venues/${venue.id}`);
    await page.getByRole("link", { name: "Set the retention policy" }).click();
    const preview = page.getByRole("form", { name: "Preview a retention policy" });
    await preview.getByLabel("Anonymise guests not seen for (months)").fill("12");
    await preview.getByLabel("Delete raw events older than (months)").fill("18");
    await preview.getByRole("button", { name: "Preview what it would change" }).click();
    await expect(page.getByRole("status")).toHaveText(/This policy would anonymise 1 guest and delete 3 events today/);
    expect(await db.retentionPolicy.findUnique({ where: { venueId: venue.id } })).toBeNull();

    const save = page.getByRole("form", { name: "Save the retention policy" });
    await save.getByRole("checkbox").check();
    await save.getByRole("button", { name: "Save this policy" }).click();
    await expect(page.getByText("Retention policy saved.")).toBeVisible();
    expect(await db.retentionPolicy.findUniqueOrThrow({ where: { venueId: venue.id } })).toMatchObject({ guestMonths: 12, eventMonths: 18, sessionMonths: null });
    expect(await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ erasedAt: null });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "retention.policy.update", entityId: venue.id } });
    expect(audit.after).toMatchObject({ wouldChangeToday: { guests: 1, events: 3 } });

    await page.goto("/admin/processing");
    await expect(page.getByRole("heading", { name: `Retention at ${venue.name}` })).toBeVisible();
    await expect(page.getByText("anonymised after 12 months").first()).toBeVisible();
  });
});
