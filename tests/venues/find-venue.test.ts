import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadJourney, openJourney, readGatewayParams } from "@/lib/journeys";
import { findVenueBySlug } from "@/lib/venues/find-venue";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

// The guest pages read venues and journeys with hand-written SQL for speed; these prove the
// rows they build are exactly what Prisma would return, every column included.
describe("the guest pages' raw reads", () => {
  it("a venue by slug is the whole venue row", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    expect(await findVenueBySlug(testDb.prisma, venue.slug)).toEqual(await testDb.prisma.venue.findUniqueOrThrow({ where: { id: venue.id } }));
    await expect(findVenueBySlug(testDb.prisma, "no-such-venue")).rejects.toMatchObject({ code: "venueNotFound" });
    await expect(findVenueBySlug(testDb.prisma, "'; DROP TABLE venue; --")).rejects.toMatchObject({ code: "venueNotFound" });
  });

  it("a journey by token is the whole journey row with its whole venue", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const opened = await openJourney(testDb.prisma, {
      venue,
      method: "EMAIL",
      form: { email: "raw@example.com" },
      gateway: readGatewayParams(new URLSearchParams("client_mac=aa:bb:cc:dd:ee:01&zone=lobby")),
      locale: "en",
      ip: "10.0.0.1",
      userAgent: "test",
      ttlMinutes: 30,
    });
    if (opened.status !== "identified") throw new Error("login refused");
    expect(await loadJourney(testDb.prisma, venue.slug, opened.token)).toEqual(
      await testDb.prisma.journey.findUniqueOrThrow({ where: { token: opened.token }, include: { venue: true } }),
    );
  });
});
