import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { pieceEnd, planRange, type RollupGrain } from "./range-plan";
import { addDays } from "./schemas";

const day = fc.integer({ min: 0, max: 1200 }).map((n) => addDays("2025-01-01", n));

describe("planRange", () => {
  it("uses whole months inside the range, whole weeks in what is left and days at its edges", () => {
    // 2026-01-15 is a Thursday; 2026-01-19 the next Monday.
    expect(planRange("2026-01-15", "2026-04-03", "m")).toEqual([
      { grain: "d", from: "2026-01-15", to: "2026-01-18" },
      { grain: "w", from: "2026-01-19", to: "2026-01-19" },
      { grain: "d", from: "2026-01-26", to: "2026-01-31" },
      { grain: "m", from: "2026-02-01", to: "2026-03-01" },
      { grain: "d", from: "2026-04-01", to: "2026-04-03" },
    ]);
    expect(planRange("2025-01-01", "2026-12-31", "m")).toEqual([{ grain: "m", from: "2025-01-01", to: "2026-12-01" }]);
    expect(planRange("2026-02-03", "2026-02-07", "m")).toEqual([{ grain: "d", from: "2026-02-03", to: "2026-02-07" }]);
  });

  it("uses whole ISO weeks (Monday to Sunday) for weekly buckets", () => {
    // 2026-12-02 is a Wednesday, 2026-12-31 a Thursday.
    expect(planRange("2026-12-02", "2026-12-31", "w")).toEqual([
      { grain: "d", from: "2026-12-02", to: "2026-12-06" },
      { grain: "w", from: "2026-12-07", to: "2026-12-21" },
      { grain: "d", from: "2026-12-28", to: "2026-12-31" },
    ]);
  });

  it("covers every day of any range exactly once, whatever the grain", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), fc.constantFrom<RollupGrain>("d", "w", "m"), (from, length, grain) => {
        const to = addDays(from, length);
        const pieces = planRange(from, to, grain);
        let next = from;
        for (const piece of pieces) {
          expect(piece.from).toBe(next);
          if (piece.grain === "m") expect(piece.from.endsWith("-01") && piece.to.endsWith("-01")).toBe(true);
          if (piece.grain === "w") expect(new Date(`${piece.from}T00:00:00Z`).getUTCDay()).toBe(1);
          next = addDays(pieceEnd(piece), 1);
        }
        expect(next).toBe(addDays(to, 1));
      }),
    );
  });
});
