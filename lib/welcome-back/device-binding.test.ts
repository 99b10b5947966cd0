import { describe, expect, it } from "vitest";

import { deviceBindingHeader, readDeviceBinding, signDeviceBinding, verifyDeviceBinding } from "./device-binding";

const keys = { current: Buffer.alloc(32, 1) };
const venueId = "0190f7a0-0000-7000-8000-000000000001";
const guestId = "0190f7a0-0000-7000-8000-0000000000aa";
const mac = "a2:11:22:33:44:55";
const now = new Date("2026-12-03T12:00:00Z");

describe("device binding cookie", () => {
  it("names its guest for its own venue and MAC only, until it expires", () => {
    const value = signDeviceBinding(keys, { venueId, guestId, mac }, 30, now);
    expect(verifyDeviceBinding(keys, venueId, mac, value, now)).toBe(guestId);
    expect(verifyDeviceBinding(keys, "0190f7a0-0000-7000-8000-000000000002", mac, value, now)).toBeNull();
    expect(verifyDeviceBinding(keys, venueId, "a2:11:22:33:44:56", value, now)).toBeNull();
    expect(verifyDeviceBinding(keys, venueId, mac, value, new Date(now.getTime() + 30 * 86_400_000))).toBeNull();
  });

  it("refuses another guest, a longer life, a bad signature and another key's", () => {
    const value = signDeviceBinding(keys, { venueId, guestId, mac }, 30, now);
    const [, expires, signature] = value.split(".");
    expect(verifyDeviceBinding(keys, venueId, mac, `0190f7a0-0000-7000-8000-0000000000bb.${expires}.${signature}`, now)).toBeNull();
    expect(verifyDeviceBinding(keys, venueId, mac, `${guestId}.${Number(expires) + 86_400}.${signature}`, now)).toBeNull();
    expect(verifyDeviceBinding(keys, venueId, mac, `${guestId}.${expires}.${signature!.slice(1)}A`, now)).toBeNull();
    expect(verifyDeviceBinding({ current: Buffer.alloc(32, 2) }, venueId, mac, value, now)).toBeNull();
    expect(verifyDeviceBinding({ current: Buffer.alloc(32, 2), previous: keys.current }, venueId, mac, value, now)).toBe(guestId);
    expect(verifyDeviceBinding(keys, venueId, mac, "garbage", now)).toBeNull();
  });

  it("is HttpOnly, scoped to the venue's guest pages, and forgotten with Max-Age=0", () => {
    expect(deviceBindingHeader("harbour", "v", 30, true)).toBe("portico_device=v; Path=/p/harbour; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure");
    expect(deviceBindingHeader("harbour", null, 30, false)).toBe("portico_device=; Path=/p/harbour; Max-Age=0; HttpOnly; SameSite=Lax");
    expect(readDeviceBinding("a=1; portico_device=x.y.z; b=2")).toBe("x.y.z");
    expect(readDeviceBinding("portico_device=")).toBeNull();
  });
});
