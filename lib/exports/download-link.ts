// Signed, expiring download links for export files: `/exports/<venue>/<day>/<file>?expires=
// <unix seconds>&signature=<base64url HMAC-SHA256>`. The signature covers the venue, day, file
// and expiry under a key derived from PORTICO_SECRET_KEY, so whoever holds a link may fetch
// that one file until it expires, and no one can make or stretch a link without the key.
import { createHmac, timingSafeEqual } from "node:crypto";

import type { DerivedKeys } from "@/lib/crypto/derived-keys";

export interface ExportFileRef {
  venueSlug: string;
  /** YYYY-MM-DD. */
  day: string;
  /** A file name from the day's manifest, or manifest.json. */
  file: string;
}

export const downloadLinkPurpose = "export download links v1";

function signature(key: Buffer, ref: ExportFileRef, expires: number): Buffer {
  return createHmac("sha256", key).update(`v1\n${ref.venueSlug}\n${ref.day}\n${ref.file}\n${expires}`).digest();
}

/** The path (without origin) of a link to `ref` that works until `expiresAt`. */
export function signDownloadLink(keys: DerivedKeys, ref: ExportFileRef, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const sig = signature(keys.current, ref, expires).toString("base64url");
  const path = [ref.venueSlug, ref.day, ref.file].map(encodeURIComponent).join("/");
  return `/exports/${path}?expires=${expires}&signature=${sig}`;
}

export type LinkCheck = "valid" | "expired" | "invalid";

/**
 * Whether a link's expiry and signature are good. A bad signature is "invalid" even when the
 * expiry has passed too, so a tampered link never learns anything about the key.
 */
export function checkDownloadLink(keys: DerivedKeys, ref: ExportFileRef, params: { expires: string | null; signature: string | null }, now: Date): LinkCheck {
  if (!params.expires || !/^\d{1,12}$/.test(params.expires) || !params.signature || !/^[A-Za-z0-9_-]{43}$/.test(params.signature)) return "invalid";
  const expires = Number(params.expires);
  const given = Buffer.from(params.signature, "base64url");
  const matches = [keys.current, keys.previous].some((key) => key && timingSafeEqual(signature(key, ref, expires), given));
  if (!matches) return "invalid";
  return expires * 1000 <= now.getTime() ? "expired" : "valid";
}
