// Welcome back at a phone size, JavaScript on and off: a guest's first visit leaves a
// device-bound cookie, and the next visit from the same MAC is one tap under a masked identity
// that records a visit (visit_count 2) and leaves the consent records as they were; wording
// legal published in between is the only thing asked again; "Not you?" forgets the device and
// is the normal journey; a MAC the gateway verified (openNDS level 2, its simulator) needs no
// cookie. Zero taps over RADIUS are covered with the real FreeRADIUS in
// tests/welcome-back/zero-tap-radius.test.ts (no page is involved there).
import { randomBytes } from "node:crypto";

import type { BrowserContext, Page } from "@playwright/test";

import { approveConsentText, draftConsentText, publishConsentText, submitConsentText } from "@/lib/consent/wording";
import { sealSecrets, secretKey } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/client";
import { maskEmail } from "@/lib/welcome-back/mask-identity";
import { startOpenndsSimulator } from "@/tests/support/gateways/opennds";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expectNoAxeViolations } from "./support/axe";
import { expect, runSecretKey, test } from "./support/fixtures";

const terms = "I accept the terms of use";
const randomMac = () => `a2:${[...randomBytes(5)].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;

async function oneTapVenue(db: Db) {
  const fixture = await createVenueFixture(db, { locales: ["en"] });
  await db.venueWelcomeBack.create({ data: { venueId: fixture.venue.id, mode: "ONE_TAP", zeroTapDays: 7 } });
  return fixture;
}

/** The normal journey from the splash the page is on: email, terms only, connect. */
async function firstVisit(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Get online with my email" }).click();
  await page.getByRole("checkbox", { name: terms }).check();
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("heading", { name: "You're online" })).toBeVisible();
}

const guestOf = (db: Db, email: string) => db.guest.findUniqueOrThrow({ where: { emailNormalized: email.toLowerCase() } });
const deviceCookie = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === "portico_device");

/** Legal's own workflow: a marketer drafts, legal approves and publishes (lib/consent/wording). */
async function publishNewWording(db: Db, purposeId: string, body: string) {
  const marketer = await db.staffUser.create({ data: { email: `m.${randomBytes(4).toString("hex")}@staff.example.com`, role: "MARKETER" } });
  const legal = await db.staffUser.create({ data: { email: `l.${randomBytes(4).toString("hex")}@staff.example.com`, role: "LEGAL" } });
  const draft = await draftConsentText(db, { id: marketer.id, role: "MARKETER" }, { purposeId, locale: "en", body });
  await submitConsentText(db, { id: marketer.id, role: "MARKETER" }, { consentTextId: draft.id });
  await approveConsentText(db, { id: legal.id, role: "LEGAL" }, { consentTextId: draft.id });
  return publishConsentText(db, { id: legal.id, role: "LEGAL" }, { consentTextId: draft.id });
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("the same MAC with its device cookie: one tap under a masked identity, a second visit, consent unchanged", async ({ page, context, db, uniqueEmail, snap }) => {
      const { venue } = await oneTapVenue(db);
      const mac = randomMac();
      const splash = `/p/${venue.slug}?client_mac=${mac}&client_ip=10.0.0.9`;
      const email = uniqueEmail("welcome");
      await page.goto(splash);
      await firstVisit(page, email);
      expect(await deviceCookie(context)).toMatchObject({ httpOnly: true, path: `/p/${venue.slug}` });
      const guest = await guestOf(db, email);
      const records = await db.consentRecord.findMany({ where: { guestId: guest.id }, orderBy: { id: "asc" } });

      await page.goto(splash);
      await expect(page.getByRole("heading", { name: `Welcome back, ${maskEmail(email)}` })).toBeVisible();
      expect(await page.content()).not.toContain(email.split("@")[0]);
      await snap(page, "welcome-back");
      // axe runs as a script in the page: with JavaScript off there is nothing to run it in.
      if (javaScriptEnabled) await expectNoAxeViolations(page, "the welcome-back page");
      await page.getByRole("button", { name: "Connect" }).click();
      await expect(page.getByRole("heading", { name: "You're online" })).toBeVisible();

      expect((await guestOf(db, email)).visitCount).toBe(2);
      expect(await db.visit.count({ where: { guestId: guest.id } })).toBe(2);
      expect(await db.consentRecord.findMany({ where: { guestId: guest.id }, orderBy: { id: "asc" } })).toEqual(records);
      expect(await db.accessSession.count({ where: { visit: { guestId: guest.id } } })).toBe(2);

      // Another MAC typed into the address, or the same MAC without the cookie: the normal splash.
      await page.goto(`/p/${venue.slug}?client_mac=${randomMac()}&client_ip=10.0.0.9`);
      await expect(page.getByLabel("Email")).toBeVisible();
      await context.clearCookies();
      await page.goto(splash);
      await expect(page.getByLabel("Email")).toBeVisible();
    });

    test("wording published since the last visit is the only thing asked again, unticked", async ({ page, db, uniqueEmail }) => {
      const { venue, purposes } = await oneTapVenue(db);
      const splash = `/p/${venue.slug}?client_mac=${randomMac()}&client_ip=10.0.0.9`;
      const email = uniqueEmail("wording");
      await page.goto(splash);
      await firstVisit(page, email);
      const guest = await guestOf(db, email);
      const before = await db.consentRecord.count({ where: { guestId: guest.id } });
      const v2 = await publishNewWording(db, purposes.find((p) => p.key === "marketing")!.id, "News and offers, now also by text message.");

      await page.goto(splash);
      await expect(page.getByRole("heading", { name: `Welcome back, ${maskEmail(email)}` })).toBeVisible();
      await expect(page.getByText("News and offers, now also by text message.")).toBeVisible();
      const boxes = page.getByRole("checkbox");
      await expect(boxes).toHaveCount(1);
      await expect(boxes.first()).not.toBeChecked();
      if (javaScriptEnabled) await expectNoAxeViolations(page, "the welcome-back page asking again");
      await boxes.first().check();
      await page.getByRole("button", { name: "Connect" }).click();
      await expect(page.getByRole("heading", { name: "You're online" })).toBeVisible();

      const records = await db.consentRecord.findMany({ where: { guestId: guest.id }, orderBy: { id: "asc" } });
      expect(records).toHaveLength(before + 1);
      expect(records.at(-1)).toMatchObject({ consentTextId: v2.id, granted: true });
      expect((await guestOf(db, email)).visitCount).toBe(2);
    });

    test("“Not you?” forgets the device and is the normal journey", async ({ page, context, db, uniqueEmail }) => {
      const { venue } = await oneTapVenue(db);
      const splash = `/p/${venue.slug}?client_mac=${randomMac()}&client_ip=10.0.0.9`;
      const first = uniqueEmail("notyou");
      await page.goto(splash);
      await firstVisit(page, first);

      await page.goto(splash);
      await page.getByRole("button", { name: "Not you?" }).click();
      await expect(page.getByLabel("Email")).toBeVisible();
      expect(await deviceCookie(context)).toBeUndefined();
      // Someone else on this phone goes through the whole journey as themselves.
      const second = uniqueEmail("someone-else");
      await firstVisit(page, second);
      expect((await guestOf(db, first)).visitCount).toBe(1);
      expect((await guestOf(db, second)).visitCount).toBe(1);
      await page.goto(splash);
      await expect(page.getByRole("heading", { name: `Welcome back, ${maskEmail(second)}` })).toBeVisible();
    });

    test("openNDS level 2: the MAC the gateway encrypted is enough, without a cookie", async ({ browser, db, uniqueEmail, baseURL }) => {
      const faskey = randomBytes(12).toString("hex");
      const client = { ip: "192.168.8.40", mac: randomMac() };
      const { venue } = await oneTapVenue(db);
      const sim = await startOpenndsSimulator({ level: 2, faskey, splashUrl: `${baseURL}/p/${venue.slug}?gw=lobby` });
      const gateway = await db.gateway.create({ data: { venueId: venue.id, slug: "lobby", kind: "opennds", name: "openNDS lobby", settings: { securityLevel: 2, gatewayAddresses: [sim.address] } } });
      const sealed = sealSecrets({ faskey }, { current: secretKey(runSecretKey()) }, `gateway:${gateway.id}`);
      await db.gateway.update({ where: { id: gateway.id }, data: { secrets: new Uint8Array(sealed) } });
      const email = uniqueEmail("opennds");
      const contexts: BrowserContext[] = [];
      const phone = async () => {
        const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-client-ip": client.ip } });
        contexts.push(context);
        return context.newPage();
      };
      try {
        const first = await phone();
        await first.goto(sim.redirectFor(client, "http://example.com/"));
        await firstVisit(first, email);
        // A browser without any cookie (a captive mini-browser that dropped it): openNDS's word suffices.
        const later = await phone();
        await later.goto(sim.redirectFor(client, "http://example.com/"));
        await expect(later.getByRole("heading", { name: `Welcome back, ${maskEmail(email)}` })).toBeVisible();
        await later.getByRole("button", { name: "Connect" }).click();
        await expect(later.getByRole("heading", { name: "You're online" })).toBeVisible();
        expect((await guestOf(db, email)).visitCount).toBe(2);
        expect(await db.accessSession.count({ where: { gatewayId: gateway.id, status: "GRANTED", clientMac: client.mac } })).toBe(2);
        expect(sim.clients.get(client.ip)?.authenticated).toBe(true);
      } finally {
        for (const context of contexts) await context.close();
        await sim.close();
      }
    });
  });
}
