// Venues (ADMIN only): an admin sets a venue up through the UI and what guests are then
// offered; server field errors inline; marketers and legal refused on every venue page and
// when replaying the admin's forms. Each test creates its own venues: the demo is never touched.
import { randomBytes } from "node:crypto";

import type { Browser, Page } from "@playwright/test";

import type { StaffRole } from "@/lib/generated/prisma/enums";
import { createVenueFixture, publishWording } from "@/tests/support/venue-fixture";

import { expect, postActionForm, readActionForm, signInThroughApi, test, type StaffAccount } from "../support/staff";

const suffix = () => randomBytes(3).toString("hex");
const uuidUrl = /\/admin\/venues\/[0-9a-f-]{36}/;

/** A guest reaching the consent page of a venue, as a phone's captive browser would. */
async function guestAtConsent(browser: Browser, venueSlug: string, email: string): Promise<Page> {
  const guest = await browser.newPage();
  await guest.goto(`/p/${venueSlug}?client_mac=AA-BB-CC-DD-EE-42&ap_mac=aa:bb:cc:00:11:22`);
  await guest.getByLabel("Email").fill(email);
  await guest.getByRole("button", { name: "Get online with my email" }).click();
  await expect(guest.getByRole("checkbox", { name: "I accept the terms of use" })).toBeVisible();
  return guest;
}

