// Retention against real PostgreSQL, on guests spread over two years at three venues: the daily
// run changes exactly the rows the policies name (guests anonymised through the erasure path,
// raw events deleted, network details cleared) and nothing else, its counts equal the dry run's,
// a second run changes nothing, and only admins set a policy.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { secretKey } from "@/lib/crypto";
import { erasureSubjectBox } from "@/lib/delivery/erasure-subject";
import { recordOfProcessing } from "@/lib/governance/record-of-processing";
import { scheduledJobs } from "@/lib/jobs/registry";
import { loadPolicies, previewRetentionPolicy, retentionDryRun, retentionJobActor, runRetention, saveRetentionPolicy } from "@/lib/rights/retention";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { inStaffWords } from "../support/staff-refusal";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
const subjects = erasureSubjectBox({ current: secretKey(randomBytes(32)) });
const tag = () => randomBytes(4).toString("hex");
const day = 86_400_000;
const now = new Date("2026-12-03T12:00:00Z");
const monthsBefore = (months: number) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

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

interface SeededVisit {
  venueId: string;
  at: Date;
  journeyId: string;
  sessionId: string;
  sessionStatus: "ENDED" | "GRANTED";
}

/** A guest with one visit per entry (journey, access session, two events each), as the portal leaves them. */
async function seedGuest(visits: { venueId: string; daysAgo: number; sessionStatus?: "ENDED" | "GRANTED" }[]) {
  const db = testDb.prisma;
  const email = `g-${tag()}@example.org`;
  const mac = `02:${tag().match(/../g)!.join(":")}:aa`;
  const guest = await db.guest.create({ data: { email, emailNormalized: email, name: "Guest", phone: "+447700900123", visitCount: visits.length } });
  const device = await db.device.create({ data: { guestId: guest.id, fingerprint: tag().padEnd(64, "0"), macAddress: mac, userAgent: "Mozilla/5.0 test" } });
  const seeded: SeededVisit[] = [];
  for (const visit of visits) {
    const at = new Date(now.getTime() - visit.daysAgo * day);
    const journey = await db.journey.create({
      data: {
        token: tag() + tag(),
        venueId: visit.venueId,
        status: "COMPLETED",
        locale: "en",
        createdAt: at,
        expiresAt: new Date(at.getTime() + 30 * 60_000),
        completedAt: at,
        clientMac: mac,
        clientIp: "10.0.0.9",
        ip: "203.0.113.9",
        userAgent: "Mozilla/5.0 test",
        gatewayParams: { client_mac: mac },
        guestId: guest.id,
      },
    });
    await db.visit.create({ data: { guestId: guest.id, venueId: visit.venueId, deviceId: device.id, journeyId: journey.id, loginMethod: "EMAIL", connectedAt: at } });
    const session = await db.accessSession.create({
      data: { journeyId: journey.id, venueId: visit.venueId, status: visit.sessionStatus ?? "ENDED", grantKind: "redirect", minutes: 60, clientMac: mac, clientIp: "10.0.0.9", createdAt: at },
    });
    await db.event.createMany({
      data: [
        { type: "visit.started", occurredAt: at, venueId: visit.venueId, guestId: guest.id, journeyId: journey.id, payload: { visitCount: 1 } },
        { type: "access.granted", occurredAt: at, venueId: visit.venueId, guestId: guest.id, journeyId: journey.id, payload: { error: `mac ${mac}` } },
      ],
    });
    seeded.push({ venueId: visit.venueId, at, journeyId: journey.id, sessionId: session.id, sessionStatus: visit.sessionStatus ?? "ENDED" });
  }
  return { id: guest.id, email, visits: seeded };
}

