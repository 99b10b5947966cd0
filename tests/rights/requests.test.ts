// The rights requests queue against real PostgreSQL: deadlines, status transitions, the guest
// found by normalised email (or not at all), an erasure request fulfilled by the erasure in the
// same commit, an objection upheld by withdrawing every consent, a rectification carried out
// and sent on to the systems that have the guest, the access package, keyset pages, and who
// may do any of it.
import { randomBytes } from "node:crypto";

import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { can, staffRoles } from "@/lib/auth/permissions";
import { secretKey } from "@/lib/crypto";
import type { Connector, DeliveryItem } from "@/lib/delivery/connector";
import { erasureSubjectBox } from "@/lib/delivery/erasure-subject";
import { drainConnector } from "@/lib/delivery/worker";
import { eraseGuest } from "@/lib/rights/erase-guest";
import {
  buildAccessPackage,
  createRightsRequest,
  extendRightsRequest,
  fulfilErasureRequest,
  fulfilObjectionRequest,
  fulfilRectificationRequest,
  getRightsRequest,
  listRightsRequests,
  moveRightsRequest,
  recordAccessPackageDownload,
  zipAccessPackage,
} from "@/lib/rights/requests";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { consentedGuest, createConnector, plainSecretStore, withdraw } from "../support/delivery-fixture";
import { inStaffWords } from "../support/staff-refusal";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
const subjects = erasureSubjectBox({ current: secretKey(randomBytes(32)) });
const tag = () => randomBytes(3).toString("hex");

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

async function staff(role: "LEGAL" | "ADMIN" | "MARKETER") {
  const user = await testDb.prisma.staffUser.create({ data: { email: `${role.toLowerCase()}-${tag()}@portico.invalid`, role } });
  return { id: user.id, role, ip: "192.0.2.10" };
}

async function guestAtVenue(email: string) {
  const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
  await createConnector(testDb.prisma, { venueId: venue.id, purposeKey: "marketing", kind: "webhook", name: "CRM hook" });
  const guest = await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing"] });
  return { venue, guest };
}

describe("entering a request", () => {
  it("finds the guest by normalised email, sets the 30-day deadline from the day received, and audits no email", async () => {
    const legal = await staff("LEGAL");
    const email = `Ana.${tag()}@Example.org`;
    const { guest } = await guestAtVenue(email.toLowerCase());
    const now = new Date("2026-12-03T12:00:00Z");
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "ACCESS", email: `  ${email.toUpperCase()} `, details: "By letter", receivedOn: "2026-11-20" }, { now });
    expect(request).toMatchObject({ guestId: guest.id, status: "RECEIVED", createdById: legal.id, emailNormalized: email.toLowerCase() });
    expect(request.receivedAt.toISOString()).toBe("2026-11-20T00:00:00.000Z");
    expect(request.dueAt.toISOString()).toBe("2026-12-20T00:00:00.000Z");
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityType: "rights_request", entityId: request.id } });
    expect(audit).toMatchObject({ action: "rights.request.create", actorId: legal.id });
    expect(JSON.stringify(audit.after).toLowerCase()).not.toContain(email.toLowerCase());
  });

  it("keeps a request for an email no guest has, and a received day in the future counts from now", async () => {
    const legal = await staff("LEGAL");
    const now = new Date("2026-12-03T12:00:00Z");
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "OBJECTION", email: `nobody-${tag()}@example.org`, receivedOn: "2027-01-01" }, { now });
    expect(request.guestId).toBeNull();
    expect(request.receivedAt.toISOString()).toBe(now.toISOString());
    await expect(inStaffWords(recordAccessPackageDownload(testDb.prisma, legal, request.id))).rejects.toThrow(/No guest has this email/);
  });
});

