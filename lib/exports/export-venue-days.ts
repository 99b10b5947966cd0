import { daysBetween } from "./day-window";
import { exportVenueDay, type ExportDayOptions, type ExportDayResult } from "./export-venue-day";

export interface ExportRangeOptions extends Omit<ExportDayOptions, "day"> {
  /** YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** Told of each day as it is done (the CLI prints it). */
  onDay?: (result: ExportDayResult) => void;
}

/** A backfill: each day of the range in turn, each exactly once (the export_day row sees to it). */
export async function exportVenueDays(options: ExportRangeOptions): Promise<ExportDayResult[]> {
  const { from, to, onDay, ...day } = options;
  const results: ExportDayResult[] = [];
  for (const date of daysBetween(from, to)) {
    const result = await exportVenueDay({ ...day, day: date });
    onDay?.(result);
    results.push(result);
  }
  return results;
}
