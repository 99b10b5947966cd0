// Exports one venue-day: every file written to a temporary folder (gzipped, counted, hashed),
// then stored, then the manifest, then the export_day row marked DONE. The row makes a day
// idempotent: a day already DONE is skipped unless redone, a day RUNNING elsewhere is left to
// that run, and a redo of unchanged data writes the same bytes.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { eventTypes } from "@/lib/events/record-event";
import type { Prisma } from "@/lib/generated/prisma/client";

import { shareableNamespaces } from "@/lib/api-keys/namespaces";

import { eventColumns, eventRows, eventTypesOfDay, guestBatches, guestColumns, listColumns, optionalPurposes } from "./datasets";
import { dayWindow, type DayWindow, type ExportVenue } from "./day-window";
import { encodeRow, exportFormats, fileHeader, type ExportFormat, type Row } from "./encode-rows";
import { GzipFileWriter } from "./gzip-file";
import { manifestBytes, manifestName, type ExportManifest, type ManifestFile } from "./manifest";
import type { ExportStorage } from "./storage";

export interface ExportDayOptions {
  db: Db;
  storage: ExportStorage;
  venue: ExportVenue;
  /** YYYY-MM-DD in the venue's time zone. */
  day: string;
  /** Both by default; the recorded exports always hold both. */
  formats?: readonly ExportFormat[];
  /** Write again a day already DONE (the consent flags and lists then reflect consent now). */
  redo?: boolean;
  /** false: write the files only (the CLI's --out copy), without an export_day row. */
  record?: boolean;
  now?: () => Date;
}

export type ExportDayResult =
  | { status: "exported"; day: string; manifest: ExportManifest }
  | { status: "skipped"; day: string; reason: "done" | "running" };

/** A RUNNING row older than this belongs to a run that died; another may take the day over. */
const staleRunMs = 60 * 60 * 1000;

/** The key prefix of a venue-day's files: "<venue-slug>/<YYYY-MM-DD>/". */
export const dayLocation = (venueSlug: string, day: string) => `${venueSlug}/${day}/`;