test("an admin sets up a venue; a sponsor is offered to guests only once its data-processing agreement is on file", async ({
  page,
  browser,
  db,
  signInAs,
  snap,
  uniqueEmail,
}) => {
  // A whole set-up and two guest visits: longer than one page's worth of work.
  test.setTimeout(120_000);
  const admin = await signInAs(page, "ADMIN");
  const slug = `pier-${suffix()}`;

  await page.goto("/admin/venues");
  await expect(page.getByRole("heading", { name: "Venues" })).toBeVisible();
  await snap(page, "venues-list");
  await page.getByRole("link", { name: "New venue" }).click();
  await expect(page.getByRole("heading", { name: "New venue" })).toBeVisible();

  const venueForm = page.getByRole("form", { name: "New venue" });
  await venueForm.getByLabel("Venue name").fill("Pier Hotel");
  await venueForm.getByLabel("Slug").fill(slug);
  await venueForm.getByLabel("Time zone").selectOption("Europe/Dublin");
  await venueForm.getByLabel("Country").selectOption("IE");
  await venueForm.getByRole("checkbox", { name: "French (fr)" }).check();
  await snap(page, "venue-new");
  await venueForm.getByRole("button", { name: "Create venue" }).click();

  await expect(page).toHaveURL(uuidUrl);
  await expect(page.getByRole("heading", { name: "Pier Hotel" })).toBeVisible();
  await expect(page.getByText("Venue created, with its terms and marketing consent purposes.")).toBeVisible();
  const venue = await db.venue.findUniqueOrThrow({ where: { slug }, include: { consentPurposes: { orderBy: { position: "asc" } } } });
  expect(venue).toMatchObject({ name: "Pier Hotel", timezone: "Europe/Dublin", countryCode: "IE", locales: ["en", "fr"], defaultLocale: "en" });
  expect(venue.consentPurposes.map((p) => p.key)).toEqual(["terms", "marketing"]);
  await expect(page.getByText("Guests cannot connect yet: the terms have no published wording in the default language (en).")).toBeVisible();

  const zoneForm = page.getByRole("form", { name: "Add a zone" });
  await zoneForm.getByLabel("Zone name").fill("Sea-view lobby");
  await zoneForm.getByLabel("Zone slug").fill("lobby");
  await zoneForm.getByRole("button", { name: "Add zone" }).click();
  await expect(page.getByRole("table", { name: "Zones" }).getByRole("cell", { name: "Sea-view lobby", exact: true })).toBeVisible();
  await expect(zoneForm.getByLabel("Zone name")).toHaveValue("");

  const apForm = page.getByRole("form", { name: "Add an access point" });
  await apForm.getByLabel("MAC address").fill("AA-BB-CC-00-11-22");
  await apForm.getByLabel("Access point name (optional)").fill("Lobby ceiling");
  await apForm.getByLabel("Zone (optional)").selectOption({ label: "Sea-view lobby (lobby)" });
  await apForm.getByRole("button", { name: "Add access point" }).click();
  const apRow = page.getByRole("table", { name: "Access points" }).getByRole("row", { name: /aa:bb:cc:00:11:22/ });
  await expect(apRow).toContainText("Sea-view lobby");

  const sponsorForm = page.getByRole("form", { name: "Add a sponsor" });
  await sponsorForm.getByLabel("Sponsor name").fill("Gull Coffee");
  await sponsorForm.getByLabel("Sponsor slug").fill("gull-coffee");
  await sponsorForm.getByRole("button", { name: "Add sponsor" }).click();
  const sponsorRow = page.getByRole("table", { name: "Sponsors" }).getByRole("row", { name: /Gull Coffee/ });
  await expect(sponsorRow.getByText("Not shown to guests")).toBeVisible();
  await expect(sponsorRow.getByText("Hidden: no data-processing agreement on file.")).toBeVisible();
  await snap(page, "venue-set-up-sponsor-hidden");

  const zone = await db.zone.findUniqueOrThrow({ where: { venueId_slug: { venueId: venue.id, slug: "lobby" } } });
  expect(await db.accessPoint.findFirstOrThrow({ where: { venueId: venue.id } })).toMatchObject({ mac: "aa:bb:cc:00:11:22", name: "Lobby ceiling", zoneId: zone.id });
  const sponsor = await db.sponsor.findFirstOrThrow({ where: { venueId: venue.id }, include: { purpose: true } });
  expect(sponsor).toMatchObject({ slug: "gull-coffee", dpaReference: null, dpaSignedAt: null, active: true });
  expect(sponsor.purpose).toMatchObject({ key: "sponsor:gull-coffee", kind: "SPONSOR", position: 2 });

  // Legal's part, done here directly: wording for every purpose.
  for (const purpose of [...venue.consentPurposes, sponsor.purpose!]) {
    await publishWording(db, purpose.id, "en", `${purpose.key}: wording for Pier Hotel guests.`);
  }

  const guest = await guestAtConsent(browser, slug, uniqueEmail("pier.guest"));
  await expect(guest.getByText("sponsor:gull-coffee: wording for Pier Hotel guests.")).toHaveCount(0);
  await expect(guest.getByRole("checkbox", { name: "Offers from Gull Coffee" })).toHaveCount(0);
  await snap(guest, "guest-consent-without-sponsor");

  await sponsorRow.getByRole("link", { name: /Edit/ }).click();
  await expect(page.getByRole("heading", { name: "Sponsor: Gull Coffee" })).toBeVisible();
  const editSponsor = page.getByRole("form", { name: "Sponsor details" });
  await editSponsor.getByLabel("DPA reference").fill("DPA-2026-311");
  await editSponsor.getByRole("button", { name: "Save sponsor" }).click();
  // Half an agreement is refused before anything is sent.
  await expect(editSponsor.getByText("Enter the date the agreement was signed, or clear the reference.")).toBeVisible();
  await editSponsor.getByLabel("DPA signed on").fill("2026-10-01");
  await editSponsor.getByRole("button", { name: "Save sponsor" }).click();
  await expect(editSponsor.getByText("Saved sponsor “Gull Coffee”.")).toBeVisible();
  await expect(page.getByText("Shown to guests", { exact: true })).toBeVisible();
  await snap(page, "sponsor-with-dpa");

  await guest.reload();
  await expect(guest.getByRole("checkbox", { name: "Offers from Gull Coffee" })).toBeVisible();
  await expect(guest.getByText("sponsor:gull-coffee: wording for Pier Hotel guests.")).toBeVisible();
  await snap(guest, "guest-consent-with-sponsor");
  await guest.close();

  const audit = await db.auditEntry.findMany({ where: { actorId: admin.id }, orderBy: { id: "asc" } });
  expect(audit.map((e) => [e.action, e.entityType])).toEqual([
    ["venue.created", "venue"],
    ["zone.created", "zone"],
    ["access_point.created", "access_point"],
    ["sponsor.created", "sponsor"],
    ["sponsor.updated", "sponsor"],
  ]);
  expect(audit[4]).toMatchObject({
    entityId: sponsor.id,
    before: { dpaReference: null, dpaSignedAt: null },
    after: { dpaReference: "DPA-2026-311", dpaSignedAt: "2026-10-01" },
  });
});

