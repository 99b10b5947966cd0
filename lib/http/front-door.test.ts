import type { IncomingMessage } from "node:http";

import { describe, expect, it } from "vitest";

import { parseTrustedProxies, trustNoProxy } from "./client-address";
import { admitRequest, clientIpHeader } from "./front-door";

function request(socketAddress: string, headers: Record<string, string>): IncomingMessage {
  return { socket: { remoteAddress: socketAddress }, headers: { ...headers } } as unknown as IncomingMessage;
}

describe("admitRequest", () => {
  it("overwrites a client-sent address header with the socket's, and drops forwarding headers from an untrusted peer", () => {
    const incoming = request("203.0.113.7", {
      [clientIpHeader]: "1.1.1.1",
      "x-forwarded-for": "6.6.6.6",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      host: "wifi.example.com",
    });
    admitRequest(incoming, trustNoProxy);
    expect(incoming.headers[clientIpHeader]).toBe("203.0.113.7");
    expect(incoming.headers["x-forwarded-for"]).toBeUndefined();
    expect(incoming.headers["x-forwarded-host"]).toBeUndefined();
    expect(incoming.headers["x-forwarded-proto"]).toBeUndefined();
    expect(incoming.headers.host).toBe("wifi.example.com");
  });

  it("believes a trusted proxy's forwarding headers", () => {
    const incoming = request("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.7", "x-forwarded-host": "wifi.example.com", "x-forwarded-proto": "https" });
    admitRequest(incoming, parseTrustedProxies("10.0.0.0/8"));
    expect(incoming.headers[clientIpHeader]).toBe("203.0.113.7");
    expect(incoming.headers["x-forwarded-host"]).toBe("wifi.example.com");
    expect(incoming.headers["x-forwarded-proto"]).toBe("https");
  });

  it("leaves no address rather than a forged one", () => {
    const incoming = request("10.0.0.2", { [clientIpHeader]: "1.1.1.1", "x-forwarded-for": "not-an-ip" });
    admitRequest(incoming, parseTrustedProxies("10.0.0.0/8"));
    expect(incoming.headers[clientIpHeader]).toBeUndefined();
  });
});
