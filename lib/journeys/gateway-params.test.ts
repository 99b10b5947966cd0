import { describe, expect, it } from "vitest";

import { readGatewayParams } from "./gateway-params";

describe("readGatewayParams", () => {
  it("maps vendor parameter names onto one shape", () => {
    const meraki = readGatewayParams(
      new URLSearchParams("client_mac=AA-BB-CC-DD-EE-01&client_ip=10.0.0.5&node_mac=00:11:22:33:44:55&user_continue_url=https://example.com/x"),
    );
    expect(meraki).toMatchObject({
      clientMac: "aa:bb:cc:dd:ee:01",
      clientIp: "10.0.0.5",
      apMac: "00:11:22:33:44:55",
      originalUrl: "https://example.com/x",
    });
    const unifi = readGatewayParams(new URLSearchParams("id=aa:bb:cc:dd:ee:02&ap=00:11:22:33:44:66&url=http://neverssl.com/"));
    expect(unifi).toMatchObject({ clientMac: "aa:bb:cc:dd:ee:02", apMac: "00:11:22:33:44:66", originalUrl: "http://neverssl.com/" });
  });

  it("drops values that are not what they claim to be", () => {
    const forged = readGatewayParams(new URLSearchParams("client_mac=nope&client_ip=999.1.1.1&url=javascript:alert(1)&zone=../../etc"));
    expect(forged).toMatchObject({ clientMac: null, clientIp: null, originalUrl: null, zoneSlug: null });
  });

  it("bounds what it keeps", () => {
    const many = new URLSearchParams();
    for (let i = 0; i < 100; i++) many.append(`p${i}`, "x");
    many.append("big", "y".repeat(5000));
    const result = readGatewayParams(many);
    expect(Object.keys(result.params)).toHaveLength(30);
    expect(result.params.big).toBeUndefined();
  });
});