export async function exportVenueDay(options: ExportDayOptions): Promise<ExportDayResult> {
  const { db, storage, venue, day } = options;
  const now = options.now ?? (() => new Date());
  const record = options.record ?? true;
  const window = await dayWindow(db, venue, day);
  const startedAt = now();
  if (window.to > startedAt) throw new DomainError("exportDayNotOver", { params: { day, timezone: venue.timezone } });

  const location = dayLocation(venue.slug, day);
  let exportId: string | null = null;
  if (record) {
    const claim = await claimDay(db, venue.id, day, storage.kind, location, startedAt, options.redo ?? false);
    if (claim.status !== "claimed") return { status: "skipped", day, reason: claim.status };
    exportId = claim.id;
  }

  const folder = await mkdtemp(path.join(tmpdir(), "portico-export-"));
  try {
    const files = await writeDayFiles(db, window, options.formats ?? exportFormats, folder, startedAt);
    for (const file of files) {
      await storage.putFile(`${location}${file.name}`, path.join(folder, file.name), { bytes: file.bytes, contentType: "application/gzip" });
    }
    const manifest: ExportManifest = {
      format: "portico-export/1",
      venue: { slug: venue.slug, name: venue.name, timezone: venue.timezone },
      day,
      window: { from: window.from.toISOString(), to: window.to.toISOString() },
      files,
    };
    const bytes = manifestBytes(manifest);
    await writeFile(path.join(folder, manifestName), bytes);
    await storage.putFile(`${location}${manifestName}`, path.join(folder, manifestName), { bytes: bytes.length, contentType: "application/json" });
    if (exportId) {
      await db.exportDay.update({
        where: { id: exportId },
        data: {
          status: "DONE",
          manifest: manifest as unknown as Prisma.InputJsonObject,
          fileCount: files.length,
          rowCount: BigInt(files.reduce((sum, f) => sum + f.rows, 0)),
          byteSize: BigInt(files.reduce((sum, f) => sum + f.bytes, 0)),
          finishedAt: now(),
        },
      });
    }
    return { status: "exported", day, manifest };
  } catch (error) {
    if (exportId) {
      await db.exportDay.update({ where: { id: exportId }, data: { status: "FAILED", error: (error as Error).message.slice(0, 2000), finishedAt: now() } });
    }
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

type Claim = { status: "claimed"; id: string } | { status: "done" | "running" };

/** Takes the venue-day for this run in one statement, or says who has it. */
async function claimDay(db: Db, venueId: string, day: string, storage: string, location: string, at: Date, redo: boolean): Promise<Claim> {
  const staleBefore = new Date(at.getTime() - staleRunMs);
  const claimed = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO export_day (id, venue_id, day, status, storage, location, started_at, updated_at)
    VALUES (${randomUUID()}::uuid, ${venueId}::uuid, ${day}::date, 'RUNNING', ${storage}, ${location}, ${at}, ${at})
    ON CONFLICT (venue_id, day) DO UPDATE SET
      status = 'RUNNING', storage = EXCLUDED.storage, location = EXCLUDED.location, started_at = EXCLUDED.started_at,
      finished_at = NULL, error = NULL, updated_at = EXCLUDED.updated_at
    WHERE export_day.status = 'FAILED'
       OR (export_day.status = 'DONE' AND ${redo})
       OR (export_day.status = 'RUNNING' AND export_day.started_at < ${staleBefore})
    RETURNING id`;
  if (claimed[0]) return { status: "claimed", id: claimed[0].id };
  const existing = await db.exportDay.findUniqueOrThrow({ where: { venueId_day: { venueId, day: new Date(`${day}T00:00:00Z`) } } });
  return { status: existing.status === "DONE" ? "done" : "running" };
}

/** A dataset being written in each format at once. */
class DatasetFiles {
  private readonly writers: { format: ExportFormat; writer: GzipFileWriter }[];

  constructor(
    readonly dataset: string,
    readonly columns: readonly string[],
    formats: readonly ExportFormat[],
    folder: string,
  ) {
    this.writers = formats.map((format) => ({ format, writer: new GzipFileWriter(path.join(folder, `${dataset}.${format}.gz`)) }));
  }

  async start(): Promise<void> {
    for (const { format, writer } of this.writers) {
      const header = fileHeader(format, this.columns);
      if (header) await writer.write(header);
    }
  }

  async write(rows: readonly Row[]): Promise<void> {
    for (const { format, writer } of this.writers) {
      if (rows.length > 0) await writer.write(rows.map((row) => encodeRow(format, this.columns, row)).join(""));
      writer.countRows(rows.length);
    }
  }

  async finish(): Promise<ManifestFile[]> {
    const files: ManifestFile[] = [];
    for (const { format, writer } of this.writers) {
      const written = await writer.finish();
      files.push({ name: path.basename(written.path), dataset: this.dataset, format, columns: [...this.columns], rows: written.rows, bytes: written.bytes, sha256: written.sha256 });
    }
    return files;
  }

  abort(): void {
    for (const { writer } of this.writers) writer.abort();
  }
}

async function writeDayFiles(db: Db, window: DayWindow, formats: readonly ExportFormat[], folder: string, asOf: Date): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  const open: DatasetFiles[] = [];
  const dataset = async (name: string, columns: readonly string[]) => {
    const files = new DatasetFiles(name, columns, formats, folder);
    open.push(files);
    await files.start();
    return files;
  };
  try {
    for (const type of await eventTypesOfDay(db, window, eventTypes)) {
      const events = await dataset(`events.${type}`, eventColumns);
      for await (const rows of eventRows(db, window, type)) await events.write(rows);
      files.push(...(await events.finish()));
    }

    const purposes = await optionalPurposes(db, window.venue.id);
    const guests = await dataset("guests", guestColumns(purposes));
    const lists = new Map<string, DatasetFiles>();
    for (const purpose of purposes) lists.set(purpose.key, await dataset(`list.${purpose.key.replaceAll(":", ".")}`, listColumns(purpose)));
    const shareable = await shareableNamespaces(db);
    for await (const batch of guestBatches(db, window, purposes, asOf, shareable)) {
      await guests.write(batch.guests);
      for (const [key, rows] of batch.lists) await lists.get(key)!.write(rows);
    }
    files.push(...(await guests.finish()));
    for (const list of lists.values()) files.push(...(await list.finish()));
  } catch (error) {
    for (const files of open) files.abort();
    throw error;
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
