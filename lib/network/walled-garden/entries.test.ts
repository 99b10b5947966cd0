import { describe, expect, it } from "vitest";

import { entryForUrl, mergeEntries, probeUrlOf, readWalledGardenHost } from "./entries";

const read = (text: string) => readWalledGardenHost(text, "test");

describe("walled-garden hosts as staff type them", () => {
  it("reads names, wildcards, addresses, ports and URLs", () => {
    expect(read(" CDN.Example.org ")).toEqual({ ok: true, entry: { host: "cdn.example.org", kind: "fqdn", port: 443, why: "test" } });
    expect(read("*.example.org")).toMatchObject({ ok: true, entry: { host: "*.example.org", kind: "wildcard", port: 443 } });
    expect(read("203.0.113.7")).toMatchObject({ ok: true, entry: { host: "203.0.113.7", kind: "ipv4", port: 443 } });
    expect(read("203.0.113.7:8443")).toMatchObject({ ok: true, entry: { host: "203.0.113.7", port: 8443 } });
    expect(read("2001:db8::7")).toMatchObject({ ok: true, entry: { host: "2001:db8::7", kind: "ipv6", port: 443 } });
    expect(read("[2001:db8::7]:80")).toMatchObject({ ok: true, entry: { host: "2001:db8::7", kind: "ipv6", port: 80 } });
    expect(read("http://idp.example.org:8080/login")).toMatchObject({ ok: true, entry: { host: "idp.example.org", port: 8080, scheme: "http" } });
    expect(read("portico")).toMatchObject({ ok: true, entry: { host: "portico", kind: "fqdn" } });
  });

  it("refuses what is not a host, with a message naming what was typed", () => {
    for (const bad of ["", "   ", "exa mple.org", "*.org", "ftp://example.org", "-bad.example.org", "999.1.1.1", "1.2.3", "host:0", "host:70000", "a..b"]) {
      const reading = read(bad);
      expect(reading.ok, bad).toBe(false);
    }
    expect(read("exa mple.org")).toEqual({ ok: false, message: "“exa mple.org” is not a host name, *.domain or IP address." });
  });

  it("takes a URL's port from its scheme", () => {
    expect(entryForUrl("https://wifi.example.org", "x")).toMatchObject({ host: "wifi.example.org", port: 443, scheme: "https" });
    expect(entryForUrl("http://127.0.0.1:3000/", "x")).toMatchObject({ host: "127.0.0.1", kind: "ipv4", port: 3000, scheme: "http" });
    expect(entryForUrl("mailto:a@b.c", "x")).toBeNull();
  });

  it("keeps one entry per host and port, with the first reason", () => {
    const a = { host: "a.example", kind: "fqdn" as const, port: 443, why: "first" };
    expect(mergeEntries([a], [{ ...a, why: "second" }, { ...a, port: 80 }])).toEqual([a, { ...a, port: 80 }]);
  });

  it("probes an entry where the sign-in would reach it", () => {
    expect(probeUrlOf({ host: "a.example", kind: "fqdn", port: 443, why: "" })).toBe("https://a.example/");
    expect(probeUrlOf({ host: "a.example", kind: "fqdn", port: 80, why: "" })).toBe("http://a.example/");
    expect(probeUrlOf({ host: "127.0.0.1", kind: "ipv4", port: 3000, why: "", scheme: "http" }, "/healthz")).toBe("http://127.0.0.1:3000/healthz");
    expect(probeUrlOf({ host: "2001:db8::7", kind: "ipv6", port: 8443, why: "" })).toBe("https://[2001:db8::7]:8443/");
    expect(probeUrlOf({ host: "*.example.org", kind: "wildcard", port: 443, why: "" })).toBeNull();
  });
});
