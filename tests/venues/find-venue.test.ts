import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadJourney } from "@/lib/journeys";
import { findVenueBySlug } from "@/lib/venues/find-venue";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { openTestJourney } from "../support/journey-fixture";
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
    const token = await openTestJourney(testDb.prisma, venue, { email: "raw@example.com", gateway: "client_mac=aa:bb:cc:dd:ee:01&zone=lobby" });
    expect(await loadJourney(testDb.prisma, venue.slug, token)).toEqual(
      await testDb.prisma.journey.findUniqueOrThrow({ where: { token }, include: { venue: true } }),
    );
  });
});
