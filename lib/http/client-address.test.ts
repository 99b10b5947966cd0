import { describe, expect, it } from "vitest";

import { parseTrustedProxies, peerIsTrustedProxy, resolveClientAddress, trustNoProxy } from "./client-address";

const hop = (socketAddress: string, forwardedFor?: string) => ({ socketAddress, forwardedFor });

describe("resolveClientAddress", () => {
  it("trusts nobody by default: the socket address is the client, whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress(hop("203.0.113.7", "198.51.100.1"), trustNoProxy)).toBe("203.0.113.7");
    expect(resolveClientAddress(hop("203.0.113.7", "x".repeat(300)), parseTrustedProxies(undefined))).toBe("203.0.113.7");
  });

  it("behind one trusted proxy takes the right-most address, not the client-written left one", () => {
    const trust = parseTrustedProxies("10.0.0.0/8");
    // The client wrote "1.1.1.1"; the load balancer at 10.0.0.2 appended the real peer.
    expect(resolveClientAddress(hop("10.0.0.2", "1.1.1.1, 203.0.113.7"), trust)).toBe("203.0.113.7");
  });

  it("walks through every trusted hop and stops at the first untrusted one", () => {
    const trust = parseTrustedProxies("loopback, 10.0.0.0/8");
    expect(resolveClientAddress(hop("127.0.0.1", "6.6.6.6, 203.0.113.7, 10.1.2.3"), trust)).toBe("203.0.113.7");
  });

  it("counts hops when given a number", () => {
    expect(resolveClientAddress(hop("10.0.0.2", "6.6.6.6, 203.0.113.7"), parseTrustedProxies("1"))).toBe("203.0.113.7");
    expect(resolveClientAddress(hop("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.9"), parseTrustedProxies("2"))).toBe("203.0.113.7");
  });

  it("answers null rather than storing a forged non-address", () => {
    const trust = parseTrustedProxies("10.0.0.0/8");
    expect(resolveClientAddress(hop("10.0.0.2", "<script>"), trust)).toBeNull();
    expect(resolveClientAddress(hop("10.0.0.2", "a".repeat(60)), trust)).toBeNull();
  });

  it("reads an IPv4 peer written as IPv6 as the IPv4 address", () => {
    expect(resolveClientAddress(hop("::ffff:192.0.2.10"), trustNoProxy)).toBe("192.0.2.10");
  });

  it("refuses a setting it cannot read", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow();
    expect(() => parseTrustedProxies("my-proxy.example")).toThrow();
  });
});

describe("peerIsTrustedProxy", () => {
  it("is true only for a configured proxy", () => {
    const trust = parseTrustedProxies("10.0.0.0/8");
    expect(peerIsTrustedProxy("10.0.0.2", trust)).toBe(true);
    expect(peerIsTrustedProxy("203.0.113.7", trust)).toBe(false);
    expect(peerIsTrustedProxy("10.0.0.2", trustNoProxy)).toBe(false);
  });
});
