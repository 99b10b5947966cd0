/** The image types a portal may show. No SVG: it is a document that can carry script. */
export const imageContentTypes = ["image/png", "image/jpeg", "image/webp"] as const;
export type ImageContentType = (typeof imageContentTypes)[number];

/** Logos and backgrounds load on a guest's phone before it is online: keep them small. */
export const maxImageBytes = 1024 * 1024;

export interface ImageUpload {
  bytes: Uint8Array;
  /** What the browser said the file is; never trusted on its own. */
  claimedType: string;
  fileName: string;
}

export type ImageCheck = { ok: true; contentType: ImageContentType } | { ok: false; message: string };

/** The image type the bytes actually are, from their signature, or null. */
export function sniffImageType(bytes: Uint8Array): ImageContentType | null {
  const starts = (signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  // RIFF <size> WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/**
 * Whether an upload may become a portal image: judged by its bytes (a renamed file or a
 * spoofed type is refused), with a message for the person who chose it.
 */
export function checkImageUpload(upload: ImageUpload): ImageCheck {
  if (upload.bytes.byteLength === 0) return { ok: false, message: `${upload.fileName} is empty.` };
  if (upload.bytes.byteLength > maxImageBytes) {
    const size = `${Math.ceil(upload.bytes.byteLength / 1024).toLocaleString("en-GB")} KB`;
    return { ok: false, message: `${upload.fileName} is too big (${size}): images must be ${formatMegabytes(maxImageBytes)} or smaller.` };
  }
  const contentType = sniffImageType(upload.bytes);
  if (!contentType) {
    const svg = upload.claimedType === "image/svg+xml" || /\.svgz?$/i.test(upload.fileName);
    return {
      ok: false,
      message: svg
        ? "SVG images are not accepted (they can carry scripts). Upload a PNG, JPEG or WebP."
        : `${upload.fileName} is not a PNG, JPEG or WebP image.`,
    };
  }
  return { ok: true, contentType };
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}
