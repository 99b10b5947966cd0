import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import { dayWindow, daysBetween } from "../day-window";
import { exportVenueDays } from "../export-venue-days";
import type { ExportDayResult } from "../export-venue-day";
import type { ExportRunInput } from "../schemas";
import type { ExportStorage } from "../storage";

/** Days one staff request may export; the CLI takes longer ranges. */
export const maxStaffExportDays = 31;

/**
 * An admin's run or backfill of a venue's exports, day by day; each day exactly once (a day
 * already done is skipped unless `redo`). Audited before it starts, so a long run that fails
 * half-way is still on record.
 */
export async function runExports(db: Db, actor: Actor, storage: ExportStorage, input: ExportRunInput, now = new Date()): Promise<ExportDayResult[]> {
  assertPermission(actor, "exports.run");
  const venue = await db.venue.findUnique({ where: { id: input.venueId }, select: { id: true, slug: true, name: true, timezone: true } });
  if (!venue) throw new DomainError("venueGone");
  if (input.from > input.to) throw new DomainError("exportRangeReversed");
  const days = daysBetween(input.from, input.to).length;
  if (days > maxStaffExportDays) throw new DomainError("exportRangeTooLong", { params: { days, max: maxStaffExportDays } });
  const last = await dayWindow(db, venue, input.to);
  if (last.to > now) throw new DomainError("exportDayNotOver", { params: { day: input.to, timezone: venue.timezone } });

  await recordAudit(db, {
    actorId: actor.id,
    action: "exports.run",
    entityType: "venue",
    entityId: venue.id,
    after: { from: input.from, to: input.to, redo: input.redo },
    ip: actor.ip ?? null,
  });
  return exportVenueDays({ db, storage, venue, from: input.from, to: input.to, redo: input.redo, now: () => now });
}