test("errors only the server can find show inline on the field, and nothing is written", async ({ page, db, signInAs, snap }) => {
  const admin = await signInAs(page, "ADMIN");
  const { venue: taken } = await createVenueFixture(db);

  await page.goto("/admin/venues/new");
  const venueForm = page.getByRole("form", { name: "New venue" });
  await venueForm.getByLabel("Venue name").fill("Copy of a venue");
  await venueForm.getByLabel("Slug").fill(taken.slug);
  await venueForm.getByRole("button", { name: "Create venue" }).click();
  const slug = venueForm.getByLabel("Slug");
  await expect(venueForm.getByText("Another venue already uses this slug. Choose a different one.")).toBeVisible();
  await expect(slug).toHaveAttribute("aria-invalid", "true");
  await expect(slug).toHaveAttribute("aria-describedby", /venue-slug-error/);
  await expect(page).toHaveURL(/\/admin\/venues\/new$/);
  await snap(page, "venue-slug-taken");
  expect(await db.venue.count({ where: { name: "Copy of a venue" } })).toBe(0);

  // The MAC's format is checked by the server with the gateway's MAC rules.
  await page.goto(`/admin/venues/${taken.id}`);
  const apForm = page.getByRole("form", { name: "Add an access point" });
  await apForm.getByLabel("MAC address").fill("00:11:22:33");
  await apForm.getByRole("button", { name: "Add access point" }).click();
  await expect(apForm.getByText("Enter a MAC address like 00:11:22:33:44:55.")).toBeVisible();
  await expect(apForm.getByLabel("MAC address")).toHaveAttribute("aria-invalid", "true");
  await snap(page, "access-point-mac-invalid");
  expect(await db.accessPoint.count({ where: { venueId: taken.id } })).toBe(1);
  expect(await db.auditEntry.count({ where: { actorId: admin.id } })).toBe(0);
});

