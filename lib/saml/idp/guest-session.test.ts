import { describe, expect, it } from "vitest";

import { readGuestSessionCookie, signGuestSession, verifyGuestSession, guestSessionSeconds } from "./guest-session";

const keys = { current: Buffer.alloc(32, 1) };
const venue = "0190f7a0-0000-7000-8000-000000000001";
const journey = "0190f7a0-0000-7000-8000-0000000000aa";
const now = new Date("2026-12-03T12:00:00Z");

describe("guest session cookie", () => {
  it("names its journey while fresh, for its own venue only", () => {
    const value = signGuestSession(keys, venue, journey, now);
    expect(verifyGuestSession(keys, venue, value, now)).toBe(journey);
    expect(verifyGuestSession(keys, "0190f7a0-0000-7000-8000-000000000002", value, now)).toBeNull();
    expect(verifyGuestSession(keys, venue, value, new Date(now.getTime() + guestSessionSeconds * 1000))).toBeNull();
  });

  it("refuses a tampered journey, expiry or signature, and another key's", () => {
    const value = signGuestSession(keys, venue, journey, now);
    const [, expires, signature] = value.split(".");
    expect(verifyGuestSession(keys, venue, `0190f7a0-0000-7000-8000-0000000000bb.${expires}.${signature}`, now)).toBeNull();
    expect(verifyGuestSession(keys, venue, `${journey}.${Number(expires) + 3600}.${signature}`, now)).toBeNull();
    expect(verifyGuestSession(keys, venue, `${journey}.${expires}.${signature!.slice(1)}A`, now)).toBeNull();
    expect(verifyGuestSession({ current: Buffer.alloc(32, 2) }, venue, value, now)).toBeNull();
    expect(verifyGuestSession(keys, venue, "garbage", now)).toBeNull();
  });

  it("still verifies with the previous key during a rotation", () => {
    const value = signGuestSession(keys, venue, journey, now);
    expect(verifyGuestSession({ current: Buffer.alloc(32, 2), previous: keys.current }, venue, value, now)).toBe(journey);
  });

  it("is read from a Cookie header among others", () => {
    expect(readGuestSessionCookie("a=1; portico_idp_guest=x.y.z; b=2")).toBe("x.y.z");
    expect(readGuestSessionCookie("a=1")).toBeNull();
  });
});
