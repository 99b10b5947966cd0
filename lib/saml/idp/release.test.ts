import { describe, expect, it } from "vitest";

import type { PurposeKind } from "@/lib/delivery/consent-gate";

import { mayRelease, releasedAttributes, type ReleasableGuest, type ReleasingServiceProvider } from "./release";

const purposes = { terms: "p-terms", marketing: "p-marketing", "sponsor:acme": "p-acme" } as const;
const kinds = new Map<string, PurposeKind>([
  ["terms", "TERMS"],
  ["marketing", "MARKETING"],
  ["sponsor:acme", "SPONSOR"],
]);

function guest(decisions: Record<string, boolean>, erased = false): ReleasableGuest {
  const byKey = new Map(Object.entries(decisions));
  return {
    email: "ana@example.com",
    name: "Ana",
    phone: "+447911123456",
    locale: "en",
    visitorData: { loyalty: { tier: "gold" }, internal: { score: 3 } },
    ledger: { erased, latest: new Map([...byKey].map(([key, granted]) => [purposes[key as keyof typeof purposes], granted])) },
    purposeKinds: kinds,
    decisions: byKey,
  };
}

function sp(purposeKey: keyof typeof purposes, attributes: string[]): ReleasingServiceProvider {
  return { id: "sp", purposeId: purposes[purposeKey], purposeKind: kinds.get(purposeKey)!, purposeKey, attributes };
}

describe("mayRelease", () => {
  it("follows the latest decision on the website's own purpose", () => {
    expect(mayRelease(sp("marketing", []), guest({ terms: true, marketing: true }))).toBe(true);
    expect(mayRelease(sp("marketing", []), guest({ terms: true, marketing: false }))).toBe(false);
    expect(mayRelease(sp("marketing", []), guest({ terms: true }))).toBe(false);
    expect(mayRelease(sp("sponsor:acme", []), guest({ terms: true, marketing: true }))).toBe(false);
  });

  it("never releases on the terms of use, nor for an erased guest", () => {
    expect(mayRelease(sp("terms", []), guest({ terms: true }))).toBe(false);
    expect(mayRelease(sp("marketing", []), guest({ terms: true, marketing: true }, true))).toBe(false);
  });
});

describe("releasedAttributes", () => {
  it("gives only the email when nothing else is allowed", () => {
    expect(releasedAttributes(sp("marketing", []), guest({ terms: true, marketing: true }), ["loyalty"])).toEqual([{ name: "email", values: ["ana@example.com"] }]);
  });

  it("gives the allowed profile fields, the optional consent flags and only shareable visitor data", () => {
    const released = releasedAttributes(
      sp("marketing", ["name", "locale", "consents", "visitorData:loyalty", "visitorData:internal"]),
      guest({ terms: true, marketing: true, "sponsor:acme": false }),
      ["loyalty"],
    );
    expect(released).toEqual([
      { name: "email", values: ["ana@example.com"] },
      { name: "name", values: ["Ana"] },
      { name: "locale", values: ["en"] },
      { name: "consent.marketing", values: ["true"] },
      { name: "consent.sponsor:acme", values: ["false"] },
      { name: "visitorData.loyalty", values: ['{"tier":"gold"}'] },
    ]);
  });

  it("shows a sponsor's website only its own consent flag", () => {
    const released = releasedAttributes(sp("sponsor:acme", ["consents"]), guest({ terms: true, marketing: true, "sponsor:acme": true }), []);
    expect(released.map((a) => a.name)).toEqual(["email", "consent.sponsor:acme"]);
  });

  it("refuses to build a release the consent does not allow", () => {
    expect(() => releasedAttributes(sp("marketing", ["name"]), guest({ terms: true }), [])).toThrow();
  });
});
