import "server-only";

import { deriveKeys, secretKeysFromEnv, type DerivedKeys } from "@/lib/crypto";
import { env } from "@/lib/env";

import { downloadLinkPurpose, signDownloadLink, type ExportFileRef } from "./download-link";

/** The link-signing keys, derived from PORTICO_SECRET_KEY (and _PREVIOUS during a rotation). */
export function exportLinkKeys(): DerivedKeys {
  return deriveKeys(secretKeysFromEnv(), downloadLinkPurpose);
}

/**
 * A signed link to one export file that works for PORTICO_EXPORT_LINK_MINUTES (or `ttlMinutes`):
 * what the staff area shows, and what the API will hand out. A path; prefix the public origin
 * (NEXTAUTH_URL) where an absolute URL is needed.
 */
export function exportDownloadLink(ref: ExportFileRef, options: { now?: Date; ttlMinutes?: number } = {}): { href: string; expiresAt: Date } {
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (options.ttlMinutes ?? env.PORTICO_EXPORT_LINK_MINUTES) * 60_000);
  return { href: signDownloadLink(exportLinkKeys(), ref, expiresAt), expiresAt };
}
