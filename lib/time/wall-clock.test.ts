import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { formatWallClock, fromWallClock, toWallClock } from "./wall-clock";

describe("a venue's wall clock", () => {
  it("reads local times in the venue's zone, including half-hour offsets and both hemispheres", () => {
    expect(fromWallClock("2026-07-01T18:00", "Europe/London")?.toISOString()).toBe("2026-07-01T17:00:00.000Z");
    expect(fromWallClock("2026-01-15T18:00", "Europe/London")?.toISOString()).toBe("2026-01-15T18:00:00.000Z");
    expect(fromWallClock("2026-07-01T18:00", "America/New_York")?.toISOString()).toBe("2026-07-01T22:00:00.000Z");
    expect(fromWallClock("2026-07-01T18:00", "Asia/Kolkata")?.toISOString()).toBe("2026-07-01T12:30:00.000Z");
    expect(fromWallClock("2026-07-01T18:00", "Australia/Sydney")?.toISOString()).toBe("2026-07-01T08:00:00.000Z");
    expect(fromWallClock("2026-07-01T18:00:30", "UTC")?.toISOString()).toBe("2026-07-01T18:00:30.000Z");
  });

  it("reads a skipped time as an hour on, and a repeated one as the first", () => {
    // London springs from 01:00 to 02:00 on 29 March 2026 and falls back from 02:00 to 01:00 on 25 October.
    expect(fromWallClock("2026-03-29T01:30", "Europe/London")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(toWallClock(fromWallClock("2026-03-29T01:30", "Europe/London")!, "Europe/London")).toBe("2026-03-29T02:30");
    expect(fromWallClock("2026-10-25T01:30", "Europe/London")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(fromWallClock("2026-03-08T02:30", "America/New_York")?.toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });

  it("refuses what is not a date", () => {
    for (const bad of ["2026-02-30T10:00", "2026-13-01T10:00", "2026-01-01T24:00", "2026-01-01T10:60", "2026-01-01", "tomorrow"]) {
      expect(fromWallClock(bad, "Europe/London"), bad).toBeNull();
    }
  });

  it("gives back the local time it read, away from clock changes, in every zone", () => {
    const zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "Pacific/Chatham", "America/St_Johns", "UTC"];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), (zone, t) => {
        const instant = new Date(Math.floor(t / 60_000) * 60_000);
        const local = toWallClock(instant, zone);
        const back = fromWallClock(local, zone)!;
        // On the hour an autumn change repeats, the first reading wins: never later than the instant.
        expect(back.getTime() <= instant.getTime()).toBe(true);
        expect(toWallClock(back, zone)).toBe(local);
      }),
      { numRuns: 500 },
    );
  });

  it("writes instants for people on the venue's clock", () => {
    expect(formatWallClock(new Date("2026-12-12T23:00:00Z"), "America/New_York")).toBe("12 Dec 2026, 18:00");
  });
});
