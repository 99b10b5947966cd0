import type { ExportFormat } from "./encode-rows";

/** One file of a venue-day, as its manifest records it. */
export interface ManifestFile {
  name: string;
  /** "events.visit.started", "guests", "list.marketing", "list.sponsor.acme". */
  dataset: string;
  format: ExportFormat;
  columns: string[];
  rows: number;
  /** Of the gzipped file, as stored. */
  bytes: number;
  /** Hex SHA-256 of the gzipped file, as stored. */
  sha256: string;
}

/** manifest.json: written last, so a folder with a manifest is complete. */
export interface ExportManifest {
  format: "portico-export/1";
  venue: { slug: string; name: string; timezone: string };
  day: string;
  /** The instants the day spans (UTC): from inclusive, to exclusive. */
  window: { from: string; to: string };
  files: ManifestFile[];
}

export const manifestName = "manifest.json";

/** The manifest's bytes: stable key order, two-space indent, a final newline. */
export function manifestBytes(manifest: ExportManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
}
