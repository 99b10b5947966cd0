// Each vendor's walled garden as its documentation spells it, line by line: a line that does
// not parse as the vendor's own syntax would be rejected by the controller, or worse, half-read.
import { describe, expect, it } from "vitest";

import { arubaWalledGarden } from "../adapters/aruba";
import { ciscoWlcWalledGarden } from "../adapters/cisco-wlc";
import { merakiWalledGarden } from "../adapters/meraki";
import { mikrotikWalledGarden } from "../adapters/mikrotik";
import { openndsWalledGarden } from "../adapters/opennds";
import { unifiWalledGarden } from "../adapters/unifi";
import { gatewayRegistry } from "../registry";

import type { WalledGardenEntry } from "./entries";

const entries: WalledGardenEntry[] = [
  { host: "wifi.example.org", kind: "fqdn", port: 443, why: "Portico" },
  { host: "*.idp.example.com", kind: "wildcard", port: 443, why: "Identity provider" },
  { host: "203.0.113.7", kind: "ipv4", port: 8443, why: "Added \"by\" staff" },
  { host: "2001:db8::7", kind: "ipv6", port: 443, why: "Added" },
];
const lines = (text: string) => text.split("\n");

describe("walled gardens in each vendor's format", () => {
  it("every adapter in the registry has one", () => {
    for (const adapter of Object.values(gatewayRegistry)) {
      const config = adapter!.walledGarden(entries, {});
      expect(config.where, adapter!.kind).not.toBe("");
      expect(typeof config.text).toBe("string");
    }
  });

  it("openNDS: UCI list options of its config section", () => {
    const config = openndsWalledGarden(entries);
    for (const line of lines(config.text)) expect(line).toMatch(/^list (walledgarden_fqdn_list|walledgarden_port_list|preauthenticated_users) '[^']+'$/);
    expect(config.text).toContain("list walledgarden_fqdn_list 'wifi.example.org'");
    // openNDS takes the domain for a wildcard: it covers every name under it.
    expect(config.text).toContain("list walledgarden_fqdn_list 'idp.example.com'");
    expect(config.text).toContain("list walledgarden_port_list '443'");
    expect(config.text).toContain("list preauthenticated_users 'allow tcp port 8443 to 203.0.113.7'");
    expect(config.text).not.toContain("2001:db8");
    expect(config.notes.join(" ")).toMatch(/IPv4 only/);
  });

  it("MikroTik: /ip hotspot walled-garden commands with their documented parameters", () => {
    const config = mikrotikWalledGarden(entries);
    for (const line of lines(config.text)) {
      const match = /^\/ip hotspot walled-garden( ip)? add (.+)$/.exec(line);
      expect(match, line).not.toBeNull();
      const params = match![2]!.match(/\w[\w-]*=("[^"]*"|\S+)/g)!;
      const names = params.map((p) => p.split("=", 1)[0]);
      expect(names.every((n) => (match![1] ? ["dst-host", "dst-address", "protocol", "dst-port", "action", "comment"] : ["dst-host", "action", "comment"]).includes(n!)), line).toBe(true);
      expect(match![1] ? names.includes("action") && line.includes("action=accept") : line.includes("action=allow"), line).toBe(true);
    }
    expect(config.text).toContain("/ip hotspot walled-garden ip add dst-host=wifi.example.org protocol=tcp dst-port=443 action=accept");
    expect(config.text).toContain("/ip hotspot walled-garden ip add dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=accept");
    expect(config.text).toContain("/ip hotspot walled-garden add dst-host=*.idp.example.com action=allow");
    // No wildcard at the IP level, and quotes in a reason cannot break the command.
    expect(config.text).not.toMatch(/walled-garden ip add dst-host=\*/);
    expect(config.text).toContain('comment="Added by staff"');
  });

  it("Meraki: one space-separated field of names, wildcards and CIDR ranges", () => {
    const config = merakiWalledGarden(entries);
    const items = config.text.split(" ");
    expect(items).toEqual(["wifi.example.org", "*.idp.example.com", "203.0.113.7/32", "2001:db8::7/128"]);
  });

  it("UniFi: one pre-authorization entry per line", () => {
    expect(lines(unifiWalledGarden(entries).text)).toEqual(["wifi.example.org", "*.idp.example.com", "203.0.113.7", "2001:db8::7"]);
  });

  it("Cisco: an AireOS pre-auth ACL with numbered rules, and a 9800 URL filter for the names", () => {
    const config = ciscoWlcWalledGarden(entries);
    const acl = lines(config.text).filter((line) => line.startsWith("config acl"));
    expect(acl[0]).toBe("config acl create PORTICO-PREAUTH");
    expect(acl.at(-1)).toBe("config acl apply PORTICO-PREAUTH");
    const rules = acl.filter((line) => line.startsWith("config acl rule add"));
    expect(rules.map((line) => Number(line.split(" ").at(-1)))).toEqual([1, 2, 3, 4]);
    for (const line of acl.slice(1, -1)) {
      expect(line).toMatch(/^config acl rule (add|action|protocol|destination address|source address|destination port range|source port range) PORTICO-PREAUTH \d+( .+)?$/);
    }
    expect(config.text).toContain("config acl rule destination address PORTICO-PREAUTH 3 203.0.113.7 255.255.255.255");
    expect(config.text).toContain("config acl rule destination port range PORTICO-PREAUTH 3 8443 8443");
    expect(config.text).toContain("config acl rule source port range PORTICO-PREAUTH 4 8443 8443");
    expect(config.text).toMatch(/urlfilter list PORTICO-PREAUTH-URLS\n action permit\n url wifi\.example\.org\n url \*\.idp\.example\.com\n/);
  });

  it("Aruba: Instant's wlan walled-garden white-list and an ArubaOS netdestination", () => {
    const config = arubaWalledGarden(entries);
    expect(config.text).toMatch(/^! Instant.*\nwlan walled-garden\n white-list wifi\.example\.org\n white-list \*\.idp\.example\.com\n/);
    expect(config.text).toContain("netdestination portico-walled-garden\n name wifi.example.org\n name *.idp.example.com\n host 203.0.113.7\n");
    expect(config.text).toContain(" white-list portico-walled-garden");
  });
});