describe("answering a request", () => {
  it("moves received → in progress → done, naming who and when, and never back", async () => {
    const legal = await staff("LEGAL");
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "RECTIFICATION", email: `fix-${tag()}@example.org`, details: "Name is misspelt" });
    await expect(inStaffWords(moveRightsRequest(testDb.prisma, legal, { requestId: request.id, to: "DONE" }))).rejects.toThrow(/received cannot be marked done/);
    const at = new Date("2026-12-04T09:00:00Z");
    await moveRightsRequest(testDb.prisma, legal, { requestId: request.id, to: "IN_PROGRESS" }, { now: at });
    const done = await moveRightsRequest(testDb.prisma, legal, { requestId: request.id, to: "DONE", note: "Name corrected" }, { now: at });
    expect(done).toMatchObject({ status: "DONE", handledById: legal.id, outcome: "Name corrected" });
    expect(done.handledAt?.toISOString()).toBe(at.toISOString());
    await expect(inStaffWords(moveRightsRequest(testDb.prisma, legal, { requestId: request.id, to: "REFUSED", note: "x" }))).rejects.toThrow(/done cannot be marked refused/);
    const actions = await testDb.prisma.auditEntry.findMany({ where: { entityId: request.id }, orderBy: { id: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["rights.request.create", "rights.request.start", "rights.request.done"]);
  });

  it("refuses only with a reason, and extends the deadline once by two months", async () => {
    const legal = await staff("LEGAL");
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "ACCESS", email: `many-${tag()}@example.org`, receivedOn: "2026-11-01" }, { now: new Date("2026-11-02T00:00:00Z") });
    await expect(moveRightsRequest(testDb.prisma, legal, { requestId: request.id, to: "REFUSED" })).rejects.toThrow(/Say why the request is refused/);
    const extended = await extendRightsRequest(testDb.prisma, legal, { requestId: request.id, reason: "Complex: records across six venues" });
    expect(extended.dueAt.toISOString()).toBe("2027-01-30T00:00:00.000Z");
    expect(extended.extensionReason).toBe("Complex: records across six venues");
    await expect(inStaffWords(extendRightsRequest(testDb.prisma, legal, { requestId: request.id, reason: "Again" }))).rejects.toThrow(/already extended once/);
    const refused = await moveRightsRequest(testDb.prisma, legal, { requestId: request.id, to: "REFUSED", note: "Manifestly unfounded (art. 12(5))" });
    expect(refused).toMatchObject({ status: "REFUSED", refusalReason: "Manifestly unfounded (art. 12(5))", handledById: legal.id });
  });

  it("fulfils an erasure request by erasing the guest in the same commit; the request and the trail keep no email", async () => {
    const legal = await staff("LEGAL");
    const email = `erase-${tag()}@example.org`;
    const { guest } = await guestAtVenue(email);
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "ERASURE", email, details: `Please delete ${email}` });
    await expect(inStaffWords(moveRightsRequest(testDb.prisma, legal, { requestId: request.id, to: "IN_PROGRESS" }))).resolves.toBeDefined();
    await expect(inStaffWords(moveRightsRequest(testDb.prisma, legal, { requestId: request.id, to: "DONE" }))).rejects.toThrow(/marked done by erasing the guest/);

    const { erasure, request: done } = await fulfilErasureRequest(testDb.prisma, legal, { requestId: request.id, confirm: "on" }, { subjects, wake: false });
    expect(erasure.guestId).toBe(guest.id);
    expect(done).toMatchObject({ status: "DONE", handledById: legal.id, email: null, emailNormalized: null, details: "", guestId: guest.id });
    expect(await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ emailNormalized: null });
    const [{ n }] = await testDb.prisma.$queryRaw<[{ n: number }]>`
      SELECT count(*)::int AS n FROM audit_entry WHERE (before::text ILIKE ${`%${email}%`} OR after::text ILIKE ${`%${email}%`})`;
    expect(n).toBe(0);
    const [{ m }] = await testDb.prisma.$queryRaw<[{ m: number }]>`SELECT count(*)::int AS m FROM rights_request WHERE row_to_json(rights_request)::text ILIKE ${`%${email}%`}`;
    expect(m).toBe(0);
    const trail = await testDb.prisma.auditEntry.findMany({ where: { OR: [{ entityId: request.id }, { entityId: guest.id }] }, orderBy: { id: "asc" }, select: { action: true, actorId: true } });
    expect(trail.map((t) => t.action)).toEqual(["rights.request.create", "rights.request.start", "guest.erase", "rights.request.done"]);
    expect(trail.every((t) => t.actorId === legal.id)).toBe(true);
  });

  it("rolls the erasure back when the request cannot be done (refused already)", async () => {
    const legal = await staff("LEGAL");
    const email = `refused-${tag()}@example.org`;
    const { guest } = await guestAtVenue(email);
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "ERASURE", email });
    await moveRightsRequest(testDb.prisma, legal, { requestId: request.id, to: "REFUSED", note: "Identity not confirmed" });
    await expect(inStaffWords(fulfilErasureRequest(testDb.prisma, legal, { requestId: request.id, confirm: "on" }, { subjects, wake: false }))).rejects.toThrow(/refused cannot be marked done/);
    expect(await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ emailNormalized: email, erasedAt: null });
  });
});

