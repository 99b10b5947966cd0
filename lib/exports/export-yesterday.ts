import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { exportVenueDay } from "./export-venue-day";
import type { ExportStorage } from "./storage";

/**
 * The daily export: each venue's previous day in its own time zone, unless already done. Run
 * hourly, so a venue's day goes out within the hour after its midnight wherever it is; a day
 * that failed is tried again at the next run.
 */
export async function exportYesterday(db: Db, storage: ExportStorage, now = new Date()): Promise<{ exported: number; failed: number }> {
  const due = await db.$queryRaw<{ id: string; slug: string; name: string; timezone: string; day: string }[]>`
    SELECT v.id, v.slug, v.name, v.timezone, to_char((${now}::timestamptz AT TIME ZONE v.timezone)::date - 1, 'YYYY-MM-DD') AS day
    FROM venue v
    WHERE NOT EXISTS (
      SELECT 1 FROM export_day e
      WHERE e.venue_id = v.id AND e.status = 'DONE' AND e.day = (${now}::timestamptz AT TIME ZONE v.timezone)::date - 1
    )
    ORDER BY v.slug`;
  let exported = 0;
  let failed = 0;
  for (const { day, ...venue } of due) {
    try {
      const result = await exportVenueDay({ db, storage, venue, day, now: () => now });
      if (result.status === "exported") exported += 1;
    } catch (error) {
      // One venue's failure (its row says FAILED, with the reason) does not hold up the others.
      failed += 1;
      logger.error({ err: error, venue: venue.slug, day }, "export failed");
    }
  }
  return { exported, failed };
}
