import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { deriveKeys } from "@/lib/crypto/derived-keys";
import { secretKey } from "@/lib/crypto/secret-box";

import { checkDownloadLink, downloadLinkPurpose, signDownloadLink, type ExportFileRef } from "./download-link";

const keysOf = (bytes: Buffer, previous?: Buffer) =>
  deriveKeys(previous ? { current: secretKey(bytes), previous: secretKey(previous) } : { current: secretKey(bytes) }, downloadLinkPurpose);
const ref: ExportFileRef = { venueSlug: "demo", day: "2026-11-10", file: "guests.csv.gz" };
const now = new Date("2026-12-01T12:00:00Z");
const inFifteen = new Date(now.getTime() + 15 * 60_000);

function paramsOf(href: string) {
  const url = new URL(href, "http://portico.test");
  return { path: url.pathname, expires: url.searchParams.get("expires"), signature: url.searchParams.get("signature") };
}

describe("signed export download links", () => {
  const key = randomBytes(32);
  const keys = keysOf(key);

  it("name the file in their path and work until they expire", () => {
    const link = paramsOf(signDownloadLink(keys, ref, inFifteen));
    expect(link.path).toBe("/exports/demo/2026-11-10/guests.csv.gz");
    expect(checkDownloadLink(keys, ref, link, now)).toBe("valid");
    expect(checkDownloadLink(keys, ref, link, inFifteen)).toBe("expired");
  });

  it("are refused when anything they cover was changed, or the signature is missing or malformed", () => {
    const link = paramsOf(signDownloadLink(keys, ref, inFifteen));
    expect(checkDownloadLink(keys, { ...ref, file: "list.marketing.csv.gz" }, link, now)).toBe("invalid");
    expect(checkDownloadLink(keys, { ...ref, day: "2026-11-11" }, link, now)).toBe("invalid");
    expect(checkDownloadLink(keys, { ...ref, venueSlug: "other" }, link, now)).toBe("invalid");
    expect(checkDownloadLink(keys, ref, { ...link, expires: String(Number(link.expires) + 3600) }, now)).toBe("invalid");
    const flipped = `${link.signature!.slice(0, -1)}${link.signature!.endsWith("A") ? "B" : "A"}`;
    expect(checkDownloadLink(keys, ref, { ...link, signature: flipped }, now)).toBe("invalid");
    expect(checkDownloadLink(keys, ref, { ...link, signature: null }, now)).toBe("invalid");
    expect(checkDownloadLink(keys, ref, { ...link, signature: "short" }, now)).toBe("invalid");
    expect(checkDownloadLink(keys, ref, { ...link, expires: "soon" }, now)).toBe("invalid");
    // An expired link with a forged signature is invalid, not merely expired.
    expect(checkDownloadLink(keys, ref, { ...link, signature: flipped }, new Date(inFifteen.getTime() + 1))).toBe("invalid");
  });

  it("signed under another key are refused; during a rotation the previous key's links still work", () => {
    const link = paramsOf(signDownloadLink(keys, ref, inFifteen));
    const other = randomBytes(32);
    expect(checkDownloadLink(keysOf(other), ref, link, now)).toBe("invalid");
    expect(checkDownloadLink(keysOf(other, key), ref, link, now)).toBe("valid");
  });

  it("use a key derived for this purpose, not the sealing key itself", () => {
    expect(keys.current.equals(key)).toBe(false);
    expect(deriveKeys({ current: secretKey(key) }, "another purpose").current.equals(keys.current)).toBe(false);
  });
});