describe("an objection", () => {
  it("withdraws every consent the guest gave, with the wording they agreed to, tells each recipient, and closes the request in one commit", async () => {
    const legal = await staff("LEGAL");
    const email = `object-${tag()}@example.org`;
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
    const connector = await createConnector(testDb.prisma, { venueId: venue.id, purposeKey: "marketing", kind: "webhook", name: "CRM hook" });
    const guest = await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing", "sponsor:acme"] });
    // The CRM already has the guest: it is the one to be told.
    await testDb.prisma.delivery.updateMany({ where: { guestId: guest.id, connectorId: connector.id }, data: { status: "SENT", externalId: "crm-42" } });
    const before = await testDb.prisma.consentRecord.findMany({ where: { guestId: guest.id }, include: { purpose: true } });
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "OBJECTION", email, details: "Stop all marketing" });

    const result = await fulfilObjectionRequest(testDb.prisma, legal, { requestId: request.id, confirm: "on" }, { subjects, wake: false });
    expect(result.withdrawn).toEqual(["marketing", "sponsor:acme"]);
    expect(result.request).toMatchObject({ status: "DONE", handledById: legal.id, outcome: "Objection upheld: 2 consents withdrawn (marketing, sponsor:acme); 1 system told." });
    const withdrawal = await testDb.prisma.delivery.findFirstOrThrow({ where: { guestId: guest.id, operation: "withdraw" } });
    expect(withdrawal).toMatchObject({ connectorId: connector.id, status: "PENDING" });
    expect(subjects.open(withdrawal.subject!, guest.id, connector.id)).toMatchObject({ email, externalIds: ["crm-42"], consent: { purpose: "marketing", granted: false } });

    const after = await testDb.prisma.consentRecord.findMany({ where: { guestId: guest.id, id: { notIn: before.map((r) => r.id) } }, include: { purpose: true } });
    expect(after.map((r) => [r.purpose.key, r.granted, r.method]).sort()).toEqual([
      ["marketing", false, "WITHDRAWAL"],
      ["sponsor:acme", false, "WITHDRAWAL"],
    ]);
    for (const record of after) expect(record.consentTextId).toBe(before.find((b) => b.purposeId === record.purposeId && b.granted)!.consentTextId);
    const event = await testDb.prisma.event.findFirstOrThrow({ where: { guestId: guest.id, type: "consent.withdrawn" } });
    expect(event.payload).toMatchObject({ method: "objection", requestId: request.id });
    const trail = await testDb.prisma.auditEntry.findMany({ where: { OR: [{ entityId: request.id }, { entityId: guest.id }] }, orderBy: { id: "asc" }, select: { action: true } });
    expect(trail.map((t) => t.action)).toEqual(["rights.request.create", "consent.withdraw", "rights.request.done"]);

    // Done is done; a second objection finds nothing left to withdraw and says so.
    await expect(inStaffWords(fulfilObjectionRequest(testDb.prisma, legal, { requestId: request.id, confirm: "on" }, { subjects, wake: false }))).rejects.toThrow(/done cannot be marked done/);
    const again = await createRightsRequest(testDb.prisma, legal, { kind: "OBJECTION", email });
    const second = await fulfilObjectionRequest(testDb.prisma, legal, { requestId: again.id, confirm: "on" }, { subjects, wake: false });
    expect(second).toMatchObject({ withdrawn: [], withdrawals: [], request: { outcome: "Objection upheld: the guest had no consent left to withdraw." } });
    expect(await testDb.prisma.consentRecord.count({ where: { guestId: guest.id } })).toBe(before.length + 2);
  });

  it("is refused for another kind of request, and changes nothing", async () => {
    const legal = await staff("LEGAL");
    const email = `notobject-${tag()}@example.org`;
    const { guest } = await guestAtVenue(email);
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "ACCESS", email });
    await expect(fulfilObjectionRequest(testDb.prisma, legal, { requestId: request.id, confirm: "on" }, { subjects, wake: false })).rejects.toMatchObject({ code: "rightsRequestTransition" });
    // The box unticked, as a plain form posts it.
    // @ts-expect-error confirm is missing
    await expect(fulfilObjectionRequest(testDb.prisma, legal, { requestId: request.id }, { subjects, wake: false })).rejects.toThrow();
    expect(await testDb.prisma.consentRecord.count({ where: { guestId: guest.id, granted: false, method: "WITHDRAWAL" } })).toBe(0);
  });
});

