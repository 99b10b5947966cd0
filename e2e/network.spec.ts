// The device gets online: a guest sent to the splash by a gateway (a protocol-faithful
// simulator of it) signs in and consents, and the browser is sent to the gateway's own grant
// address with what the gateway needs, with JavaScript on and off.
//   Meraki click-through: base_grant_url with continue_url and duration.
//   openNDS FAS level 2: /opennds_auth/ with the token openNDS checks (sha256(hid + faskey)).
//   MikroTik hotspot (HTTP-CHAP): the success page posts the router's login form to the router
//   (at once with JavaScript, one tap without), which checks the CHAP answer.
import { randomBytes } from "node:crypto";

import { sealSecrets, secretKey } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/client";
import { clientMacHeader } from "@/tests/support/gateways/form-login-server";
import { startMerakiCloud, type MerakiCloud } from "@/tests/support/gateways/meraki";
import { startMikrotikSimulator, type MikrotikSimulator } from "@/tests/support/gateways/mikrotik";
import { startOpenndsSimulator, type OpenndsSimulator } from "@/tests/support/gateways/opennds";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expect, runSecretKey, test } from "./support/fixtures";

let meraki: MerakiCloud;
test.beforeAll(async () => {
  meraki = await startMerakiCloud();
});
test.afterAll(async () => {
  await meraki?.close();
});

/** A gateway as the staff area stores it: settings in the clear, credentials sealed with the app's key. */
async function addGateway(db: Db, venueId: string, kind: string, settings: object, secrets: object) {
  const gateway = await db.gateway.create({ data: { venueId, slug: "lobby", kind, name: `${kind} lobby`, settings } });
  const sealed = sealSecrets(secrets, { current: secretKey(runSecretKey()) }, `gateway:${gateway.id}`);
  await db.gateway.update({ where: { id: gateway.id }, data: { secrets: new Uint8Array(sealed) } });
  return gateway;
}

