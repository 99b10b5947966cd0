// An admin reads a gateway's walled garden in the vendor's own syntax, adds a host (a bad line
// refused beside the field, nothing saved) and sees it in the configuration and the audit.
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expect, test } from "../support/staff";

test("an admin sees the MikroTik walled garden for Portico, adds a CDN host, and a typo is refused", async ({ page, db, signInAs, snap, baseURL }) => {
  await signInAs(page, "ADMIN");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const gateway = await db.gateway.create({ data: { venueId: venue.id, slug: "lobby", kind: "mikrotik", name: "Lobby hotspot", settings: { routerAddresses: ["10.5.50.1"] } } });
  const portal = new URL(baseURL!);

  await page.goto(`/admin/venues/${venue.id}/gateways/${gateway.id}`);
  const config = page.getByLabel("Walled garden for MikroTik HotSpot");
  await expect(config).toContainText(`/ip hotspot walled-garden ip add dst-address=${portal.hostname} protocol=tcp dst-port=${portal.port} action=accept`);
  await expect(page.getByText(`${baseURL}/p/${venue.slug}/network-check?gw=lobby`)).toBeVisible();

  await page.getByLabel("Extra hosts").fill("cdn.example.org\nnot a host");
  await page.getByRole("button", { name: "Save extra hosts" }).click();
  await expect(page.getByText("“not a host” is not a host name, *.domain or IP address.")).toBeVisible();
  expect((await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } })).walledGardenHosts ?? []).toEqual([]);

  await page.getByLabel("Extra hosts").fill("cdn.example.org");
  await page.getByRole("button", { name: "Save extra hosts" }).click();
  await expect(page.getByText("Saved 1 extra host for Lobby hotspot.")).toBeVisible();
  await page.reload();
  await expect(config).toContainText("/ip hotspot walled-garden ip add dst-host=cdn.example.org protocol=tcp dst-port=443 action=accept");
  await expect(page.getByLabel("Extra hosts")).toHaveValue("cdn.example.org");
  await snap(page, "gateway-walled-garden");
  expect(await db.auditEntry.count({ where: { entityId: gateway.id, action: "gateway.walled_garden_updated" } })).toBe(1);
});