describe("a rectification request", () => {
  /** A vendor that keeps what it was sent. */
  function recordingVendor() {
    const sent: DeliveryItem[] = [];
    const connector: Connector = {
      kind: "webhook",
      label: "Recording vendor",
      settingsSchema: z.unknown(),
      secretsSchema: z.unknown(),
      maxBatchSize: 100,
      async deliver(_context, items) {
        sent.push(...items);
        return { kind: "answered", items: items.map((i) => ({ deliveryId: i.deliveryId, result: "delivered" })) };
      },
      erase: async () => ({ kind: "erased" }),
      withdraw: async () => ({ kind: "withdrawn" }),
      testConnection: async () => ({ ok: true, detail: "recording" }),
    };
    return { connector, sent };
  }

  it("corrects the details, sends the corrected record to each system that has the guest, and is done, naming fields not values", async () => {
    const legal = await staff("LEGAL");
    const email = `rectify-${tag()}@example.org`;
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"], sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
    const crm = await createConnector(testDb.prisma, { venueId: venue.id, purposeKey: "marketing", kind: "webhook", name: "CRM", batchWaitSeconds: 0 });
    const sponsorHook = await createConnector(testDb.prisma, { venueId: venue.id, purposeKey: "sponsor:acme", kind: "webhook", name: "Sponsor", batchWaitSeconds: 0 });
    const guest = await consentedGuest(testDb.prisma, venue, { email, granted: ["marketing", "sponsor:acme"] });
    await testDb.prisma.guest.update({ where: { id: guest.id }, data: { name: "Ana Ribiero", phone: "+442079460000" } });
    const vendor = recordingVendor();
    const drain = (connectorId: string) => drainConnector({ db: testDb.prisma, secrets: plainSecretStore, registry: { webhook: vendor.connector }, random: () => 0.5 }, connectorId);
    await drain(crm.id);
    await drain(sponsorHook.id);
    expect(vendor.sent.map((i) => i.record.name)).toEqual(["Ana Ribiero", "Ana Ribiero"]);
    // Since then the guest said no to the sponsor: it must not be sent the correction.
    await withdraw(testDb.prisma, guest.id, venue.id, "sponsor:acme");

    const request = await createRightsRequest(testDb.prisma, legal, { kind: "RECTIFICATION", email, details: "My surname is Ribeiro; no phone please" });
    const result = await fulfilRectificationRequest(testDb.prisma, legal, { requestId: request.id, name: "Ana Ribeiro", phone: "", birthday: "1990-04-01" }, { wake: false });
    expect(result.changed).toEqual(["name", "phone", "birthday"]);
    expect(result.resent.map((r) => r.connectorId).sort()).toEqual([crm.id, sponsorHook.id].sort());
    expect(result.request).toMatchObject({
      status: "DONE",
      handledById: legal.id,
      outcome: "Corrected: name, phone, birthday. 2 systems sent the corrected record. Removed (phone): connected systems keep a removed field until asked to delete it.",
    });
    expect(await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ name: "Ana Ribeiro", phone: null, birthday: new Date("1990-04-01T00:00:00Z") });

    vendor.sent.length = 0;
    expect((await drain(crm.id)).sent).toBe(1);
    expect((await drain(sponsorHook.id)).sent).toBe(0);
    expect(vendor.sent.map((i) => [i.record.name, i.record.phone])).toEqual([["Ana Ribeiro", undefined]]);
    expect(await testDb.prisma.delivery.findFirstOrThrow({ where: { id: BigInt(result.resent.find((r) => r.connectorId === sponsorHook.id)!.deliveryId) } })).toMatchObject({ status: "SKIPPED" });

    const event = await testDb.prisma.event.findFirstOrThrow({ where: { guestId: guest.id, type: "guest.rectified" } });
    expect(event.payload).toEqual({ requestId: request.id, fields: ["name", "phone", "birthday"], resent: 2 });
    const trail = await testDb.prisma.auditEntry.findMany({ where: { OR: [{ entityId: request.id }, { entityId: guest.id }] }, orderBy: { id: "asc" } });
    expect(trail.map((t) => t.action)).toEqual(["rights.request.create", "guest.rectify", "rights.request.done"]);
    expect(JSON.stringify(trail.map((t) => [t.before, t.after]))).not.toMatch(/Ribeiro|1990|\+44/);

    // A later correction sends the same connection's row again, with the newer record.
    const later = await createRightsRequest(testDb.prisma, legal, { kind: "RECTIFICATION", email, details: "Married name" });
    const second = await fulfilRectificationRequest(testDb.prisma, legal, { requestId: later.id, name: "Ana Ribeiro Costa", birthday: "1990-04-01" }, { wake: false });
    expect(second.changed).toEqual(["name"]);
    expect(second.resent.find((r) => r.connectorId === crm.id)?.deliveryId).toBe(result.resent.find((r) => r.connectorId === crm.id)?.deliveryId);
    vendor.sent.length = 0;
    expect((await drain(crm.id)).sent).toBe(1);
    expect(vendor.sent.map((i) => i.record.name)).toEqual(["Ana Ribeiro Costa"]);

    // A correction still waiting when the guest is erased is never sent.
    const third = await createRightsRequest(testDb.prisma, legal, { kind: "RECTIFICATION", email, details: "Name again" });
    const waiting = await fulfilRectificationRequest(testDb.prisma, legal, { requestId: third.id, name: "Ana Costa", birthday: "1990-04-01" }, { wake: false });
    await eraseGuest(testDb.prisma, legal, { guestId: guest.id, reason: "Asked to be forgotten" }, { subjects, wake: false });
    const row = await testDb.prisma.delivery.findFirstOrThrow({ where: { id: BigInt(waiting.resent.find((r) => r.connectorId === crm.id)!.deliveryId) } });
    expect(row).toMatchObject({ operation: "rectify", status: "SKIPPED" });
  });

  it("refuses no change, an erased guest and another kind of request, and changes nothing", async () => {
    const legal = await staff("LEGAL");
    const email = `rectify-none-${tag()}@example.org`;
    const { guest } = await guestAtVenue(email);
    await testDb.prisma.guest.update({ where: { id: guest.id }, data: { name: "Bo" } });
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "RECTIFICATION", email });
    await expect(inStaffWords(fulfilRectificationRequest(testDb.prisma, legal, { requestId: request.id, name: " Bo ", phone: "", birthday: "" }, { wake: false }))).rejects.toThrow(
      /already holds/,
    );
    await expect(fulfilRectificationRequest(testDb.prisma, legal, { requestId: request.id, name: "Bo", phone: "0207 946 0000" }, { wake: false })).rejects.toThrow(/country code/);
    const access = await createRightsRequest(testDb.prisma, legal, { kind: "ACCESS", email });
    await expect(fulfilRectificationRequest(testDb.prisma, legal, { requestId: access.id, name: "Other" }, { wake: false })).rejects.toMatchObject({ code: "rightsRequestTransition" });
    await testDb.prisma.guest.update({ where: { id: guest.id }, data: { erasedAt: new Date(), email: null, emailNormalized: null } });
    await expect(fulfilRectificationRequest(testDb.prisma, legal, { requestId: request.id, name: "Other" }, { wake: false })).rejects.toMatchObject({ code: "guestAlreadyErased" });
    expect((await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } })).name).toBe("Bo");
    expect(await testDb.prisma.rightsRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "RECEIVED" });
    expect(await testDb.prisma.delivery.count({ where: { guestId: guest.id, createdAt: { gt: request.createdAt } } })).toBe(0);
  });
});

