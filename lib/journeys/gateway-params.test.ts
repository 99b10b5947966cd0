import { describe, expect, it } from "vitest";

import { gatewayLimits, gatewayQuery, readGatewayParams } from "./gateway-params";

describe("readGatewayParams", () => {
  it("keeps MikroTik's octal-escaped CHAP values, and no other backslash", () => {
    const context = readGatewayParams(new URLSearchParams({ "chap-id": "\\371", "chap-challenge": "\\042\\377", other: "a\\b", "chap-id2": "\\371" }));
    expect(context.params).toEqual({ "chap-id": "\\371", "chap-challenge": "\\042\\377" });
    expect(context.rejected).toEqual(["other", "chap-id2"]);
    expect(readGatewayParams(new URLSearchParams({ "chap-id": "\\9x" })).rejected).toEqual(["chap-id"]);
  });

  it("reads a scheme-less address (Cisco's redirect) as http, and still no other scheme", () => {
    expect(readGatewayParams(new URLSearchParams({ redirect: "bbc.co.uk/news?x=1" })).originalUrl).toBe("http://bbc.co.uk/news?x=1");
    expect(readGatewayParams(new URLSearchParams({ redirect: "javascript:alert(1)" })).originalUrl).toBeNull();
    expect(readGatewayParams(new URLSearchParams({ redirect: "localhost/x" })).originalUrl).toBeNull();
  });

  it("reads a gateway's own query appended after the splash's gw with a second ? (openNDS's faspath)", () => {
    const context = readGatewayParams(new URLSearchParams("gw=lobby?fas=QUJD+ZGVm/w==&iv=0123456789abcdef"));
    expect(context.params).toEqual({ gw: "lobby", fas: "QUJD ZGVm/w==", iv: "0123456789abcdef" });
    // Only gw is split: a "?" inside another parameter stays where it is.
    expect(readGatewayParams(new URLSearchParams("url=https://example.com/?q=1")).params).toEqual({ url: "https://example.com/?q=1" });
  });

  it("maps vendor parameter names onto one shape", () => {
    const meraki = readGatewayParams(
      new URLSearchParams("client_mac=AA-BB-CC-DD-EE-01&client_ip=10.0.0.5&node_mac=00:11:22:33:44:55&user_continue_url=https://example.com/x"),
    );
    expect(meraki).toMatchObject({
      clientMac: "aa:bb:cc:dd:ee:01",
      clientIp: "10.0.0.5",
      apMac: "00:11:22:33:44:55",
      originalUrl: "https://example.com/x",
      rejected: [],
    });
    const unifi = readGatewayParams(new URLSearchParams("id=aa:bb:cc:dd:ee:02&ap=00:11:22:33:44:66&url=http://neverssl.com/"));
    expect(unifi).toMatchObject({ clientMac: "aa:bb:cc:dd:ee:02", apMac: "00:11:22:33:44:66", originalUrl: "http://neverssl.com/" });
  });

  it("keeps values in their validated form, for the gateway adapter", () => {
    const read = readGatewayParams(new URLSearchParams("client_mac=AA-BB-CC-DD-EE-01&client_ip=::ffff:10.0.0.9&ssid=Harbour Guest&gateway_id=881"));
    expect(read.params).toEqual({ client_mac: "aa:bb:cc:dd:ee:01", client_ip: "10.0.0.9", ssid: "Harbour Guest", gateway_id: "881" });
  });

  it("drops values that are not what they claim to be, and names (never stores) them", () => {
    const forged = readGatewayParams(
      new URLSearchParams("client_mac=<script>alert(1)</script>&client_ip=999.1.1.1&url=javascript:alert(1)&zone=../../etc&base_grant_url=data:text/html,x&note=\"><b>"),
    );
    expect(forged).toMatchObject({ clientMac: null, clientIp: null, originalUrl: null, zoneSlug: null });
    expect(forged.params).toEqual({});
    expect(forged.rejected.sort()).toEqual(["base_grant_url", "client_ip", "client_mac", "note", "url", "zone"]);
    expect(JSON.stringify(forged)).not.toContain("script");
  });

  it("refuses an over-long value even while under the count cap", () => {
    const search = new URLSearchParams();
    search.append("big", "y".repeat(gatewayLimits.maxValueLength + 1));
    search.append("small", "x");
    const result = readGatewayParams(search);
    expect(result.params).toEqual({ small: "x" });
    expect(result.rejected).toEqual(["big"]);
  });

  it("keeps at most the count cap of parameters and reports the rest by name", () => {
    const many = new URLSearchParams();
    for (let i = 0; i < gatewayLimits.maxParams + 5; i++) many.append(`p${i}`, "x");
    const result = readGatewayParams(many);
    expect(Object.keys(result.params)).toHaveLength(gatewayLimits.maxParams);
    expect(result.params[`p${gatewayLimits.maxParams}`]).toBeUndefined();
    expect(result.rejected).toHaveLength(5);
  });

  it("never takes Portico's own parameters for the gateway's", () => {
    const result = readGatewayParams(new URLSearchParams("j=abc&lang=fr&client_mac=aa:bb:cc:dd:ee:01"));
    expect(result.params).toEqual({ client_mac: "aa:bb:cc:dd:ee:01" });
    expect(gatewayQuery(new URLSearchParams("lang=fr&mac=x&j=1"))).toBe("mac=x");
  });
});
