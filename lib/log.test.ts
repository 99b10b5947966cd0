import { describe, expect, it } from "vitest";

import { scrubText } from "./log";

describe("scrubText", () => {
  it("takes email, IPv4, IPv6 and MAC addresses out of what a log line quotes", () => {
    expect(scrubText('duplicate key: Key (email)=(Guest.Name+wifi@example.co.uk) from 203.0.113.7 via 2001:db8::42 device AA:bb:CC:00:11:22')).toBe(
      "duplicate key: Key (email)=([email]) from [ip] via [ip] device [mac]",
    );
    expect(scrubText("fe80::1%eth0 and ::ffff:10.0.0.1")).not.toMatch(/fe80|10\.0\.0\.1/);
  });

  it("leaves ids, times, versions and paths alone", () => {
    const text = "journey 0192f1a2-1234-7abc-8def-0123456789ab at 12:30:45 v1.2.3 /p/demo/login took 12 ms";
    expect(scrubText(text)).toBe(text);
  });
});