describe("the daily retention run", () => {
  it("changes exactly the policies' rows, with the dry run's counts, and a second run changes nothing", async () => {
    const admin = await staff("ADMIN");
    const [{ venue: a }, { venue: b }, { venue: c }] = [
      await createVenueFixture(testDb.prisma, { locales: ["en"] }),
      await createVenueFixture(testDb.prisma, { locales: ["en"] }),
      await createVenueFixture(testDb.prisma, { locales: ["en"] }),
    ];
    const policies = {
      [a.id]: { guestMonths: 12, eventMonths: 6, sessionMonths: 3 },
      [b.id]: { guestMonths: 6, eventMonths: null, sessionMonths: null },
    } as Record<string, { guestMonths: number | null; eventMonths: number | null; sessionMonths: number | null }>;

    const guests: Awaited<ReturnType<typeof seedGuest>>[] = [];
    // Venue A: one guest every 15 days over two years; some also seen at B recently, some long ago, one at C (which keeps everyone).
    for (let i = 0; i < 48; i += 1) {
      const visits: { venueId: string; daysAgo: number; sessionStatus?: "ENDED" | "GRANTED" }[] = [{ venueId: a.id, daysAgo: i * 15 + 3, sessionStatus: i === 20 ? "GRANTED" : "ENDED" }];
      if (i >= 40) visits.push({ venueId: b.id, daysAgo: 10 });
      if (i >= 30 && i < 34) visits.push({ venueId: b.id, daysAgo: 400 });
      if (i === 45 || i === 28) visits.push({ venueId: c.id, daysAgo: 700 });
      guests.push(await seedGuest(visits));
    }
    for (let i = 0; i < 10; i += 1) guests.push(await seedGuest([{ venueId: b.id, daysAgo: i * 60 + 5 }]));
    for (let i = 0; i < 5; i += 1) guests.push(await seedGuest([{ venueId: c.id, daysAgo: 700 - i }]));
    // Already erased long ago: never counted again.
    const erasedOld = await seedGuest([{ venueId: a.id, daysAgo: 650 }]);
    await testDb.prisma.guest.update({ where: { id: erasedOld.id }, data: { email: null, emailNormalized: null, erasedAt: new Date(now.getTime() - 300 * day) } });
    await testDb.prisma.event.create({ data: { type: "visit.started", occurredAt: new Date(now.getTime() - 700 * day), venueId: null, payload: {} } });

    for (const [venueId, periods] of Object.entries(policies)) {
      await testDb.prisma.retentionPolicy.create({ data: { venueId, ...periods, updatedById: admin.id } });
    }

    // What the policies name, worked out here from the timeline, not from Portico's SQL.
    const cutoff = (venueId: string, key: "guestMonths" | "eventMonths" | "sessionMonths") => {
      const months = policies[venueId]?.[key];
      return months ? monthsBefore(months) : null;
    };
    const expectedGuests = new Set(guests.filter((g) => g.visits.every((v) => { const c = cutoff(v.venueId, "guestMonths"); return c !== null && v.at < c; })).map((g) => g.id));
    const all = [...guests, erasedOld].flatMap((g) => g.visits);
    const expectedEvents = all.filter((v) => { const c = cutoff(v.venueId, "eventMonths"); return c !== null && v.at < c; }).length * 2;
    const expectedJourneys = new Set(all.filter((v) => { const c = cutoff(v.venueId, "sessionMonths"); return c !== null && v.at < c; }).map((v) => v.journeyId));
    const expectedSessions = new Set(all.filter((v) => { const c = cutoff(v.venueId, "sessionMonths"); return c !== null && v.at < c && v.sessionStatus === "ENDED"; }).map((v) => v.sessionId));
    // The timeline does reach every case.
    expect(expectedGuests.size).toBeGreaterThan(20);
    expect(expectedGuests.size).toBeLessThan(guests.length - 15);
    expect(guests.slice(40, 48).some((g) => expectedGuests.has(g.id))).toBe(false);
    expect(guests.slice(30, 34).every((g) => expectedGuests.has(g.id))).toBe(true);
    expect(expectedGuests.has(guests[28]!.id)).toBe(false);

    const dry = await retentionDryRun(testDb.prisma, await loadPolicies(testDb.prisma), now);
    expect(dry.total).toEqual({ guests: expectedGuests.size, events: expectedEvents, journeys: expectedJourneys.size, accessSessions: expectedSessions.size });

    const eventsBefore = await testDb.prisma.event.groupBy({ by: ["venueId"], _count: true });
    const result = await runRetention(testDb.prisma, { now, subjects, wake: false });
    expect(result).toEqual({ venues: 2, ...dry.total });

    // Guests: exactly the expected ones erased, through the erasure path (email, MAC gone), signed by the job.
    const after = await testDb.prisma.guest.findMany({ where: { id: { in: guests.map((g) => g.id) } }, select: { id: true, erasedAt: true, emailNormalized: true, visitCount: true } });
    expect(new Set(after.filter((g) => g.erasedAt).map((g) => g.id))).toEqual(expectedGuests);
    for (const g of after) {
      const seeded = guests.find((s) => s.id === g.id)!;
      expect(g.emailNormalized).toBe(expectedGuests.has(g.id) ? null : seeded.email);
      expect(g.visitCount).toBe(seeded.visits.length);
    }
    const erasures = await testDb.prisma.auditEntry.findMany({ where: { action: "guest.erase" }, select: { entityId: true, actorDescription: true, actorId: true } });
    expect(new Set(erasures.map((e) => e.entityId))).toEqual(expectedGuests);
    expect(erasures.every((e) => e.actorDescription === retentionJobActor && e.actorId === null)).toBe(true);
    expect(await testDb.prisma.visit.count()).toBe(all.length);

    // Events: A's older than six months gone, B's and C's and the venue-less one untouched.
    const eventsAfter = await testDb.prisma.event.groupBy({ by: ["venueId"], _count: true });
    const count = (rows: typeof eventsAfter, venueId: string | null) => rows.find((r) => r.venueId === venueId)?._count ?? 0;
    expect(count(eventsBefore, a.id) - count(eventsAfter, a.id)).toBe(expectedEvents);
    for (const venueId of [b.id, c.id, null]) expect(count(eventsAfter, venueId)).toBe(count(eventsBefore, venueId));
    expect(await testDb.prisma.event.count({ where: { venueId: a.id, occurredAt: { lt: monthsBefore(6) } } })).toBe(0);

    // Network details: cleared on A's journeys older than three months (and on the erased guests'), kept elsewhere.
    const journeys = await testDb.prisma.journey.findMany({ select: { id: true, clientMac: true, guestId: true } });
    for (const j of journeys) {
      const cleared = expectedJourneys.has(j.id) || expectedGuests.has(j.guestId!);
      expect(j.clientMac === null, `journey ${j.id}`).toBe(cleared);
    }
    const sessions = await testDb.prisma.accessSession.findMany({ select: { id: true, clientMac: true, journey: { select: { guestId: true } } } });
    for (const s of sessions) {
      const cleared = expectedSessions.has(s.id) || expectedGuests.has(s.journey.guestId!);
      expect(s.clientMac === null, `session ${s.id}`).toBe(cleared);
    }

    const summary = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { action: "retention.run" } });
    expect(summary).toMatchObject({ actorId: null, actorDescription: retentionJobActor });
    expect((summary.after as { totals: unknown }).totals).toEqual(dry.total);

    // Nothing is left to do: the dry run and a second run both say zero.
    const again = await retentionDryRun(testDb.prisma, await loadPolicies(testDb.prisma), now);
    expect(again.total).toEqual({ guests: 0, events: 0, journeys: 0, accessSessions: 0 });
    expect(await runRetention(testDb.prisma, { now, subjects, wake: false })).toEqual({ venues: 2, guests: 0, events: 0, journeys: 0, accessSessions: 0 });
  });

  it("is a daily scheduled job, next to the DPA expiry job", () => {
    expect(scheduledJobs.find((j) => j.name === "retention")?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(scheduledJobs.find((j) => j.name === "dpa-expiry")).toBeDefined();
  });

  it("leaves the event log append-only for everyone else", async () => {
    await expect(testDb.prisma.$executeRaw`DELETE FROM event`).rejects.toThrow(/event is append-only/);
  });
});