const terms = "I accept the terms of use";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("Meraki click-through: the browser lands on the grant URL with continue_url and duration, then on the success page", async ({ page, db, uniqueEmail, baseURL, snap }) => {
      const { venue } = await createVenueFixture(db, { locales: ["en"] });
      const gateway = await addGateway(db, venue.id, "meraki", { mode: "clickThrough", grantHosts: ["127.0.0.1"] }, {});
      const client = { clientMac: "0a:1b:2c:3d:4e:5f", clientIp: "10.20.0.7", apMac: "00:18:0a:aa:bb:cc", continueUrl: "http://example.com/news" };
      const before = meraki.grants.length;

      await page.goto(meraki.splashRedirect(`${baseURL}/p/${venue.slug}?gw=lobby`, "clickThrough", client));
      await page.getByLabel("Email").fill(uniqueEmail("meraki"));
      await page.getByRole("button", { name: "Get online with my email" }).click();
      await page.getByRole("checkbox", { name: terms }).check();
      await snap(page, "consent");
      await page.getByRole("button", { name: "Connect" }).click();

      // Meraki's grant host let the device on and sent the browser to Portico's success page.
      await expect(page.getByRole("heading", { name: "You're online" })).toBeVisible();
      await snap(page, "success");
      const grant = meraki.grants[before]!;
      expect(grant.duration).toBe(String(60 * 60));
      expect(grant.continueUrl).toMatch(new RegExp(`^${baseURL}/p/${venue.slug}/success\\?j=`));
      const session = await db.accessSession.findFirstOrThrow({ where: { gatewayId: gateway.id } });
      expect(session).toMatchObject({ status: "GRANTED", grantKind: "redirect", clientMac: client.clientMac, clientIp: client.clientIp });
    });

    test("openNDS FAS level 2: the browser lands on /opennds_auth/ with the token openNDS checks", async ({ browser, db, uniqueEmail, baseURL }) => {
      const faskey = randomBytes(12).toString("hex");
      let sim: OpenndsSimulator | undefined;
      // openNDS tells its clients apart by address; the simulator by this header.
      const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-client-ip": "192.168.8.23" } });
      try {
        const { venue } = await createVenueFixture(db, { locales: ["en"] });
        sim = await startOpenndsSimulator({ level: 2, faskey, splashUrl: `${baseURL}/p/${venue.slug}?gw=lobby` });
        const gateway = await addGateway(db, venue.id, "opennds", { securityLevel: 2, gatewayAddresses: [sim.address] }, { faskey });
        const page = await context.newPage();
        const authRequests: string[] = [];
        page.on("request", (request) => {
          if (request.url().includes("/opennds_auth/")) authRequests.push(request.url());
        });

        await page.goto(sim.redirectFor({ ip: "192.168.8.23", mac: "0a:1b:2c:3d:4e:60" }, "http://example.com/"));
        await page.getByLabel("Email").fill(uniqueEmail("opennds"));
        await page.getByRole("button", { name: "Get online with my email" }).click();
        await page.getByRole("checkbox", { name: terms }).check();
        await page.getByRole("button", { name: "Connect" }).click();
        await expect(page.getByRole("heading", { name: "You're online" })).toBeVisible();

        const client = sim.clients.get("192.168.8.23")!;
        expect(client.authenticated).toBe(true);
        expect(authRequests).toHaveLength(1);
        const auth = new URL(authRequests[0]!);
        expect(auth.host).toBe(sim.address);
        expect(auth.searchParams.get("tok")).toMatch(/^[0-9a-f]{64}$/);
        expect(auth.searchParams.get("redir")).toMatch(new RegExp(`^${baseURL}/p/${venue.slug}/success\\?j=`));
        // What the encrypted query said, not what the browser could claim.
        const session = await db.accessSession.findFirstOrThrow({ where: { gatewayId: gateway.id } });
        expect(session).toMatchObject({ status: "GRANTED", grantKind: "redirect", clientMac: "0a:1b:2c:3d:4e:60", clientIp: "192.168.8.23" });
      } finally {
        await context.close();
        await sim?.close();
      }
    });

    test("MikroTik HTTP-CHAP: the browser posts the router's login form and the router lets the device on", async ({ browser, db, uniqueEmail, baseURL }) => {
      const credentialKey = randomBytes(24).toString("base64url");
      const mac = "0a:1b:2c:3d:4e:62";
      let sim: MikrotikSimulator | undefined;
      // The router knows its clients by address; the simulator by this header.
      const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { [clientMacHeader]: mac } });
      try {
        const { venue } = await createVenueFixture(db, { locales: ["en"] });
        sim = await startMikrotikSimulator({ splashUrl: `${baseURL}/p/${venue.slug}?gw=lobby`, credentialKey, loginBy: "http-chap" });
        const gateway = await addGateway(db, venue.id, "mikrotik", { routerAddresses: [sim.host] }, { credentialKey });
        const page = await context.newPage();
        await page.goto(sim.redirectFor({ mac, ip: "10.5.50.30" }, "http://example.com/"));
        await page.getByLabel("Email").fill(uniqueEmail("mikrotik"));
        await page.getByRole("button", { name: "Get online with my email" }).click();
        await page.getByRole("checkbox", { name: terms }).check();
        await page.getByRole("button", { name: "Connect" }).click();
        if (!javaScriptEnabled) await page.getByRole("button", { name: "Finish connecting" }).click();
        // The router accepted the answer and sent the browser to dst: Portico's success page.
        await expect.poll(() => sim!.clients.get(mac)?.loggedIn).toBe(true);
        await page.waitForURL(new RegExp(`/p/${venue.slug}/success\\?j=`));
        await expect(page.getByRole("heading", { name: "You're online" })).toBeVisible();
        const session = await db.accessSession.findFirstOrThrow({ where: { gatewayId: gateway.id } });
        expect(sim.clients.get(mac)).toMatchObject({ loggedIn: true, username: session.id });
        expect(session).toMatchObject({ status: "GRANTED", grantKind: "form" });
      } finally {
        await context.close();
        await sim?.close();
      }
    });
  });
}

test("a tampered openNDS redirect is refused with a message, and nothing is written", async ({ page, db, baseURL }) => {
  const faskey = randomBytes(12).toString("hex");
  const { venue } = await createVenueFixture(db, { locales: ["en"] });
  const sim = await startOpenndsSimulator({ level: 2, faskey, splashUrl: `${baseURL}/p/${venue.slug}?gw=lobby` });
  try {
    await addGateway(db, venue.id, "opennds", { securityLevel: 2, gatewayAddresses: [sim.address] }, { faskey: "SomeOtherKey1234" });
    await page.goto(sim.redirectFor({ ip: "192.168.8.24", mac: "0a:1b:2c:3d:4e:61" }, "http://example.com/"));
    await page.getByLabel("Email").fill("tampered@example.com");
    await page.getByRole("button", { name: "Get online with my email" }).click();
    await expect(page.getByText("This sign-in link from the WiFi network could not be checked.")).toBeVisible();
    expect(await db.journey.count({ where: { venueId: venue.id } })).toBe(0);
  } finally {
    await sim.close();
  }
});
