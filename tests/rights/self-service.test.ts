// "Manage my data" against real PostgreSQL, the real job queue and a local SMTP server: the
// link is mailed and opens once; expired, reused and forged links are refused; an unknown
// address gets the same page and no email; the rate limits hold; a withdrawal is a ledger
// record that stops the pending send and reaches the recipients as their vendor's opt-out;
// the ZIP holds the guest's data; the guest can erase themselves.
import { randomBytes } from "node:crypto";

import { strFromU8, unzipSync } from "fflate";
import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { secretKey } from "@/lib/crypto";
import { createPool, createPrismaClient, type Db } from "@/lib/db/client";
import { hubspotSettingsSchema } from "@/lib/delivery/connectors/hubspot";
import { generateWebhookSecret } from "@/lib/delivery/connectors/webhook";
import { erasureSubjectBox } from "@/lib/delivery/erasure-subject";
import { drainConnector, type DrainOptions } from "@/lib/delivery/worker";
import { startJobRunner, type JobRunner } from "@/lib/jobs/job-runner";
import { smtpMailer } from "@/lib/mail";
import {
  buildAccessExport,
  changeSelfServiceConsent,
  eraseSelf,
  expiredLinkHours,
  guestConsentChoices,
  inspectSelfServiceLink,
  loadSelfServiceSession,
  openSelfServiceLink,
  purgeSelfServiceLinks,
  requestSelfServiceLink,
  selfServiceKeys,
  type SelfServiceSession,
} from "@/lib/rights/self-service";
import { checkLinkToken, signLinkToken } from "@/lib/rights/self-service/link-token";

import { hubspotContractToken, startHubspotContract } from "../support/contracts/hubspot";
import { startWebhookReceiver } from "../support/contracts/webhook-receiver";
import { createFreshDatabase, dropDatabase } from "../support/database";
import { consentedGuest, createConnector, plainSecretStore } from "../support/delivery-fixture";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { createVenueFixture } from "../support/venue-fixture";

const origin = "https://wifi.example.com";
const rootKey = randomBytes(32);
const keys = selfServiceKeys({ current: secretKey(rootKey) });
const subjects = erasureSubjectBox({ current: secretKey(rootKey) });
let url: string;
let pool: pg.Pool;
let db: Db;
let runner: JobRunner;
let smtp: TestSmtpServer;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  url = await createFreshDatabase();
  pool = createPool(url, 4);
  db = createPrismaClient(pool);
  smtp = await startTestSmtpServer();
  // What the route handlers read (lib/env, lib/db): this database, this mail server, this key.
  Object.assign(process.env, { PORTICO_SMTP_URL: smtp.url, PORTICO_MAIL_FROM: "WiFi <wifi@example.com>", NEXTAUTH_URL: origin, PORTICO_SECRET_KEY: rootKey.toString("base64"), DATABASE_URL: url });
  (globalThis as { porticoPool?: pg.Pool }).porticoPool = pool;
  const settings = { smtpUrl: smtp.url, from: "WiFi <wifi@example.com>", publicOrigin: origin };
  runner = await startJobRunner({ db, pool, jobs: [], pollingIntervalSeconds: 0.5, mail: { settings, mailer: smtpMailer(settings), keys } });
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
afterAll(async () => {
  await runner?.stop();
  await smtp?.close();
  await db?.$disconnect();
  await pool?.end();
  if (url) await dropDatabase(url);
});

