// Steps of the guest journey as a guest takes them, and the database reads the specs assert
// on. Labels are what the demo venue shows (prisma/seed.ts copy, lib/i18n/messages/en.json).
import type { Page } from "@playwright/test";

import type { Db } from "@/lib/db/client";

import { expect } from "./fixtures";

export const VENUE = "demo";

/** What a gateway appends when it sends a new device to the splash page. */
export const GATEWAY = {
  client_mac: "AA-BB-CC-DD-EE-01",
  client_ip: "10.0.0.5",
  ap_mac: "00:11:22:33:44:55",
  url: "https://example.com/",
};

/** The same client MAC as stored: lower case, colon-separated. */
export const CLIENT_MAC = "aa:bb:cc:dd:ee:01";

export const en = {
  emailButton: "Continue with email", // the demo venue's published copy replaces "Get online with my email"
  loyaltyLink: "Harbour Rewards member",
  email: "Email",
  name: "Full name",
  phone: "Mobile phone",
  birthday: "Birthday (optional)",
  continue: "Continue",
  consentTitle: "Before you connect",
  terms: "I accept the terms of use",
  marketing: "News and offers from Harbour Hotel",
  acme: "Offers from Acme Coffee",
  northwind: "Offers from Northwind Air",
  connect: "Connect",
  successTitle: "You're online",
  successMessage: "You're online. Enjoy your stay!",
  continueToUrl: "Continue to where you were going",
  emailInvalid: "Enter an email address like name@example.com.",
  termsRequired: "Tick the box to accept the terms of use.",
  submissionInvalid: "Something in the form was not recognised. Please review your choices and try again.",
};

export const OPTIONAL_LABELS = [en.marketing, en.acme, en.northwind];

export function splashPath(gateway: Record<string, string> = GATEWAY): string {
  return `/p/${VENUE}?${new URLSearchParams(gateway).toString()}`;
}

/**
 * The journey token of the page: the form's hidden `j` (a consent page sent in answer to the
 * login post has it in no URL without JavaScript), else the address's `?j=`.
 */
export async function tokenOf(page: Page): Promise<string> {
  const field = page.locator('main form input[name="j"]');
  const token = (await field.count()) > 0 ? await field.inputValue() : new URL(page.url()).searchParams.get("j");
  if (!token) throw new Error(`No journey token on ${page.url()}`);
  return token;
}

/**
 * Waits until the page script has taken over the page's forms. Before that a click posts the
 * plain HTML form, which would hide whether the inline (JavaScript) validation works.
 */
export async function waitForEnhancement(page: Page): Promise<void> {
  await page.waitForSelector("main form[data-enhanced]", { state: "attached" });
}

/** Records the POST requests a page sends (form posts). */
export function countPosts(page: Page): { readonly count: number } {
  let count = 0;
  page.on("request", (request) => {
    if (request.method() === "POST") count += 1;
  });
  return {
    get count() {
      return count;
    },
  };
}

/** The splash page, where email quick access sits. */
export async function openSplash(page: Page, gateway: Record<string, string> = GATEWAY): Promise<void> {
  await page.goto(splashPath(gateway));
  await expect(page.getByLabel(en.email)).toBeVisible();
}

/** Types the email on the splash and sends it; the journey starts here. Returns its token. */
export async function submitEmail(page: Page, email: string): Promise<string> {
  await page.getByLabel(en.email).fill(email);
  await page.getByRole("button", { name: en.emailButton }).click();
  await expect(page.getByRole("heading", { name: en.consentTitle })).toBeVisible();
  return tokenOf(page);
}

/** The consent page of a journey, by its address (as a second tab or a reload would open it). */
export function consentPath(token: string): string {
  return `/p/${VENUE}/consent?j=${token}`;
}

/** Splash → email → the consent page; returns the journey token. */
export async function reachConsent(page: Page, email: string, gateway: Record<string, string> = GATEWAY): Promise<string> {
  await openSplash(page, gateway);
  return submitEmail(page, email);
}

/** Ticks the terms and the given optional boxes (by label), then connects. */
export async function connect(page: Page, optionalLabels: string[] = []): Promise<void> {
  await page.getByRole("checkbox", { name: en.terms }).check();
  for (const label of optionalLabels) await page.getByRole("checkbox", { name: label }).check();
  await page.getByRole("button", { name: en.connect }).click();
  await expect(page.getByRole("heading", { name: en.successTitle })).toBeVisible();
}

/** How many journeys the demo venue has: the splash and refused logins must not add any. */
export async function journeyCount(db: Db): Promise<number> {
  return db.journey.count({ where: { venue: { slug: VENUE } } });
}

/** A journey with everything it wrote: guest, visit (zone, device), consent records and events. */
export async function loadJourney(db: Db, token: string) {
  const journey = await db.journey.findUniqueOrThrow({
    where: { token },
    include: {
      guest: true,
      visit: { include: { zone: true, device: true } },
      consentRecords: { include: { purpose: true, consentText: true }, orderBy: { id: "asc" } },
    },
  });
  const events = await db.event.findMany({ where: { journeyId: journey.id }, orderBy: { id: "asc" } });
  return { ...journey, events };
}

/** Consent decisions of a journey as { purposeKey: granted }. */
export function decisionsOf(journey: Awaited<ReturnType<typeof loadJourney>>): Record<string, boolean> {
  return Object.fromEntries(journey.consentRecords.map((record) => [record.purpose.key, record.granted]));
}

/** Asserts that a journey stored nothing about a guest in the identity store: no guest, no visit, no decisions. */
export async function expectNothingStoredFor(db: Db, token: string, email?: string): Promise<void> {
  const journey = await loadJourney(db, token);
  expect(journey.status).not.toBe("COMPLETED");
  expect(journey.guestId).toBeNull();
  expect(journey.visit).toBeNull();
  expect(journey.consentRecords).toHaveLength(0);
  expect(journey.events.map((e) => e.type)).not.toContain("consent.recorded");
  if (email) expect(await db.guest.count({ where: { emailNormalized: email.trim().toLowerCase() } })).toBe(0);
}
