import { describe, expect, it } from "vitest";

import type { GuestRecord } from "../guest-record";
import { contactEmail, marketingConsent, newsletterFieldValue } from "./newsletter-fields";

const consent = { purpose: "marketing", granted: true, wording: { locale: "fr", version: 2, sha256: "ab".repeat(32) }, recordedAt: "2026-12-02T10:00:00.000Z" };
const record: GuestRecord = {
  guestId: "0190a1b2-0000-7000-8000-000000000001",
  email: " Ada@Example.com ",
  name: "Ada Lovelace",
  locale: "fr-CA",
  connectedAt: "2026-12-02T09:58:00.000Z",
  visitCount: 3,
  venue: { slug: "harbour-hotel", name: "Harbour Hotel" },
  zone: { slug: "lobby", name: "Lobby" },
  consents: [consent],
};

describe("marketingConsent", () => {
  it("is the venue's marketing decision, else the one sponsor's a sponsor's audience sees", () => {
    const sponsor = { ...consent, purpose: "sponsor:acme-coffee" };
    expect(marketingConsent({ ...record, consents: [sponsor, consent] })).toBe(consent);
    expect(marketingConsent({ ...record, consents: [sponsor] })).toBe(sponsor);
    expect(marketingConsent({ ...record, consents: [] })).toBeUndefined();
  });
});

describe("newsletterFieldValue", () => {
  it("gives venue and zone by name, the connect time as a date, and other fields as they are", () => {
    expect(newsletterFieldValue(record, "venue")).toBe("Harbour Hotel");
    expect(newsletterFieldValue(record, "zone")).toBe("Lobby");
    expect(newsletterFieldValue({ ...record, zone: undefined }, "zone")).toBeUndefined();
    expect(newsletterFieldValue(record, "connectedAt")).toBe("2026-12-02");
    expect(newsletterFieldValue(record, "visitCount")).toBe(3);
    expect(newsletterFieldValue(record, "phone")).toBeUndefined();
  });
});

describe("contactEmail", () => {
  it("is the address trimmed and lower-cased, as both tools compare addresses", () => {
    expect(contactEmail(record)).toBe("ada@example.com");
  });
});
