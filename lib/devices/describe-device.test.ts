import { describe, expect, it } from "vitest";

import { describeUserAgent, deviceFingerprint, isRandomisedMac, normaliseMac, primaryLanguage } from "./describe-device";

const iphone =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const pixel =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";

describe("describeUserAgent", () => {
  it("recognises an iPhone", () => {
    expect(describeUserAgent(iphone)).toMatchObject({ deviceType: "MOBILE", osFamily: "iOS", browser: "Safari" });
  });

  it("recognises an Android phone", () => {
    expect(describeUserAgent(pixel)).toMatchObject({ deviceType: "MOBILE", osFamily: "Android", browser: "Chrome" });
  });

  it("copes with no user agent", () => {
    expect(describeUserAgent(null)).toEqual({ deviceType: "OTHER", osFamily: null, osVersion: null, browser: null });
  });
});

describe("normaliseMac", () => {
  it.each(["AA-BB-CC-DD-EE-FF", "aa:bb:cc:dd:ee:ff", "AABB.CCDD.EEFF", "aabbccddeeff"])("reads %s", (input) => {
    expect(normaliseMac(input)).toBe("aa:bb:cc:dd:ee:ff");
  });

  it.each(["", "aa:bb:cc", "zz:bb:cc:dd:ee:ff", "<script>aa:bb:cc:dd:ee:ff"])("refuses %j", (input) => {
    expect(normaliseMac(input)).toBeNull();
  });
});

describe("isRandomisedMac", () => {
  it("flags locally administered addresses (per-network private MACs)", () => {
    expect(isRandomisedMac("da:a1:19:00:00:01")).toBe(true);
    expect(isRandomisedMac("00:11:22:33:44:55")).toBe(false);
  });
});

describe("deviceFingerprint", () => {
  it("prefers the MAC, so the same device with a new browser version stays one device", () => {
    expect(deviceFingerprint("aa:bb:cc:dd:ee:ff", iphone)).toBe(deviceFingerprint("aa:bb:cc:dd:ee:ff", pixel));
  });

  it("falls back to the user agent without a MAC", () => {
    expect(deviceFingerprint(null, iphone)).not.toBe(deviceFingerprint(null, pixel));
  });
});

describe("primaryLanguage", () => {
  it("takes the first tag of Accept-Language", () => {
    expect(primaryLanguage("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr-CA");
    expect(primaryLanguage("")).toBeNull();
    expect(primaryLanguage("<script>")).toBeNull();
  });
});
