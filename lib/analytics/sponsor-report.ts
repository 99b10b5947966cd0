import "server-only";

import type { Db } from "@/lib/db/client";

import { queryOptIns, queryOptInTrend, type RollupScope } from "./dashboard-queries";

export interface SponsorReport {
  sponsors: {
    key: string;
    name: string;
    venueName: string;
    shown: number;
    granted: number;
    /** Week by week (weeks start on Monday, the venue's calendar). */
    weeks: { week: string; shown: number; granted: number }[];
  }[];
}

/**
 * Per sponsor: how many guests were shown its box and how many opted in, in total and week by
 * week. Counts from the rollups only: nothing here can name or reach a guest.
 */
export async function loadSponsorReport(db: Db, input: { venueIds: string[]; from: string; to: string }): Promise<SponsorReport> {
  const sponsors = await db.sponsor.findMany({
    where: { venueId: { in: input.venueIds } },
    select: { slug: true, name: true, venueId: true, venue: { select: { name: true } } },
    orderBy: [{ venue: { name: "asc" } }, { name: "asc" }],
  });
  const report: SponsorReport = { sponsors: [] };
  // Per venue: a sponsor's key ("sponsor:<slug>") is unique within its venue only.
  for (const venueId of new Set(sponsors.map((s) => s.venueId))) {
    const scope: RollupScope = { venueIds: [venueId], from: input.from, to: input.to };
    const [totals, weeks] = await Promise.all([queryOptIns(db, scope), queryOptInTrend(db, scope, "week")]);
    for (const sponsor of sponsors.filter((s) => s.venueId === venueId)) {
      const key = `sponsor:${sponsor.slug}`;
      const total = totals.find((t) => t.purpose === key);
      report.sponsors.push({
        key,
        name: sponsor.name,
        venueName: sponsor.venue.name,
        shown: total?.shown ?? 0,
        granted: total?.granted ?? 0,
        weeks: weeks.filter((w) => w.purpose === key).map((w) => ({ week: w.bucket.slice(0, 10), shown: w.shown, granted: w.granted })),
      });
    }
  }
  return report;
}
