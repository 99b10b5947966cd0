// The guest pages' fast path (lib/runtime/guest-routes.ts) serves every page of the journey
// itself, so a page added under app/(portal)/p/[venue]/ cannot quietly fall back to Next's
// slower router; the pages a crowd does not load are named here as Next's.
import { readdirSync } from "node:fs";
import type { IncomingMessage } from "node:http";

import { expect, it } from "vitest";

import { loadGuestRoutes } from "@/lib/runtime/guest-routes";

const servedByNext = ["my-data", "network-check"];
const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;

it("serves every journey page under app/(portal)/p/[venue]/, and leaves the rest to Next", async () => {
  const routes = await loadGuestRoutes();
  const pages = readdirSync("app/(portal)/p/[venue]", { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  expect(pages).toEqual(expect.arrayContaining([...servedByNext, "voucher", "welcome-back"]));
  expect(routes.match(request("GET", "/p/harbour-hotel?gw_address=1"))?.venue).toBe("harbour-hotel");
  for (const page of pages) {
    const route = routes.match(request("GET", `/p/harbour-hotel/${page}?lang=fr`));
    if (servedByNext.includes(page)) expect(route, page).toBeNull();
    else expect(route?.venue, page).toBe("harbour-hotel");
  }
  expect(routes.match(request("HEAD", "/p/harbour-hotel/voucher"))).not.toBeNull();
  expect(routes.match(request("DELETE", "/p/harbour-hotel/voucher"))).toBeNull();
  expect(routes.match(request("GET", "/p/harbour-hotel/voucher/extra"))).toBeNull();
});