describe("setting a policy", () => {
  it("shows the admin today's counts first, saves with them in the audit trail, and the record of processing reads it", async () => {
    const admin = await staff("ADMIN");
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    const old = await seedGuest([{ venueId: venue.id, daysAgo: 500 }]);
    await seedGuest([{ venueId: venue.id, daysAgo: 20 }]);
    const proposed = { venueId: venue.id, guestMonths: "12", eventMonths: "", sessionMonths: "1" };
    const preview = await previewRetentionPolicy(testDb.prisma, admin, proposed, { now });
    expect(preview).toEqual({ guests: 1, events: 0, journeys: 1, accessSessions: 1 });
    expect(await testDb.prisma.retentionPolicy.findUnique({ where: { venueId: venue.id } })).toBeNull();
    // The preview wrote nothing.
    expect(await testDb.prisma.guest.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ erasedAt: null });

    await saveRetentionPolicy(testDb.prisma, admin, proposed, { now });
    expect(await testDb.prisma.retentionPolicy.findUniqueOrThrow({ where: { venueId: venue.id } })).toMatchObject({ guestMonths: 12, eventMonths: null, sessionMonths: 1, updatedById: admin.id });
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { action: "retention.policy.update", entityId: venue.id } });
    expect(audit.after).toMatchObject({ guestMonths: 12, eventMonths: null, sessionMonths: 1, wouldChangeToday: preview });
    await expect(inStaffWords(saveRetentionPolicy(testDb.prisma, admin, proposed, { now }))).rejects.toThrow(/Nothing changed/);

    const record = await recordOfProcessing(testDb.prisma, admin);
    const retention = record.find((r) => r.venue.id === venue.id)!.retention!;
    expect(retention.guests).toMatch(/anonymised after 12 months/);
    expect(retention.events).toMatch(/Kept/);
    expect(retention.sessions).toMatch(/after 1 month$/);
  });

  it("refuses periods outside 1–120 months and anyone but an admin", async () => {
    const admin = await staff("ADMIN");
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    await expect(saveRetentionPolicy(testDb.prisma, admin, { venueId: venue.id, guestMonths: "0" })).rejects.toThrow(/At least 1 month/);
    await expect(saveRetentionPolicy(testDb.prisma, admin, { venueId: venue.id, eventMonths: "121" })).rejects.toThrow(/At most 120 months/);
    for (const role of ["LEGAL", "MARKETER"] as const) {
      const someone = await staff(role);
      await expect(inStaffWords(previewRetentionPolicy(testDb.prisma, someone, { venueId: venue.id, guestMonths: "12" }))).rejects.toThrow(/Only admins can set a venue's retention policy/);
      await expect(inStaffWords(saveRetentionPolicy(testDb.prisma, someone, { venueId: venue.id, guestMonths: "12" }))).rejects.toThrow(/Only admins/);
    }
    expect(await testDb.prisma.retentionPolicy.count({ where: { venueId: venue.id } })).toBe(0);
    await expect(testDb.prisma.$executeRaw`INSERT INTO retention_policy (venue_id, guest_months, updated_by_id, updated_at) VALUES (${venue.id}::uuid, 500, ${admin.id}::uuid, now())`).rejects.toThrow(/retention_policy_months_range/);
  });
});
