import { DomainError, type FieldError } from "@/lib/errors";

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

/** Why a file cannot be a portal image, as the field's error (worded by the staff edge). */
export type ImageRefusal = Extract<FieldError, { code: "imageEmpty" | "imageTooBig" | "imageNotAnImage" }> | "imageSvg";

export type ImageCheck = { ok: true; contentType: ImageContentType } | { ok: false; refusal: ImageRefusal };

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
 * spoofed type is refused), with the reason for the person who chose it.
 */
export function checkImageUpload(upload: ImageUpload): ImageCheck {
  const file = upload.fileName;
  if (upload.bytes.byteLength === 0) return { ok: false, refusal: { code: "imageEmpty", params: { file } } };
  if (upload.bytes.byteLength > maxImageBytes) {
    const size = `${Math.ceil(upload.bytes.byteLength / 1024).toLocaleString("en-GB")} KB`;
    return { ok: false, refusal: { code: "imageTooBig", params: { file, size, limit: formatMegabytes(maxImageBytes) } } };
  }
  const contentType = sniffImageType(upload.bytes);
  if (!contentType) {
    const svg = upload.claimedType === "image/svg+xml" || /\.svgz?$/i.test(upload.fileName);
    return { ok: false, refusal: svg ? "imageSvg" : { code: "imageNotAnImage", params: { file } } };
  }
  return { ok: true, contentType };
}

/** A refused file as the refusal of the change it came with: the same words as the message and on the field. */
export function imageRefusal(field: string, refusal: ImageRefusal): DomainError {
  return DomainError.of(refusal, { [field]: [refusal] });
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}
