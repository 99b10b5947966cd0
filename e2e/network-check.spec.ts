// The technician's walled-garden check, opened on a phone before signing in: every host the
// sign-in needs is asked for from the device, and the page says which answered, which did not,
// and that a host outside the walled garden is (as it should be) out of reach.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { freePort } from "@/bench/support/free-port";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expect, test } from "./support/fixtures";

let reachable: Server;
let closedPort: number;

test.beforeAll(async () => {
  reachable = createServer((_request, response) => response.end("ok"));
  await new Promise<void>((resolve) => reachable.listen(0, "127.0.0.1", resolve));
  // A port nothing listens on: free right now, and nothing here takes it.
  closedPort = await freePort();
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => reachable?.close(() => resolve()));
});

test("the check reports Portico and a listening host reachable, a dead host not, and the outside world blocked", async ({ page, db, baseURL, snap }) => {
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const reachablePort = (reachable.address() as AddressInfo).port;
  await db.gateway.create({
    data: {
      venueId: venue.id,
      slug: "lobby",
      kind: "mikrotik",
      name: "Lobby hotspot",
      settings: { routerAddresses: ["10.5.50.1"] },
      walledGardenHosts: [`http://127.0.0.1:${reachablePort}`, `http://127.0.0.1:${closedPort}`],
    },
  });

  await page.goto(`/p/${venue.slug}/network-check`);
  await expect(page.getByRole("heading", { name: "Walled-garden check" })).toBeVisible();
  const row = (label: string) => page.getByRole("listitem").filter({ hasText: label });
  const portal = new URL(baseURL!);
  await expect(row(`${portal.hostname}:${portal.port}`)).toContainText(/Reachable \(\d+ ms\)/);
  await expect(row(`127.0.0.1:${reachablePort}`)).toContainText(/Reachable \(\d+ ms\)/);
  await expect(row(`127.0.0.1:${closedPort}`)).toContainText("Not reachable");
  // This machine has no way out, as a guest network before sign-in should not.
  await expect(row("example.com")).toContainText("Blocked, as it should be before sign-in", { timeout: 15_000 });
  await expect(page.getByRole("status").first()).toHaveText("1 check(s) failed: see below.");
  await snap(page, "network-check");
});

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the page is the list to compare with the controller, and says the check needs JavaScript", async ({ page, db }) => {
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    await db.gateway.create({ data: { venueId: venue.id, slug: "lobby", kind: "none", name: "Front desk", walledGardenHosts: ["cdn.example.org"] } });
    await page.goto(`/p/${venue.slug}/network-check?gw=lobby`);
    await expect(page.getByText("This check needs JavaScript.")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "cdn.example.org:443" })).toContainText("Added on this gateway's page");
  });

  test("a venue with several gateways asks which one", async ({ page, db }) => {
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    await db.gateway.createMany({ data: ["a", "b"].map((slug) => ({ venueId: venue.id, slug, kind: "none", name: slug })) });
    const response = await page.goto(`/p/${venue.slug}/network-check`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Which gateway?" })).toBeVisible();
  });
});