const tag = () => randomBytes(3).toString("hex");

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The link in the email, and its token. */
function linkIn(text: string): { href: string; token: string } {
  const href = /https:\/\/wifi\.example\.com\/p\/[^\s"]+/.exec(text)?.[0];
  if (!href) throw new Error(`no link in ${text}`);
  return { href, token: new URL(href).searchParams.get("t")! };
}

async function mailedLink(venue: { id: string }, email: string, ip = `192.0.2.${Math.floor(Math.random() * 200) + 1}`) {
  const before = smtp.messages.length;
  const asked = await requestSelfServiceLink(db, keys, { venueId: venue.id, email, locale: "en", ip });
  expect(asked.status).toBe("queued");
  const mail = await smtp.waitFor(email, { after: before });
  return { mail, ...linkIn(mail.text) };
}

async function openedSession(venue: { id: string }, email: string): Promise<SelfServiceSession> {
  const { token } = await mailedLink(venue, email);
  const opened = await openSelfServiceLink(db, keys, token);
  if (opened.status !== "opened") throw new Error(opened.status);
  return (await loadSelfServiceSession(db, opened.cookie))!;
}

describe("the link", () => {
  it("is mailed to a known guest, stored only as a hash, opens once and gives a session", async () => {
    const { venue } = await createVenueFixture(db);
    const email = `known-${tag()}@example.com`;
    const guest = await consentedGuest(db, venue, { email, granted: [] });
    const { mail, href, token } = await mailedLink(venue, email);
    expect(mail.subject).toContain(venue.name);
    expect(href.startsWith(`${origin}/p/${venue.slug}/my-data/open?t=`)).toBe(true);
    expect(mail.html).toContain("my-data/open");

    const secret = token.split(".")[1]!;
    const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM self_service_link WHERE token_hash = ${secret} OR token_hash IS NULL AND outcome = 'sent'`;
    expect(rows[0]!.n).toBe(0);
    expect(await inspectSelfServiceLink(db, keys, token)).toBe("usable");

    const opened = await openSelfServiceLink(db, keys, token);
    expect(opened).toMatchObject({ status: "opened", guestId: guest.id });
    const session = await loadSelfServiceSession(db, opened.status === "opened" ? opened.cookie : null);
    expect(session).toMatchObject({ guestId: guest.id, venueId: venue.id });
    expect(await db.event.count({ where: { type: "rights.link_sent", guestId: guest.id } })).toBe(1);

    expect(await openSelfServiceLink(db, keys, token)).toEqual({ status: "used" });
    expect(await inspectSelfServiceLink(db, keys, token)).toBe("used");
    expect(await loadSelfServiceSession(db, `${token.split(".")[0]}.${"A".repeat(43)}`)).toBeNull();
  });

  it("refuses expired, forged and altered links", async () => {
    const { venue } = await createVenueFixture(db);
    const email = `forge-${tag()}@example.com`;
    await consentedGuest(db, venue, { email, granted: [] });
    const { token } = await mailedLink(venue, email);
    const [linkId, secret, expires, signature] = token.split(".") as [string, string, string, string];

    const later = new Date(Number(expires) * 1000 + 1000);
    expect(await openSelfServiceLink(db, keys, token, later)).toEqual({ status: "expired" });
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === "A" ? "B" : "A"}${signature.at(-1)}`;
    expect(await openSelfServiceLink(db, keys, `${linkId}.${secret}.${expires}.${flipped}`)).toEqual({ status: "invalid" });
    expect(await openSelfServiceLink(db, keys, `${linkId}.${secret}.${Number(expires) + 3600}.${signature}`)).toEqual({ status: "invalid" });
    const otherKey = selfServiceKeys({ current: secretKey(randomBytes(32)) });
    const forged = signLinkToken(otherKey.links, { linkId, secret, expiresAt: new Date(Number(expires) * 1000) });
    expect(await openSelfServiceLink(db, keys, forged)).toEqual({ status: "invalid" });
    // Rightly signed, wrong secret: the database's hash does not match.
    const wrongSecret = signLinkToken(keys.links, { linkId, secret: randomBytes(32).toString("base64url"), expiresAt: new Date(Number(expires) * 1000) });
    expect(checkLinkToken(keys.links, wrongSecret, new Date()).status).toBe("valid");
    expect(await openSelfServiceLink(db, keys, wrongSecret)).toEqual({ status: "invalid" });
    expect(await openSelfServiceLink(db, keys, "garbage")).toEqual({ status: "invalid" });
    // None of those used it up.
    expect((await openSelfServiceLink(db, keys, token)).status).toBe("opened");
  });

  it("answers an unknown address with the same page and sends it nothing", async () => {
    const { venue } = await createVenueFixture(db);
    const known = `page-known-${tag()}@example.com`;
    const unknown = `page-unknown-${tag()}@example.com`;
    await consentedGuest(db, venue, { email: known, granted: [] });
    const { POST } = await import("@/app/(portal)/p/[venue]/my-data/route");
    const post = (email: string) =>
      POST(
        new Request(`http://portal.test/p/${venue.slug}/my-data`, {
          method: "POST",
          headers: { host: "portal.test", origin: "http://portal.test", "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
          body: new URLSearchParams({ email }).toString(),
        }),
        { params: Promise.resolve({ venue: venue.slug }) },
      );
    const before = smtp.messages.length;
    const [a, b] = [await post(known), await post(unknown)];
    expect([a.status, b.status]).toEqual([200, 200]);
    const [pageA, pageB] = [(await a.text()).replace(known, "EMAIL"), (await b.text()).replace(unknown, "EMAIL")];
    expect(pageA).toBe(pageB);
    expect(pageA).toContain("Check your email");

    await smtp.waitFor(known, { after: before });
    const handled = await until(() => db.selfServiceLink.findMany({ where: { venueId: venue.id }, select: { outcome: true } }), (rows) => rows.every((r) => r.outcome !== null));
    expect(handled.map((r) => r.outcome).sort()).toEqual(["sent", "unknownEmail"]);
    expect(smtp.messages.filter((m) => m.to.includes(unknown))).toEqual([]);
  });

  it("limits requests per email and per client address, shared through the database", async () => {
    const { venue } = await createVenueFixture(db);
    const email = `limited-${tag()}@example.com`;
    const ask = (address: string, ip: string) => requestSelfServiceLink(db, keys, { venueId: venue.id, email: address, locale: "en", ip });
    for (let i = 0; i < 3; i++) expect((await ask(email, `198.51.100.${i + 1}`)).status).toBe("queued");
    expect((await ask(email.toUpperCase(), "198.51.100.99")).status).toBe("limited");

    const ip = "203.0.113.7";
    for (let i = 0; i < 20; i++) expect((await ask(`ip-${i}-${tag()}@example.com`, ip)).status).toBe("queued");
    expect((await ask(`ip-last-${tag()}@example.com`, ip)).status).toBe("limited");
    const stored = await db.rateLimit.findMany({ where: { key: { startsWith: "email:" } }, select: { key: true } });
    expect(stored.every((row) => !row.key.includes("@"))).toBe(true);
  });

  it("are purged once links and sessions have been expired a day", async () => {
    const { venue } = await createVenueFixture(db);
    const email = `purge-${tag()}@example.com`;
    await consentedGuest(db, venue, { email, granted: [] });
    const { token } = await mailedLink(venue, email);
    const unopened = await mailedLink(venue, email);
    const opened = await openSelfServiceLink(db, keys, token);
    expect(opened.status).toBe("opened");
    const ids = [token, unopened.token].map((t) => t.split(".")[0]!);
    const links = await db.selfServiceLink.findMany({ where: { id: { in: ids } }, select: { expiresAt: true, sessionExpiresAt: true } });
    const lastExpiry = Math.max(...links.flatMap((l) => [l.expiresAt.getTime(), l.sessionExpiresAt?.getTime() ?? 0]));

    // Expired, not yet a day: kept.
    expect(await purgeSelfServiceLinks(db, new Date(lastExpiry + 3600_000))).toBe(0);
    expect(await db.selfServiceLink.count({ where: { id: { in: ids } } })).toBe(2);

    expect(await purgeSelfServiceLinks(db, new Date(lastExpiry + 3600_000 + expiredLinkHours * 3600_000))).toBeGreaterThanOrEqual(2);
    expect(await db.selfServiceLink.count({ where: { id: { in: ids } } })).toBe(0);
    // The guest's own session is gone with its row.
    expect(await loadSelfServiceSession(db, opened.status === "opened" ? opened.cookie : null)).toBeNull();
  });
});

describe("withdrawal", () => {
  const drain = (extra: Partial<DrainOptions> = {}): DrainOptions => ({ db, secrets: plainSecretStore, subjects, random: () => 0.5, ...extra });

  it("records the withdrawal in the ledger, stops the pending send, and tells each recipient that already had the guest", async () => {
    const hubspot = await startHubspotContract();
    const secret = generateWebhookSecret();
    const receiver = await startWebhookReceiver({ secrets: [secret] });
    closers.push(() => hubspot.close(), () => receiver.close());
    const { venue } = await createVenueFixture(db, { sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
    const crm = await createConnector(db, { venueId: venue.id, purposeKey: "marketing", kind: "hubspot", settings: hubspotSettingsSchema.parse({ baseUrl: hubspot.baseUrl }), secrets: { auth: "privateApp", accessToken: hubspotContractToken } });
    const sponsor = await createConnector(db, { venueId: venue.id, purposeKey: "sponsor:acme", kind: "webhook", settings: { endpointUrl: receiver.url, payload: "thin", pullApiBaseUrl: origin }, secrets: { signingSecrets: [secret] } });
    const email = `withdraw-${tag()}@example.com`;
    const guest = await consentedGuest(db, venue, { email, granted: ["marketing", "sponsor:acme"] });
    await drainConnector(drain(), crm.id);
    await drainConnector(drain(), sponsor.id);
    expect(hubspot.contactByEmail(email)?.properties.portico_marketing_consent).toBe("true");
    // A second visit: its sends are waiting when the guest withdraws.
    await consentedGuest(db, venue, { email, granted: ["marketing", "sponsor:acme"] });
    const pending = await db.delivery.findFirstOrThrow({ where: { guestId: guest.id, connectorId: sponsor.id, operation: "upsert", status: "PENDING" } });

    const session = await openedSession(venue, email);
    const choices = await guestConsentChoices(db, guest.id, "en");
    const acme = choices[0]!.choices.find((c) => c.key === "sponsor:acme")!;
    expect(acme).toMatchObject({ granted: true, grantWith: null });
    expect(acme.wording.body.length).toBeGreaterThan(10);
    const result = await changeSelfServiceConsent(db, session, { granted: "false", purposeId: acme.purposeId, consentTextId: acme.wording.consentTextId }, { ip: "192.0.2.44", userAgent: "Phone browser", subjects, wake: false });
    expect(result).toMatchObject({ status: "withdrawn", withdrawals: [{ connectorId: sponsor.id }] });

    const latest = await db.consentRecord.findFirstOrThrow({ where: { guestId: guest.id, purposeId: acme.purposeId }, orderBy: { id: "desc" } });
    expect(latest).toMatchObject({ granted: false, method: "WITHDRAWAL", ip: "192.0.2.44", userAgent: "Phone browser", consentTextId: acme.wording.consentTextId });
    expect(await db.event.count({ where: { guestId: guest.id, type: "consent.withdrawn" } })).toBe(1);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entityId: guest.id, action: "consent.withdraw" } });
    expect(audit).toMatchObject({ actorId: null, ip: "192.0.2.44" });
    expect(audit.actorDescription).toContain("Manage my data");
    // Clicking again changes nothing.
    expect(await changeSelfServiceConsent(db, session, { granted: "false", purposeId: acme.purposeId, consentTextId: acme.wording.consentTextId }, { ip: null, userAgent: null, subjects, wake: false })).toEqual({ status: "unchanged" });

    await drainConnector(drain(), sponsor.id);
    expect(await db.delivery.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "SKIPPED", lastError: "The guest withdrew this consent before it was sent." });
    expect(receiver.messages.filter((m) => m.type === "guest.consented")).toHaveLength(1);
    const optOut = receiver.messages.filter((m) => m.type === "consent.withdrawn");
    expect(optOut).toHaveLength(1);
    expect(optOut[0]!.payload.data).toMatchObject({ guestId: guest.id, purpose: "sponsor:acme", granted: false, wording: { sha256: latest && (await db.consentText.findUniqueOrThrow({ where: { id: latest.consentTextId } })).sha256 } });
    expect(await db.delivery.findFirstOrThrow({ where: { guestId: guest.id, connectorId: sponsor.id, operation: "withdraw" } })).toMatchObject({ status: "SENT", externalId: "withdrawn", subject: null });
    // The venue's marketing was not withdrawn: its CRM still gets the second visit.
    await drainConnector(drain(), crm.id);
    expect(await db.delivery.count({ where: { guestId: guest.id, connectorId: crm.id, operation: "upsert", status: "SENT" } })).toBe(2);

    // Withdrawing marketing sets HubSpot's consent property on the contact.
    const marketing = choices[0]!.choices.find((c) => c.key === "marketing")!;
    await changeSelfServiceConsent(db, session, { granted: "false", purposeId: marketing.purposeId, consentTextId: marketing.wording.consentTextId }, { ip: null, userAgent: null, subjects, wake: false });
    await drainConnector(drain(), crm.id);
    expect(hubspot.contactByEmail(email)?.properties.portico_marketing_consent).toBe("false");
    expect(hubspot.callsTo("/crm/v3/objects/contacts/batch/update")).toHaveLength(1);

    // Agreeing again takes the live wording and a ticked box; it is a new record too.
    const after = (await guestConsentChoices(db, guest.id, "en"))[0]!.choices.find((c) => c.key === "sponsor:acme")!;
    expect(after.granted).toBe(false);
    expect(after.grantWith).not.toBeNull();
    expect(await changeSelfServiceConsent(db, session, { granted: "true", agree: "on", purposeId: acme.purposeId, consentTextId: after.grantWith!.consentTextId }, { ip: null, userAgent: null, subjects, wake: false })).toMatchObject({ status: "granted" });
    expect(await db.consentRecord.findFirstOrThrow({ where: { guestId: guest.id, purposeId: acme.purposeId }, orderBy: { id: "desc" } })).toMatchObject({ granted: true });
  });

  it("refuses a consent the guest never decided on, and wording of another purpose", async () => {
    const { venue } = await createVenueFixture(db, { sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
    const email = `refuse-${tag()}@example.com`;
    const guest = await consentedGuest(db, venue, { email, granted: ["sponsor:acme"] });
    const session = await openedSession(venue, email);
    const [choices] = await guestConsentChoices(db, guest.id, "en");
    const acme = choices!.choices.find((c) => c.key === "sponsor:acme")!;
    const terms = choices!.choices.find((c) => c.kind === "TERMS")!;
    const ctx = { ip: null, userAgent: null, subjects, wake: false };
    expect(await changeSelfServiceConsent(db, session, { granted: "false", purposeId: terms.purposeId, consentTextId: terms.wording.consentTextId }, ctx)).toEqual({ status: "refused" });
    expect(await changeSelfServiceConsent(db, session, { granted: "false", purposeId: acme.purposeId, consentTextId: terms.wording.consentTextId }, ctx)).toEqual({ status: "refused" });
  });
});

describe("the guest's data", () => {
  it("comes as one ZIP of JSON and CSV with the exact wording and the deliveries", async () => {
    const receiver = await startWebhookReceiver({ secrets: [generateWebhookSecret()] });
    closers.push(() => receiver.close());
    const { venue } = await createVenueFixture(db, { sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
    const email = `export-${tag()}@example.com`;
    const guest = await consentedGuest(db, venue, { email, granted: ["sponsor:acme"] });
    await db.guest.update({ where: { id: guest.id }, data: { name: "Ada Export" } });
    const built = await buildAccessExport(db, guest.id);
    const files = unzipSync(built.zip);
    expect(Object.keys(files).sort()).toEqual(["README.txt", "access.json", "consents.csv", "deliveries.csv", "devices.csv", "events.csv", "profile.csv", "visits.csv"]);
    const data = JSON.parse(strFromU8(files["access.json"]!)) as Record<string, Array<Record<string, unknown>>>;
    expect(data.profile![0]).toMatchObject({ email, name: "Ada Export" });
    const texts = await db.consentText.findMany({ where: { records: { some: { guestId: guest.id } } } });
    expect(data.consents!.map((c) => c.wording).sort()).toEqual(texts.map((t) => t.body).sort());
    expect(data.visits).toHaveLength(1);
    expect(data.deliveries!.length).toBe(await db.delivery.count({ where: { guestId: guest.id } }));
    expect(strFromU8(files["consents.csv"]!).split("\r\n")[0]).toBe("id,recorded_at,venue,purpose,purpose_kind,sponsor,granted,method,wording_locale,wording_version,wording_sha256,wording,ip,user_agent");
    expect(strFromU8(files["profile.csv"]!)).toContain(email);
  });

  it("is erased at the guest's own request, audited as theirs, and the session ends", async () => {
    const { venue } = await createVenueFixture(db);
    const email = `erase-self-${tag()}@example.com`;
    const guest = await consentedGuest(db, venue, { email, granted: [] });
    const session = await openedSession(venue, email);
    await eraseSelf(db, session, "192.0.2.9");
    expect(await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ email: null, emailNormalized: null });
    expect((await db.guest.findUniqueOrThrow({ where: { id: guest.id } })).erasedAt).not.toBeNull();
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entityId: guest.id, action: "guest.erase" } });
    expect(audit).toMatchObject({ actorId: null, ip: "192.0.2.9" });
    expect(await db.selfServiceLink.count({ where: { guestId: guest.id, sessionHash: { not: null } } })).toBe(0);
    // A new request for that address now sends nothing: no guest has it.
    const before = smtp.messages.length;
    await requestSelfServiceLink(db, keys, { venueId: venue.id, email, locale: "en", ip: null });
    await until(() => db.selfServiceLink.count({ where: { venueId: venue.id, outcome: "unknownEmail" } }), (n) => n === 1);
    expect(smtp.messages.slice(before).filter((m) => m.to.includes(email))).toEqual([]);
  });
});
