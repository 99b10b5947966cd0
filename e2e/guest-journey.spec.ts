// The guest journey splash (with email quick access) → consent → success, with and without
// JavaScript, and what it leaves in the identity store and the consent ledger.
import { expect, test } from "./support/fixtures";
import {
  CLIENT_MAC,
  connect,
  decisionsOf,
  en,
  journeyCount,
  loadJourney,
  OPTIONAL_LABELS,
  reachConsent,
  splashPath,
  submitEmail,
  waitForEnhancement,
} from "./support/journey";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`email journey, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("splash → email → consent → success stores guest, device, visit, consent and events", async ({ page, db, uniqueEmail, snap }) => {
      const email = uniqueEmail(javaScriptEnabled ? "Guest.JsOn" : "Guest.JsOff").replace("@example.com", "@Example.COM");

      const journeysBefore = await journeyCount(db);
      await page.goto(splashPath());
      await expect(page.getByRole("heading", { name: "Welcome to Harbour Hotel" })).toBeVisible();
      await snap(page, "splash");
      // The splash page writes nothing: a captive-network probe fetching it opens no journey.
      await page.reload();
      expect(await journeyCount(db)).toBe(journeysBefore);

      if (javaScriptEnabled) await waitForEnhancement(page);
      const token = await submitEmail(page, `  ${email}  `);
      await expect(page.getByText("I have read and accept the Harbour Hotel guest WiFi acceptable-use terms.")).toBeVisible();
      await snap(page, "consent");
      // The journey exists from the login on, holding the answers until consent.
      expect((await loadJourney(db, token)).identity).toEqual({ email: email.trim(), emailNormalized: email.trim().toLowerCase() });

      if (javaScriptEnabled) await waitForEnhancement(page);
      await connect(page, [en.marketing]);
      await expect(page.getByText(en.successMessage)).toBeVisible();
      await expect(page.getByRole("link", { name: en.continueToUrl })).toHaveAttribute("href", "https://example.com/");
      await snap(page, "success");

      const journey = await loadJourney(db, token);
      expect(journey.status).toBe("COMPLETED");
      expect(journey.loginMethod).toBe("EMAIL");
      expect(journey.clientMac).toBe(CLIENT_MAC);
      expect(journey.clientIp).toBe("10.0.0.5");
      expect(journey.apMac).toBe("00:11:22:33:44:55");
      expect(journey.originalUrl).toBe("https://example.com/");
      // The guest's details now live in the identity store only.
      expect(journey.identity).toBeNull();

      const guest = journey.guest!;
      expect(guest).not.toBeNull();
      expect(guest.emailNormalized).toBe(email.toLowerCase());
      expect(guest.email).toBe(email);
      expect(guest.visitCount).toBe(1);
      expect(await db.guest.count({ where: { emailNormalized: email.toLowerCase() } })).toBe(1);

      const devices = await db.device.findMany({ where: { guestId: guest.id } });
      expect(devices).toHaveLength(1);
      expect(devices[0]!.macAddress).toBe(CLIENT_MAC);
      expect(devices[0]!.deviceType).toBe("MOBILE");

      expect(journey.visit).not.toBeNull();
      expect(journey.visit!.zone?.slug).toBe("lobby");
      expect(journey.visit!.accessPointMac).toBe("00:11:22:33:44:55");
      expect(journey.visit!.deviceId).toBe(devices[0]!.id);
      expect(journey.visit!.loginMethod).toBe("EMAIL");

      // One record per box shown, ticked or not, each naming the published English wording it answered.
      expect(journey.consentRecords).toHaveLength(4);
      expect(decisionsOf(journey)).toEqual({
        terms: true,
        marketing: true,
        "sponsor:acme-coffee": false,
        "sponsor:northwind-air": false,
      });
      for (const record of journey.consentRecords) {
        expect(record.guestId).toBe(guest.id);
        expect(record.method).toBe("PORTAL");
        // The browser's own address (the socket's: no proxy is trusted here), not a header it could forge.
        expect(record.ip).toBe("127.0.0.1");
        expect(record.consentText.locale).toBe("en");
        expect(record.consentText.status).toBe("PUBLISHED");
      }

      expect(journey.events.map((e) => e.type).sort()).toEqual(["access.granted", "consent.recorded", "guest.created", "journey.identified", "visit.started"].sort());

      // The demo venue has no gateway: the device's access is recorded, nobody is told.
      const access = await db.accessSession.findUniqueOrThrow({ where: { journeyId: journey.id } });
      expect(access).toMatchObject({ status: "GRANTED", grantKind: "granted", gatewayId: null, clientMac: "aa:bb:cc:dd:ee:01", visitId: journey.visit!.id, minutes: 60 });
    });

    test("every consent box starts unticked", async ({ page, uniqueEmail, snap }) => {
      await reachConsent(page, uniqueEmail("unticked"));
      if (javaScriptEnabled) await waitForEnhancement(page);

      const boxes = page.getByRole("checkbox");
      await expect(boxes).toHaveCount(4);
      for (const label of [en.terms, ...OPTIONAL_LABELS]) {
        await expect(page.getByRole("checkbox", { name: label })).not.toBeChecked();
      }
      await snap(page, "consent-unticked");
    });

    test("each page is one request: no script, stylesheet or font loads from anywhere", async ({ page, uniqueEmail }) => {
      const loaded: string[] = [];
      page.on("request", (request) => {
        if (request.resourceType() !== "document") loaded.push(`${request.resourceType()} ${request.url()}`);
      });
      await reachConsent(page, uniqueEmail("one-request"));
      await connect(page);
      expect(loaded).toEqual([]);
    });
  });
}

test("the consent and success pages answer their form posts directly, and with JavaScript take their own address, so a reload sends nothing again", async ({ page, db, uniqueEmail }) => {
  const documents: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "document") documents.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  const token = await reachConsent(page, uniqueEmail("own-address"));
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/p/demo/consent?j=${token}`);
  const journeys = await journeyCount(db);
  await page.reload();
  await expect(page.getByRole("heading", { name: en.consentTitle })).toBeVisible();
  expect(await journeyCount(db)).toBe(journeys);

  await connect(page);
  expect(new URL(page.url()).search).toBe(`?j=${token}`);
  await page.reload();
  await expect(page.getByRole("heading", { name: en.successTitle })).toBeVisible();
  // splash, login → consent page, reload, consent → success page, reload: no redirects in between.
  expect(documents).toEqual(["GET /p/demo", "POST /p/demo/login", "GET /p/demo/consent", "POST /p/demo/consent", "GET /p/demo/success"]);
  expect((await loadJourney(db, token)).consentRecords).toHaveLength(4);
});

