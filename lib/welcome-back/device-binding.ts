// The device-bound secret Portico gives a device at a successful visit, so that a later visit
// can be recognised from a gateway that only passes the browser's claim of a MAC address: an
// HttpOnly, signed cookie naming the guest, bound to the venue and to the MAC the visit was
// made from. Typing someone's MAC into a splash URL is not enough: the cookie must come with it,
// and it only ever was in that guest's browser. Captive mini-browsers may drop cookies; then
// the guest gets the normal journey. Signed with a key derived from PORTICO_SECRET_KEY (the
// previous key still verifies during a rotation).
import { createHmac, timingSafeEqual } from "node:crypto";

import type { DerivedKeys } from "@/lib/crypto";

export const deviceBindingCookie = "portico_device";
/** Chromium refuses cookies longer than 400 days; the recognition window is shorter anyway. */
export const maxBindingDays = 400;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(key: Buffer, venueId: string, guestId: string, mac: string, expires: number): string {
  return createHmac("sha256", key).update(`${venueId}.${guestId}.${mac}.${expires}`).digest("base64url");
}

/** The cookie's value for a guest's device (its MAC, normalised) at a venue, valid for `days`. */
export function signDeviceBinding(keys: DerivedKeys, binding: { venueId: string; guestId: string; mac: string }, days: number, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + Math.min(days, maxBindingDays) * 86_400;
  return `${binding.guestId}.${expires}.${signature(keys.current, binding.venueId, binding.guestId, binding.mac, expires)}`;
}

/** The guest a cookie names, if it is authentic, unexpired, and for this venue and this very MAC; else null. */
export function verifyDeviceBinding(keys: DerivedKeys, venueId: string, mac: string, value: string | null | undefined, now = new Date()): string | null {
  if (!value || value.length > 200) return null;
  const [guestId, expiresText, given, ...rest] = value.split(".");
  if (rest.length || !guestId || !expiresText || !given || !uuidPattern.test(guestId) || !/^\d{1,12}$/.test(expiresText)) return null;
  const expires = Number(expiresText);
  if (expires * 1000 <= now.getTime()) return null;
  const presented = Buffer.from(given, "base64url");
  for (const key of [keys.current, keys.previous]) {
    if (!key) continue;
    const expected = Buffer.from(signature(key, venueId, guestId, mac, expires), "base64url");
    if (expected.length === presented.length && timingSafeEqual(expected, presented)) return guestId;
  }
  return null;
}

/** Sent only to this venue's guest pages, never readable by scripts. `value` null forgets it. */
export function deviceBindingHeader(venueSlug: string, value: string | null, days: number, secure: boolean): string {
  const path = `/p/${encodeURIComponent(venueSlug)}`;
  const age = value ? Math.min(days, maxBindingDays) * 86_400 : 0;
  return `${deviceBindingCookie}=${value ?? ""}; Path=${path}; Max-Age=${age}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The cookie's value in a Cookie header, if any. */
export function readDeviceBinding(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === deviceBindingCookie) return value.join("=") || null;
  }
  return null;
}
