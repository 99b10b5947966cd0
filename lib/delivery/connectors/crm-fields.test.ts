import { describe, expect, it } from "vitest";

import type { GuestRecord } from "../guest-record";
import { consentSummary, crmSourceValues, fieldMappingSchema, groupByContact, mappedValues, splitName, type FieldMapping } from "./crm-fields";

const record: GuestRecord = {
  guestId: "g1",
  email: "ada@example.com",
  name: "  Ada King  Lovelace ",
  connectedAt: "2026-12-02T10:00:00.000Z",
  visitCount: 3,
  venue: { slug: "harbour", name: "Harbour Hotel" },
  consents: [
    { purpose: "marketing", granted: true, wording: { locale: "fr", version: 2, sha256: "b".repeat(64) }, recordedAt: "2026-12-02T10:00:05.000Z" },
    { purpose: "sponsor:acme", granted: false, wording: { locale: "fr", version: 1, sha256: "c".repeat(64) }, recordedAt: "2026-12-02T10:00:05.000Z" },
  ],
};

describe("splitName", () => {
  it("puts the last word in the last name and a single word in the first name", () => {
    expect(splitName("Ada King Lovelace")).toEqual({ firstName: "Ada King", lastName: "Lovelace" });
    expect(splitName("Madonna")).toEqual({ firstName: "Madonna" });
    expect(splitName("   ")).toEqual({});
    expect(splitName(undefined)).toEqual({});
  });
});

describe("consentSummary", () => {
  it("says what was asked, the answer, when and to which words, one decision a line", () => {
    expect(consentSummary(record.consents)).toBe(
      [
        `marketing: granted at 2026-12-02T10:00:05.000Z (wording fr v2 sha256:${"b".repeat(64)})`,
        `sponsor:acme: declined at 2026-12-02T10:00:05.000Z (wording fr v1 sha256:${"c".repeat(64)})`,
      ].join("\n"),
    );
  });
});

describe("crmSourceValues", () => {
  it("carries only what the record has: withheld fields stay absent, never empty", () => {
    const values = crmSourceValues(record);
    expect(values).toMatchObject({ firstName: "Ada King", lastName: "Lovelace", fullName: "Ada King  Lovelace", marketingConsent: true, marketingConsentAt: "2026-12-02T10:00:05.000Z", visitCount: 3 });
    expect(values).not.toHaveProperty("phone");
    expect(values).not.toHaveProperty("zoneName");
    expect(values).not.toHaveProperty("dwellMinutes");
  });

  it("has no marketing consent values when the record carries no marketing decision", () => {
    const values = crmSourceValues({ ...record, consents: [] });
    expect(values).not.toHaveProperty("marketingConsent");
    expect(values).not.toHaveProperty("consentSummary");
  });
});

describe("mappedValues", () => {
  const mapping: FieldMapping = [
    { source: "firstName", property: "firstname", owner: "vendor" },
    { source: "visitCount", property: "visits", owner: "portico" },
    { source: "phone", property: "phone", owner: "portico" },
  ];

  it("writes vendor-owned properties only when introducing the contact", () => {
    expect(mappedValues(mapping, record, true)).toEqual({ firstname: "Ada King", visits: 3 });
    expect(mappedValues(mapping, record, false)).toEqual({ visits: 3 });
  });
});

describe("fieldMappingSchema", () => {
  it("refuses a property mapped twice and names that are not internal names", () => {
    const twice = fieldMappingSchema.safeParse([
      { source: "email", property: "email", owner: "portico" },
      { source: "fullName", property: "Email", owner: "portico" },
    ]);
    expect(twice.success).toBe(false);
    expect(fieldMappingSchema.safeParse([{ source: "email", property: "e mail", owner: "portico" }]).success).toBe(false);
    expect(fieldMappingSchema.safeParse([{ source: "nope", property: "x", owner: "portico" }]).success).toBe(false);
  });
});

describe("groupByContact", () => {
  it("merges deliveries of one contact, writing the newest visit and introducing it if any delivery does", () => {
    const older = { deliveryId: "a", firstDelivery: true, record: { ...record, visitCount: 1, connectedAt: "2026-12-01T10:00:00.000Z" } };
    const newer = { deliveryId: "b", firstDelivery: false, record: { ...record, visitCount: 2 } };
    const other = { deliveryId: "c", firstDelivery: false, record: { ...record, email: "other@example.com" } };
    const groups = groupByContact([newer, older, other], (guest) => guest.email);
    expect(groups).toEqual([
      { key: "ada@example.com", record: newer.record, firstDelivery: true, items: [newer, older], deliveryIds: ["b", "a"] },
      { key: "other@example.com", record: other.record, firstDelivery: false, items: [other], deliveryIds: ["c"] },
    ]);
  });
});
