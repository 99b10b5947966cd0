// A venue's gateways, as an admin sets them up: the vendor picker, the form drawn from the
// adapter's schemas (None: nothing to set), the splash URL to enter on the controller, a slug
// the venue already uses refused beside its field, a rename, and removal. Other roles get a
// 403 on the pages, and replaying an admin's form as them changes nothing.
import { randomBytes } from "node:crypto";

import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expect, postActionForm, readActionForm, signInThroughApi, test } from "../support/staff";

const slugSuffix = () => randomBytes(2).toString("hex");

test("an admin adds a None gateway, sees its splash URL, is refused a slug already in use, renames it and removes it", async ({ page, db, signInAs, snap, baseURL }) => {
  await signInAs(page, "ADMIN");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  // Not "Lobby": the venue fixture has a zone of that name, and its rows would match too.
  const slug = `front-desk-${slugSuffix()}`;
  const splashUrl = `${baseURL}/p/${venue.slug}?gw=${slug}`;

  await page.goto(`/admin/venues/${venue.id}`);
  await expect(page.getByText("No gateways yet")).toBeVisible();
  await page.getByRole("link", { name: "Add a gateway" }).click();
  await expect(page.getByRole("heading", { name: "Add a gateway", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "None (no gateway)" }).click();
  await expect(page.getByText("None (no gateway) needs no settings or credentials.")).toBeVisible();

  // The slug is checked before anything is written, and what was typed comes back.
  await page.getByLabel("Name", { exact: true }).fill("Front desk");
  await page.getByLabel("Slug").fill("Front Desk");
  await page.getByRole("button", { name: "Add None (no gateway)" }).click();
  await expect(page.getByText(/^Use lowercase letters, digits and single hyphens/)).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Front desk");
  expect(await db.gateway.count({ where: { venueId: venue.id } })).toBe(0);

  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Add None (no gateway)" }).click();
  await expect(page.getByText("Gateway added. Enter its splash URL on the controller")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Front desk", level: 1 })).toBeVisible();
  // The first copyable value is the splash URL; the walled-garden card's check link follows.
  await expect(page.locator("[data-copyable]").first()).toHaveText(splashUrl);
  await snap(page, "gateway-added");

  const gateway = await db.gateway.findFirstOrThrow({ where: { venueId: venue.id } });
  expect(gateway).toMatchObject({ kind: "none", name: "Front desk", slug });
  expect(await db.auditEntry.count({ where: { entityId: gateway.id, action: "gateway.created" } })).toBe(1);

  // The venue's card lists it with the same URL.
  await page.goto(`/admin/venues/${venue.id}`);
  const row = page.getByRole("row").filter({ hasText: slug });
  await expect(row).toContainText("Front desk");
  await expect(row).toContainText("None (no gateway)");
  await expect(row.locator("[data-copyable]")).toHaveText(splashUrl);
  await snap(page, "venue-gateways");

  // A second gateway may not take the first one's slug.
  await page.goto(`/admin/venues/${venue.id}/gateways/new?kind=none`);
  await page.getByLabel("Name", { exact: true }).fill("Terrace");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Add None (no gateway)" }).click();
  await expect(page.getByText("This venue already has a gateway with this slug.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Terrace");
  expect(await db.gateway.count({ where: { venueId: venue.id } })).toBe(1);

  await page.goto(`/admin/venues/${venue.id}`);
  await page.getByRole("row").filter({ hasText: slug }).getByRole("link", { name: "Front desk" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Front desk controller");
  await page.getByRole("button", { name: "Save gateway" }).click();
  await expect(page.getByText("Saved Front desk controller. Its credentials were kept.")).toBeVisible();
  await expect.poll(async () => (await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } })).name).toBe("Front desk controller");

  // Access tiers: a bad number is refused where it was typed; a good one is saved.
  const email = page.getByRole("group", { name: /Email quick access/ });
  await email.getByLabel("Download (kbit/s)").fill("fast");
  await page.getByRole("button", { name: "Save access tiers" }).click();
  await expect(email.getByText(/Leave blank for no limit, or enter a whole number/)).toBeVisible();
  await email.getByLabel("Download (kbit/s)").fill("2000");
  await page.getByRole("group", { name: /Loyalty members/ }).getByLabel("Data allowance (MB)").fill("5000");
  await page.getByRole("button", { name: "Save access tiers" }).click();
  await expect(page.getByText("Saved the access tiers of Front desk controller.", { exact: false })).toBeVisible();
  await expect.poll(async () => (await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } })).tierLimits).toEqual({ EMAIL: { downKbps: 2000 }, LOYALTY: { quotaMb: 5000 } });

  await page.getByRole("button", { name: "Remove this gateway" }).click();
  await expect(page.getByText("Gateway removed.")).toBeVisible();
  await expect(page.getByText("No gateways yet")).toBeVisible();
  expect(await db.gateway.findUnique({ where: { id: gateway.id } })).toBeNull();
  expect(await db.auditEntry.findMany({ where: { entityId: gateway.id }, orderBy: { id: "asc" }, select: { action: true } })).toEqual([
    { action: "gateway.created" },
    { action: "gateway.updated" },
    { action: "gateway.tiers_updated" },
    { action: "gateway.deleted" },
  ]);
});

test("a marketer gets 403 on the gateway pages, and replaying an admin's gateway forms changes nothing", async ({ page, browser, db, signInAs, createStaff }) => {
  await signInAs(page, "ADMIN");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const gateway = await db.gateway.create({ data: { venueId: venue.id, kind: "none", name: "Lobby", slug: "lobby" } });
  const newPath = `/admin/venues/${venue.id}/gateways/new?kind=none`;
  const editPath = `/admin/venues/${venue.id}/gateways/${gateway.id}`;
  await page.goto(newPath);
  const createForm = await readActionForm(page, 'form[aria-label="Add None (no gateway)"]');
  await page.goto(editPath);
  const editForm = await readActionForm(page, 'form[aria-label="None (no gateway) gateway settings"]');
  const removeForm = await readActionForm(page, 'form[aria-label="Remove this gateway"]');

  const marketer = await createStaff("MARKETER");
  const context = await browser.newContext();
  const other = await context.newPage();
  await signInThroughApi(other, marketer);
  for (const path of [newPath, editPath]) {
    const response = await other.goto(path);
    expect(response?.status(), `marketer on ${path}`).toBe(403);
  }
  await expect(other.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  const replies = [
    await postActionForm(other, createForm, { name: "Forged", slug: "forged" }),
    await postActionForm(other, editForm, { name: "Hijacked", slug: "lobby" }),
    await postActionForm(other, removeForm),
  ];
  for (const reply of replies) expect(reply.status(), "the server refuses the replay").toBe(403);
  expect(await db.gateway.findMany({ where: { venueId: venue.id }, select: { name: true, slug: true } })).toEqual([{ name: "Lobby", slug: "lobby" }]);
  expect(await db.auditEntry.count({ where: { actorId: marketer.id } })).toBe(0);
  await context.close();
});
