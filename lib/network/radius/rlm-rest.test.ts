import { describe, expect, it } from "vitest";

import { mikrotikAdapter } from "../adapters/mikrotik";
import { readAccountingReport } from "./accounting";
import { acceptAttributes } from "./reply";
import { octets, readRlmRestBody } from "./rlm-rest";

const body = (attributes: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { type: typeof value === "number" ? "integer" : "string", value: [value] }]));

describe("rlm_rest JSON", () => {
  it("reads each attribute's first value as text, and refuses what rlm_rest never sends", () => {
    const reading = readRlmRestBody(body({ "User-Name": "bob", "Acct-Session-Time": 60 }));
    expect(reading.ok && Object.fromEntries(reading.attributes)).toEqual({ "User-Name": "bob", "Acct-Session-Time": "60" });
    expect(readRlmRestBody({ "User-Name": "flat" }).ok).toBe(false);
    expect(readRlmRestBody([1, 2]).ok).toBe(false);
    expect(readRlmRestBody(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`A-${i}`, { value: ["x"] }]))).ok).toBe(false);
  });

  it("adds gigawords to octet counters (RFC 2869)", () => {
    const reading = readRlmRestBody(body({ "Acct-Input-Octets": 7, "Acct-Input-Gigawords": 2, "Acct-Output-Octets": 9 }));
    if (!reading.ok) throw new Error(reading.reason);
    expect(octets(reading.attributes, "Input")).toBe(2 * 2 ** 32 + 7);
    expect(octets(reading.attributes, "Output")).toBe(9);
  });
});

describe("accounting reports", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  const read = (attributes: Record<string, string | number>) => {
    const reading = readRlmRestBody(body(attributes));
    if (!reading.ok) throw new Error(reading.reason);
    return readAccountingReport(reading.attributes, now);
  };

  it("names the session by Portico's id, or the device by its MAC in any spelling", () => {
    expect(read({ "Acct-Status-Type": "Start", "User-Name": "0190A0B0-0000-7000-8000-000000000001", "Calling-Station-Id": "AA-BB-CC-DD-EE-FF" })).toMatchObject({
      sessionId: "0190a0b0-0000-7000-8000-000000000001",
      mac: "aa:bb:cc:dd:ee:ff",
    });
    expect(read({ "Acct-Status-Type": "Stop", "User-Name": "aabbccddeeff" })).toMatchObject({ sessionId: null, mac: "aa:bb:cc:dd:ee:ff", terminateCause: "unknown" });
    expect(read({ "Acct-Status-Type": "Stop", "User-Name": "guest" })).toHaveProperty("ignored");
    expect(read({ "Acct-Status-Type": "Accounting-On", "User-Name": "aabbccddeeff" })).toHaveProperty("ignored");
  });

  it("dates the report by Event-Timestamp, else by Acct-Delay-Time", () => {
    expect(read({ "Acct-Status-Type": "Stop", "User-Name": "aabbccddeeff", "Event-Timestamp": now.getTime() / 1000 - 90 })).toMatchObject({ at: new Date(now.getTime() - 90_000) });
    expect(read({ "Acct-Status-Type": "Stop", "User-Name": "aabbccddeeff", "Acct-Delay-Time": 30 })).toMatchObject({ at: new Date(now.getTime() - 30_000) });
    // A NAS whose clock is years off is not believed.
    expect(read({ "Acct-Status-Type": "Stop", "User-Name": "aabbccddeeff", "Event-Timestamp": 86_400 })).toMatchObject({ at: now });
  });
});

describe("Access-Accept attributes", () => {
  it("carry the time left, the interim interval and the tier's bandwidth, plus the vendor's own", () => {
    expect(acceptAttributes({ secondsRemaining: 1799.6, downKbps: 2000 }, undefined)).toEqual({
      "reply:Session-Timeout": 1799,
      "reply:Acct-Interim-Interval": 300,
      "reply:WISPr-Bandwidth-Max-Down": 2_000_000,
    });
    expect(acceptAttributes({ secondsRemaining: 60, upKbps: 512 }, mikrotikAdapter)).toMatchObject({ "reply:Mikrotik-Rate-Limit": "512k/0" });
    expect(acceptAttributes({ secondsRemaining: 0.2 }, undefined)["reply:Session-Timeout"]).toBe(1);
  });
});
