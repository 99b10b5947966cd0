import type { Readable } from "node:stream";

/** Where export files go: a folder on this machine or an S3-compatible bucket. Keys use "/". */
export interface ExportStorage {
  /** "folder" or "s3", recorded with each export. */
  readonly kind: "folder" | "s3";
  /** Stores a finished local file under `key`, replacing what was there; readers never see half a file. */
  putFile(key: string, localPath: string, file: { bytes: number; contentType: string }): Promise<void>;
  /** The stored file, or null when there is none. */
  open(key: string): Promise<StoredFile | null>;
}

export interface StoredFile {
  body: Readable;
  bytes: number;
}

/** Refuses keys that could leave the storage's root ("..", absolute paths, backslashes). */
export function assertSafeKey(key: string): void {
  const parts = key.split("/");
  if (key.includes("\\") || key.startsWith("/") || parts.some((part) => part === "" || part === "." || part === "..")) {
    throw new Error(`Unsafe export storage key "${key}"`);
  }
}
