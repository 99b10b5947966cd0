// Grant health per gateway, against real PostgreSQL: grants in the last 5 minutes and 24
// hours, failures (refused grants, and grants the gateway never collected), the time from the
// consent tap to the grant, and the alert above 1% failures in the window.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isDomainError } from "@/lib/errors";
import { getGrantHealth, grantAlert } from "@/lib/network/staff/grant-health";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";
import { staffActor } from "../venues/staff-actors";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb?.drop();
});

const now = new Date("2026-12-03T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

async function session(venueId: string, gatewayId: string, createdAt: Date, state: { status: "GRANTED" | "PENDING" | "DENIED"; grantedAfterSeconds?: number; error?: string }) {
  const journey = await testDb.prisma.journey.create({
    data: { token: randomBytes(16).toString("hex"), venueId, locale: "en", status: "COMPLETED", expiresAt: now, createdAt },
  });
  await testDb.prisma.accessSession.create({
    data: {
      journeyId: journey.id,
      venueId,
      gatewayId,
      status: state.status,
      grantKind: state.status === "DENIED" ? "failed" : state.status === "PENDING" ? "pending" : "redirect",
      minutes: 60,
      error: state.error ?? null,
      createdAt,
      grantedAt: state.grantedAfterSeconds === undefined ? null : new Date(createdAt.getTime() + state.grantedAfterSeconds * 1000),
    },
  });
}

describe("grant health", () => {
  it("counts each gateway's grants and failures, times tap to grant, and alerts above 1% in the last 5 minutes", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    const [lobby, terrace] = await Promise.all(
      ["lobby", "terrace"].map((slug) => testDb.prisma.gateway.create({ data: { venueId: venue.id, slug, kind: "opennds", name: slug } })),
    );
    // Lobby: 3 good grants and one refused in the window, one never collected (stuck for 3 minutes), one still being collected, one a day and a half ago.
    await session(venue.id, lobby!.id, minutesAgo(1), { status: "GRANTED", grantedAfterSeconds: 1 });
    await session(venue.id, lobby!.id, minutesAgo(2), { status: "GRANTED", grantedAfterSeconds: 2 });
    await session(venue.id, lobby!.id, minutesAgo(4), { status: "GRANTED", grantedAfterSeconds: 3 });
    await session(venue.id, lobby!.id, minutesAgo(2), { status: "DENIED", error: "The openNDS adapter failed: timeout" });
    await session(venue.id, lobby!.id, minutesAgo(3), { status: "PENDING" });
    await session(venue.id, lobby!.id, minutesAgo(1), { status: "PENDING" });
    await session(venue.id, lobby!.id, minutesAgo(36 * 60), { status: "DENIED" });
    // Terrace: an old failure only, outside the window.
    await session(venue.id, terrace!.id, minutesAgo(60), { status: "DENIED", error: "refused" });
    for (let i = 0; i < 3; i += 1) await session(venue.id, terrace!.id, minutesAgo(2), { status: "GRANTED", grantedAfterSeconds: 10 });

    const admin = await staffActor(testDb.prisma, "ADMIN");
    const health = await getGrantHealth(testDb.prisma, admin, now);
    const lobbyHealth = health.find((g) => g.gatewayId === lobby!.id)!;
    expect(lobbyHealth.recent).toEqual({ total: 6, failed: 2 });
    expect(lobbyHealth.day).toEqual({ total: 6, failed: 2, waiting: 1 });
    expect(lobbyHealth.secondsToGrant).toEqual({ p50: 2, p95: expect.closeTo(2.9, 5) });
    expect(lobbyHealth.alerting).toBe(true);
    expect(lobbyHealth.lastError).toBe("The openNDS adapter failed: timeout");

    const terraceHealth = health.find((g) => g.gatewayId === terrace!.id)!;
    expect(terraceHealth.recent).toEqual({ total: 3, failed: 0 });
    expect(terraceHealth.day).toMatchObject({ total: 4, failed: 1 });
    expect(terraceHealth.alerting).toBe(false);
  });

  it("lists a gateway with no grants yet, without an alert", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    const gateway = await testDb.prisma.gateway.create({ data: { venueId: venue.id, slug: "quiet", kind: "none", name: "Quiet" } });
    const health = await getGrantHealth(testDb.prisma, await staffActor(testDb.prisma, "ADMIN"), now);
    expect(health.find((g) => g.gatewayId === gateway.id)).toMatchObject({ recent: { total: 0, failed: 0 }, secondsToGrant: null, alerting: false });
  });

  it("alerts only above the threshold", () => {
    expect(grantAlert({ total: 0, failed: 0 })).toBe(false);
    expect(grantAlert({ total: 100, failed: 1 })).toBe(false);
    expect(grantAlert({ total: 100, failed: 2 })).toBe(true);
  });

  it("is for admins", async () => {
    for (const role of ["MARKETER", "LEGAL"] as const) {
      const error = await getGrantHealth(testDb.prisma, await staffActor(testDb.prisma, role), now).catch((e: unknown) => e);
      expect(isDomainError(error, "notPermitted")).toBe(true);
    }
  });
});