describe("the access package", () => {
  it("holds the profile, devices, visits, events, the consent history with its exact wording, and the deliveries, as JSON and CSV in a ZIP", async () => {
    const admin = await staff("ADMIN");
    const email = `access-${tag()}@example.org`;
    const { guest } = await guestAtVenue(email);
    await testDb.prisma.guest.update({ where: { id: guest.id }, data: { name: "Ana Ribeiro", visitorData: { portal: { room: "214" } } } });
    const pkg = await buildAccessPackage(testDb.prisma, guest.id);
    expect(pkg.files.map((f) => f.name)).toEqual(["README.txt", "access.json", "profile.csv", "devices.csv", "visits.csv", "events.csv", "consents.csv", "deliveries.csv"]);
    const file = (name: string) => pkg.files.find((f) => f.name === name)!.content;
    const json = JSON.parse(file("access.json"));
    expect(json.profile[0]).toMatchObject({ id: guest.id, email, name: "Ana Ribeiro", visitor_data: { portal: { room: "214" } } });
    expect(json.devices[0].mac_address).toBe("aa:bb:cc:dd:ee:01");
    expect(json.visits).toHaveLength(1);
    expect(json.events.length).toBe(await testDb.prisma.event.count({ where: { guestId: guest.id } }));
    const records = await testDb.prisma.consentRecord.findMany({ where: { guestId: guest.id }, include: { consentText: true } });
    expect(json.consents).toHaveLength(records.length);
    for (const record of records) {
      expect(file("consents.csv")).toContain(record.consentText.sha256);
      expect(json.consents.find((c: { id: string }) => c.id === String(record.id)).wording).toBe(record.consentText.body);
    }
    expect(json.deliveries).toHaveLength(1);
    expect(json.deliveries[0]).toMatchObject({ system: expect.stringContaining("CRM hook"), operation: "upsert" });
    expect(file("profile.csv").split("\r\n")[0]).toBe("id,email,name,phone,birthday,locale,first_seen_at,last_seen_at,visit_count,visitor_data,erased_at");

    const unzipped = unzipSync(zipAccessPackage(pkg));
    expect(Object.keys(unzipped).sort()).toEqual(pkg.files.map((f) => f.name).sort());
    expect(strFromU8(unzipped["consents.csv"]!)).toBe(file("consents.csv"));

    const request = await createRightsRequest(testDb.prisma, admin, { kind: "ACCESS", email });
    const download = await recordAccessPackageDownload(testDb.prisma, admin, request.id);
    expect(Object.keys(unzipSync(download.zip))).toContain("access.json");
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: request.id, action: "rights.request.accessPackage" } });
    expect(JSON.stringify(audit.after)).not.toContain(email);
    expect((audit.after as { files: unknown[] }).files).toHaveLength(8);
  });
});

