import type { Db } from "@/lib/db/client";

import type { ExportFileRef } from "./download-link";
import { manifestName, type ExportManifest } from "./manifest";
import type { ExportStorage, StoredFile } from "./storage";

export interface ExportFileToServe extends StoredFile {
  contentType: string;
  /** Hex SHA-256 from the manifest (none for the manifest itself). */
  sha256: string | null;
}

/**
 * One file of a finished export, if the day's export is DONE and its manifest names the file
 * (or it is the manifest): a link can only ever reach files Portico wrote for that venue-day.
 */
export async function openExportFile(db: Db, storage: ExportStorage, ref: ExportFileRef): Promise<ExportFileToServe | null> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ref.day) || Number.isNaN(Date.parse(`${ref.day}T00:00:00Z`))) return null;
  const found = await db.exportDay.findFirst({ where: { venue: { slug: ref.venueSlug }, day: new Date(`${ref.day}T00:00:00Z`), status: "DONE" } });
  if (!found?.manifest) return null;
  const manifest = found.manifest as unknown as ExportManifest;
  const file = manifest.files.find((f) => f.name === ref.file);
  if (!file && ref.file !== manifestName) return null;
  const stored = await storage.open(`${found.location}${ref.file}`);
  if (!stored) return null;
  return { ...stored, contentType: file ? "application/gzip" : "application/json", sha256: file?.sha256 ?? null };
}
