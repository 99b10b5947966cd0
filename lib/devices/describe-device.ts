import { createHash } from "node:crypto";

import Bowser from "bowser";
import { LRUCache } from "lru-cache";

import type { DeviceType } from "@/lib/generated/prisma/enums";

export interface DeviceDescription {
  deviceType: DeviceType;
  osFamily: string | null;
  osVersion: string | null;
  browser: string | null;
}

const platformTypes: Record<string, DeviceType> = {
  mobile: "MOBILE",
  tablet: "TABLET",
  desktop: "DESKTOP",
};

// Parsing a user agent is slow next to the rest of a visit, and a crowd's phones share a
// handful of them: each description is remembered.
const descriptions = new LRUCache<string, DeviceDescription>({ max: 2000 });

export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  if (!userAgent) return { deviceType: "OTHER", osFamily: null, osVersion: null, browser: null };
  let description = descriptions.get(userAgent);
  if (!description) {
    description = parseUserAgent(userAgent);
    descriptions.set(userAgent, description);
  }
  return description;
}

function parseUserAgent(userAgent: string): DeviceDescription {
  const parsed = Bowser.parse(userAgent);
  return {
    deviceType: platformTypes[parsed.platform.type ?? ""] ?? "OTHER",
    osFamily: parsed.os.name ?? null,
    osVersion: parsed.os.version?.slice(0, 32) ?? null,
    browser: parsed.browser.name ?? null,
  };
}

/** "aa-bb-cc-dd-ee-ff", "AABB.CCDD.EEFF" and "aabbccddeeff" all become "aa:bb:cc:dd:ee:ff". */
export function normaliseMac(input: string): string | null {
  const hex = input.trim().toLowerCase().replace(/[^0-9a-f]/g, "");
  if (hex.length !== 12 || !/^[0-9a-f:.\-\s]+$/i.test(input.trim())) return null;
  return hex.match(/../g)!.join(":");
}

/**
 * iOS, Android and Windows use a random, per-network MAC by default; such addresses have
 * the locally administered bit (0x02 of the first octet) set. A randomised MAC identifies a
 * device on one network only, so analytics must not treat it as a stable hardware id.
 */
export function isRandomisedMac(mac: string): boolean {
  const firstOctet = Number.parseInt(mac.slice(0, 2), 16);
  return (firstOctet & 0x02) === 0x02;
}

/** What identifies "the same device" for one guest: its MAC when the gateway sent one, else its user agent. */
export function deviceFingerprint(mac: string | null, userAgent: string | null): string {
  const basis = mac ? `mac:${mac}` : `ua:${userAgent ?? ""}`;
  return createHash("sha256").update(basis).digest("hex");
}

/** The primary language tag of an Accept-Language header, e.g. "fr-CA". */
export function primaryLanguage(acceptLanguage: string | null | undefined): string | null {
  const first = acceptLanguage?.split(",")[0]?.split(";")[0]?.trim();
  return first && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(first) ? first.slice(0, 16) : null;
}
