import { describe, expect, it } from "vitest";

import { checkImageUpload as checkImage, sniffImageType, type ImageUpload } from "@/lib/assets";
import { DomainError } from "@/lib/errors";
import { staffRefusal } from "@/lib/staff/messages";

/** The check with its refusal in the words the staff edge shows (lib/staff/messages.ts). */
function checkImageUpload(upload: ImageUpload) {
  const check = checkImage(upload);
  return check.ok ? check : { ok: false, message: staffRefusal(DomainError.of(check.refusal))!.message };
}

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === "string" ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe("sniffImageType judges an image by its bytes", () => {
  it("recognises PNG, JPEG and WebP signatures", () => {
    expect(sniffImageType(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0))).toBe("image/jpeg");
    expect(sniffImageType(bytes("RIFF", 1, 2, 3, 4, "WEBPVP8 "))).toBe("image/webp");
  });

  it("recognises nothing else: SVG, GIF, a RIFF that is not WebP, HTML", () => {
    for (const other of [bytes("<svg></svg>"), bytes("GIF89a"), bytes("RIFF", 1, 2, 3, 4, "WAVEfmt "), bytes("<!doctype html>")]) {
      expect(sniffImageType(other)).toBeNull();
    }
  });
});

describe("checkImageUpload", () => {
  it("takes the type from the bytes, not from what the browser claimed", () => {
    expect(checkImageUpload({ bytes: bytes(0xff, 0xd8, 0xff, 0xdb), claimedType: "image/png", fileName: "a.png" })).toEqual({ ok: true, contentType: "image/jpeg" });
  });

  it("refuses a PNG-named HTML file, an SVG, an empty file and an oversized one, each with its own message", () => {
    expect(checkImageUpload({ bytes: bytes("<html>"), claimedType: "image/png", fileName: "a.png" })).toEqual({ ok: false, message: "a.png is not a PNG, JPEG or WebP image." });
    expect(checkImageUpload({ bytes: bytes("<svg/>"), claimedType: "image/svg+xml", fileName: "a.svg" })).toMatchObject({ ok: false, message: expect.stringMatching(/SVG/) });
    expect(checkImageUpload({ bytes: new Uint8Array(0), claimedType: "image/png", fileName: "a.png" })).toEqual({ ok: false, message: "a.png is empty." });
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(checkImageUpload({ bytes: big, claimedType: "image/png", fileName: "big.png" })).toEqual({ ok: false, message: "big.png is too big (1,025 KB): images must be 1 MB or smaller." });
  });
});
