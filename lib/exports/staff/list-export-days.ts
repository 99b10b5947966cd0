import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { ExportStatus } from "@/lib/generated/prisma/enums";

import type { ExportManifest, ManifestFile } from "../manifest";

export interface ExportDaySummary {
  id: string;
  day: string;
  status: ExportStatus;
  fileCount: number;
  rowCount: number;
  byteSize: number;
  files: ManifestFile[];
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface ExportDayPage {
  days: ExportDaySummary[];
  /** The `before` of the next (older) page, when there is one. */
  older?: string;
}

/** The venues staff may pick on the exports page. */
export async function listExportVenues(db: Db, actor: Actor) {
  assertPermission(actor, "exports.read");
  return db.venue.findMany({ select: { id: true, slug: true, name: true, timezone: true }, orderBy: { name: "asc" } });
}

/** A venue's exports, newest day first, `size` at a time, before a day (exclusive) when given. */
export async function listExportDays(db: Db, actor: Actor, input: { venueId: string; before?: string; size?: number }): Promise<ExportDayPage> {
  assertPermission(actor, "exports.read");
  const size = input.size ?? 31;
  const rows = await db.exportDay.findMany({
    where: { venueId: input.venueId, ...(input.before ? { day: { lt: new Date(`${input.before}T00:00:00Z`) } } : {}) },
    orderBy: { day: "desc" },
    take: size + 1,
  });
  const days = rows.slice(0, size).map((row) => ({
    id: row.id,
    day: row.day.toISOString().slice(0, 10),
    status: row.status,
    fileCount: row.fileCount,
    rowCount: Number(row.rowCount),
    byteSize: Number(row.byteSize),
    files: (row.manifest as unknown as ExportManifest | null)?.files ?? [],
    error: row.error,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  }));
  return rows.length > size ? { days, older: days.at(-1)!.day } : { days };
}