describe("the queue", () => {
  it("pages newest received first without repeats, and counts overdue and near-due open requests", async () => {
    const legal = await staff("LEGAL");
    const now = new Date("2026-12-03T12:00:00Z");
    const days = ["2026-10-01", "2026-11-01", "2026-11-10", "2026-11-28", "2026-12-01"];
    for (const day of days) await createRightsRequest(testDb.prisma, legal, { kind: "ACCESS", email: `q-${tag()}@example.org`, receivedOn: day }, { now });
    const seen: string[] = [];
    let cursor: { at: Date; id: string } | null = null;
    const all = await testDb.prisma.rightsRequest.count();
    for (let i = 0; i < 20; i += 1) {
      const page = await listRightsRequests(testDb.prisma, legal, { filter: "all", page: { cursor, direction: "older", size: 2 }, now });
      seen.push(...page.items.map((r) => r.id));
      if (!page.older) break;
      const last = page.items[page.items.length - 1]!;
      cursor = { at: last.receivedAt, id: last.id };
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(all);
    const rows = await testDb.prisma.rightsRequest.findMany({ where: { id: { in: seen } }, select: { id: true, receivedAt: true } });
    const order = seen.map((id) => rows.find((r) => r.id === id)!.receivedAt.getTime());
    expect([...order].sort((a, b) => b - a)).toEqual(order);

    const first = await listRightsRequests(testDb.prisma, legal, { filter: "open", page: { cursor: null, direction: "older", size: 50 }, now });
    const urgency = (day: string) => first.items.find((r) => r.receivedAt.toISOString().startsWith(day))?.urgency;
    expect(urgency("2026-10-01")).toBe("overdue");
    expect(urgency("2026-11-01")).toBe("overdue");
    expect(urgency("2026-11-10")).toBe("nearDue");
    expect(urgency("2026-11-28")).toBe("onTime");
    const open = await testDb.prisma.rightsRequest.findMany({ where: { status: { in: ["RECEIVED", "IN_PROGRESS"] } } });
    expect(first.overdue).toBe(open.filter((r) => r.dueAt <= now).length);
    expect(first.overdue).toBeGreaterThanOrEqual(2);
  });
});

describe("who may use the queue", () => {
  it("is legal's and admins' only: a marketer is refused by every function, and the permission table says so", async () => {
    expect(staffRoles.filter((role) => can(role, "requests.manage"))).toEqual(["ADMIN", "LEGAL"]);
    expect(staffRoles.filter((role) => can(role, "retention.manage"))).toEqual(["ADMIN"]);
    const legal = await staff("LEGAL");
    const marketer = await staff("MARKETER");
    const email = `matrix-${tag()}@example.org`;
    const { guest } = await guestAtVenue(email);
    const request = await createRightsRequest(testDb.prisma, legal, { kind: "ERASURE", email });
    const refused = /Only legal reviewers and admins can see and answer/;
    await expect(inStaffWords(createRightsRequest(testDb.prisma, marketer, { kind: "ACCESS", email }))).rejects.toThrow(refused);
    await expect(inStaffWords(listRightsRequests(testDb.prisma, marketer, { filter: "all", page: { cursor: null, direction: "older", size: 5 } }))).rejects.toThrow(refused);
    await expect(inStaffWords(getRightsRequest(testDb.prisma, marketer, request.id))).rejects.toThrow(refused);
    await expect(inStaffWords(moveRightsRequest(testDb.prisma, marketer, { requestId: request.id, to: "IN_PROGRESS" }))).rejects.toThrow(refused);
    await expect(inStaffWords(extendRightsRequest(testDb.prisma, marketer, { requestId: request.id, reason: "x" }))).rejects.toThrow(refused);
    await expect(inStaffWords(fulfilErasureRequest(testDb.prisma, marketer, { requestId: request.id, confirm: "on" }, { subjects, wake: false }))).rejects.toThrow(refused);
    await expect(inStaffWords(fulfilObjectionRequest(testDb.prisma, marketer, { requestId: request.id, confirm: "on" }, { subjects, wake: false }))).rejects.toThrow(refused);
    await expect(inStaffWords(recordAccessPackageDownload(testDb.prisma, marketer, request.id))).rejects.toThrow(refused);
    expect(await testDb.prisma.rightsRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "RECEIVED" });
    expect(await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } })).toMatchObject({ erasedAt: null });
    const admin = await staff("ADMIN");
    await expect(getRightsRequest(testDb.prisma, admin, request.id)).resolves.toMatchObject({ id: request.id });
  });
});
