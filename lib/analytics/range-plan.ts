// Which rollup grain answers which part of a range (docs/ANALYTICS.md, "Grains"): whole months
// from the month rows, whole ISO weeks from the week rows, the days left at the edges from the
// day rows. Pure, so the pieces can be checked to cover every day exactly once.
import { addDays } from "./schemas";

export type RollupGrain = "d" | "w" | "m";

/** Periods of one grain: `from` and `to` are the first local days of the first and last period. */
export interface RangePiece {
  grain: RollupGrain;
  from: string;
  to: string;
}

const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => {
  const d = new Date(`${monthStart(day)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Covers the local days `from`..`to` (both included) with the fewest rows: months lying wholly
 * inside, then whole ISO weeks in what is left, then days (with "w", weeks then days; with "d",
 * just the days). Every day of the range is in exactly one piece, in order.
 */
export function planRange(from: string, to: string, coarsest: RollupGrain): RangePiece[] {
  if (coarsest !== "m") return planOneGrain(from, to, coarsest);
  return planOneGrain(from, to, "m").flatMap((p) => (p.grain === "d" ? planOneGrain(p.from, p.to, "w") : [p]));
}

function planOneGrain(from: string, to: string, coarsest: RollupGrain): RangePiece[] {
  if (from > to) return [];
  if (coarsest === "d") return [{ grain: "d", from, to }];
  const firstWhole = coarsest === "m" ? (from === monthStart(from) ? from : nextMonth(from)) : addDays(from, (7 - weekday(from)) % 7);
  let lastWhole = "";
  let afterLast = firstWhole;
  for (let start = firstWhole; ; ) {
    const next = coarsest === "m" ? nextMonth(start) : addDays(start, 7);
    if (addDays(next, -1) > to) break;
    lastWhole = start;
    afterLast = next;
    start = next;
  }
  if (!lastWhole) return [{ grain: "d", from, to }];
  const pieces: RangePiece[] = [];
  if (from < firstWhole) pieces.push({ grain: "d", from, to: addDays(firstWhole, -1) });
  pieces.push({ grain: coarsest, from: firstWhole, to: lastWhole });
  if (afterLast <= to) pieces.push({ grain: "d", from: afterLast, to });
  return pieces;
}

/** The days a piece covers, both included (its last period's last day). */
export function pieceEnd(piece: RangePiece): string {
  if (piece.grain === "d") return piece.to;
  return addDays(piece.grain === "m" ? nextMonth(piece.to) : addDays(piece.to, 7), -1);
}