for (const role of ["MARKETER", "LEGAL"] as const satisfies StaffRole[]) {
  test(`a ${role.toLowerCase()} gets 403 on venue pages, and replaying an admin's venue forms changes nothing`, async ({
    page,
    browser,
    db,
    signInAs,
    createStaff,
    snap,
  }) => {
    await signInAs(page, "ADMIN");
    const { venue } = await createVenueFixture(db, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee", withDpa: false }] });
    const sponsor = await db.sponsor.findFirstOrThrow({ where: { venueId: venue.id } });
    const zone = await db.zone.findFirstOrThrow({ where: { venueId: venue.id } });
    const accessPoint = await db.accessPoint.findFirstOrThrow({ where: { venueId: venue.id } });

    await page.goto("/admin/venues/new");
    const createForm = await readActionForm(page, 'form[aria-label="New venue"]');
    await page.goto(`/admin/venues/${venue.id}`);
    const updateForm = await readActionForm(page, 'form[aria-label="Venue details"]');
    const addZoneForm = await readActionForm(page, 'form[aria-label="Add a zone"]');
    await page.goto(`/admin/venues/${venue.id}/sponsors/${sponsor.id}`);
    const sponsorForm = await readActionForm(page, 'form[aria-label="Sponsor details"]');

    const intruder: StaffAccount = await createStaff(role);
    const context = await browser.newContext();
    const other = await context.newPage();
    await signInThroughApi(other, intruder);

    for (const path of [
      "/admin/venues",
      "/admin/venues/new",
      `/admin/venues/${venue.id}`,
      `/admin/venues/${venue.id}/zones/${zone.id}`,
      `/admin/venues/${venue.id}/access-points/${accessPoint.id}`,
      `/admin/venues/${venue.id}/sponsors/${sponsor.id}`,
    ]) {
      const response = await other.goto(path);
      expect(response?.status(), `${role} on ${path}`).toBe(403);
    }
    await expect(other.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await snap(other, `forbidden-${role.toLowerCase()}`);

    const newSlug = `forged-${suffix()}`;
    const venueFields = { name: "Forged venue", slug: newSlug, timezone: "UTC", countryCode: "GB", locales: "en", defaultLocale: "en" };
    const replies = [
      await postActionForm(other, createForm, venueFields),
      await postActionForm(other, updateForm, { name: "Hijacked" }),
      await postActionForm(other, addZoneForm, { name: "Back office", slug: "back-office" }),
      await postActionForm(other, sponsorForm, { dpaReference: "DPA-FORGED", dpaSignedAt: "2026-01-01", active: "on" }),
    ];
    // staffAction refuses, then the page itself, which this role may not see, answers 403.
    for (const reply of replies) expect(reply.status(), "the server refuses the replay").toBe(403);

    expect(await db.venue.count({ where: { slug: newSlug } })).toBe(0);
    expect((await db.venue.findUniqueOrThrow({ where: { id: venue.id } })).name).toBe(venue.name);
    expect(await db.zone.count({ where: { venueId: venue.id } })).toBe(1);
    expect(await db.sponsor.findUniqueOrThrow({ where: { id: sponsor.id } })).toMatchObject({ dpaReference: null, dpaSignedAt: null });
    expect(await db.auditEntry.count({ where: { actorId: intruder.id } })).toBe(0);

    // The same replay from the admin's own session goes through: the refusal above was the role's.
    await postActionForm(page, updateForm, { name: "Renamed by its admin" });
    expect((await db.venue.findUniqueOrThrow({ where: { id: venue.id } })).name).toBe("Renamed by its admin");
    await context.close();
  });
}

test("an admin renames and removes a zone, its access point stays without one; then edits and removes the access point", async ({ page, db, signInAs, snap }) => {
  const admin = await signInAs(page, "ADMIN");
  const { venue, lobby } = await createVenueFixture(db, { locales: ["en"] });

  await page.goto(`/admin/venues/${venue.id}`);
  await page.getByRole("link", { name: "Edit zone Lobby" }).click();
  const zoneForm = page.getByRole("form", { name: "Zone details" });
  await zoneForm.getByLabel("Zone name").fill("Grand lobby");
  await zoneForm.getByRole("button", { name: "Save zone" }).click();
  await expect(zoneForm.getByText("Saved zone “Grand lobby”.")).toBeVisible();
  await expect(page.getByText("Its access point stays registered, without a zone.")).toBeVisible();
  await snap(page, "zone-edit");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Remove zone" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/venues/${venue.id}\\?removed=zone$`));
  await expect(page.getByText("Zone removed. Its access points stay registered, without a zone.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Access points" }).getByRole("row", { name: /00:11:22:33:44:55/ })).toContainText("No zone");
  await snap(page, "zone-removed");

  expect(await db.zone.count({ where: { id: lobby.id } })).toBe(0);
  const accessPoint = await db.accessPoint.findFirstOrThrow({ where: { venueId: venue.id } });
  expect(accessPoint).toMatchObject({ mac: "00:11:22:33:44:55", zoneId: null });

  await page.getByRole("link", { name: "Edit access point 00:11:22:33:44:55" }).click();
  const apForm = page.getByRole("form", { name: "Access point details" });
  await apForm.getByLabel("MAC address").fill("00-11-22-33-44-66");
  await apForm.getByLabel("Access point name (optional)").fill("Front desk");
  await apForm.getByRole("button", { name: "Save access point" }).click();
  await expect(apForm.getByText("Saved access point 00:11:22:33:44:66.")).toBeVisible();
  expect(await db.accessPoint.findUniqueOrThrow({ where: { id: accessPoint.id } })).toMatchObject({ mac: "00:11:22:33:44:66", name: "Front desk" });

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Remove access point" }).click();
  await expect(page.getByText("Access point removed.")).toBeVisible();
  await expect(page.getByText("No access points yet")).toBeVisible();
  expect(await db.accessPoint.count({ where: { venueId: venue.id } })).toBe(0);

  const audit = await db.auditEntry.findMany({ where: { actorId: admin.id }, orderBy: { id: "asc" } });
  expect(audit.map((e) => [e.action, e.entityId])).toEqual([
    ["zone.updated", lobby.id],
    ["zone.deleted", lobby.id],
    ["access_point.updated", accessPoint.id],
    ["access_point.deleted", accessPoint.id],
  ]);
  expect(audit[1]!.before).toMatchObject({ slug: "lobby", name: "Grand lobby", accessPoints: ["00:11:22:33:44:55"] });
  expect(audit[2]).toMatchObject({ before: { mac: "00:11:22:33:44:55", name: null }, after: { mac: "00:11:22:33:44:66", name: "Front desk" } });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the venue forms still work: a taken slug comes back with what was typed, then the venue is created", async ({ page, db, signInAs, snap }) => {
    await signInAs(page, "ADMIN");
    const { venue: taken } = await createVenueFixture(db, { locales: ["en"] });
    const slug = `harbour-${suffix()}`;

    await page.goto("/admin/venues/new");
    const venueForm = page.getByRole("form", { name: "New venue" });
    await venueForm.getByLabel("Venue name").fill("Harbour Bar");
    await venueForm.getByLabel("Slug").fill(taken.slug);
    await venueForm.getByRole("button", { name: "Create venue" }).click();
    await expect(venueForm.getByText("Another venue already uses this slug. Choose a different one.")).toBeVisible();
    await expect(venueForm.getByLabel("Venue name")).toHaveValue("Harbour Bar");
    await snap(page, "no-js-slug-taken");

    await venueForm.getByLabel("Slug").fill(slug);
    await venueForm.getByRole("button", { name: "Create venue" }).click();
    await expect(page).toHaveURL(uuidUrl);
    await expect(page.getByRole("heading", { name: "Harbour Bar" })).toBeVisible();
    const venue = await db.venue.findUniqueOrThrow({ where: { slug } });

    const zoneForm = page.getByRole("form", { name: "Add a zone" });
    await zoneForm.getByLabel("Zone name").fill("Terrace");
    await zoneForm.getByLabel("Zone slug").fill("terrace");
    await zoneForm.getByRole("button", { name: "Add zone" }).click();
    await expect(page.getByText("Zone “Terrace” added.")).toBeVisible();
    expect(await db.zone.count({ where: { venueId: venue.id, slug: "terrace" } })).toBe(1);
  });
});