test("ticking one sponsor grants exactly that sponsor", async ({ page, db, uniqueEmail, snap }) => {
  const token = await reachConsent(page, uniqueEmail("one-sponsor"));
  await waitForEnhancement(page);
  await page.getByRole("checkbox", { name: en.northwind }).check();
  await snap(page, "consent-one-sponsor");
  await connect(page);

  const journey = await loadJourney(db, token);
  expect(journey.consentRecords).toHaveLength(4);
  expect(decisionsOf(journey)).toEqual({
    terms: true,
    marketing: false,
    "sponsor:acme-coffee": false,
    "sponsor:northwind-air": true,
  });
  const northwind = journey.consentRecords.find((r) => r.purpose.key === "sponsor:northwind-air")!;
  const sponsor = await db.sponsor.findUniqueOrThrow({ where: { id: northwind.purpose.sponsorId! } });
  expect(sponsor.name).toBe("Northwind Air");
});

test("a returning guest typing their email differently is the same guest, counted twice", async ({ page, db, uniqueEmail, snap }) => {
  const email = uniqueEmail("returning");

  const first = await reachConsent(page, email);
  await connect(page);

  const second = await reachConsent(page, `  ${email.toUpperCase()} `);
  await connect(page);
  await snap(page, "success-returning");

  const [one, two] = [await loadJourney(db, first), await loadJourney(db, second)];
  expect(one.guestId).not.toBeNull();
  expect(two.guestId).toBe(one.guestId);

  const guests = await db.guest.findMany({ where: { emailNormalized: email.toLowerCase() } });
  expect(guests).toHaveLength(1);
  expect(guests[0]!.visitCount).toBe(2);
  expect(await db.visit.count({ where: { guestId: guests[0]!.id } })).toBe(2);
  // Same MAC, same guest: the device is recognised, not duplicated.
  expect(await db.device.count({ where: { guestId: guests[0]!.id } })).toBe(1);
  expect(two.events.map((e) => e.type)).toContain("guest.returned");
  expect(two.events.map((e) => e.type)).not.toContain("guest.created");
});

test("a forged X-Forwarded-For does not become the consent evidence's address", async ({ page, db, uniqueEmail }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "6.6.6.6", "x-portico-client-ip": "7.7.7.7" });
  const token = await reachConsent(page, uniqueEmail("forged-ip"));
  await connect(page);
  const journey = await loadJourney(db, token);
  expect(journey.ip).toBe("127.0.0.1");
  expect(new Set(journey.consentRecords.map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
});
