import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { allowedRecipients, fieldsByPurposeKind, mayReceive, recordFor, type LedgerState, type PurposeKind, type Recipient } from "./consent-gate";
import type { GuestRecord } from "./guest-record";

const ledger = (entries: [string, boolean][], erased = false): LedgerState => ({ erased, latest: new Map(entries) });
const marketing: Recipient = { connectorId: "crm", purposeId: "p-marketing", purposeKind: "MARKETING" };
const acme: Recipient = { connectorId: "acme-hook", purposeId: "p-acme", purposeKind: "SPONSOR" };

describe("mayReceive", () => {
  it("follows the latest decision on the recipient's own purpose", () => {
    expect(mayReceive(marketing, ledger([["p-marketing", true]]))).toBe(true);
    expect(mayReceive(marketing, ledger([["p-marketing", false]]))).toBe(false);
    expect(mayReceive(marketing, ledger([["p-acme", true]]))).toBe(false);
  });

  it("sends nothing for an erased guest, and nothing on the strength of the terms", () => {
    expect(mayReceive(marketing, ledger([["p-marketing", true]], true))).toBe(false);
    expect(mayReceive({ connectorId: "x", purposeId: "p-terms", purposeKind: "TERMS" }, ledger([["p-terms", true]]))).toBe(false);
  });
});

const full: GuestRecord = {
  guestId: "g1",
  email: "ana@example.com",
  name: "Ana",
  phone: "+447911123456",
  locale: "en",
  deviceType: "MOBILE",
  os: "iOS",
  connectedAt: "2026-12-02T10:00:00.000Z",
  visitCount: 3,
  venue: { slug: "demo", name: "Harbour Hotel" },
  zone: { slug: "lobby", name: "Lobby" },
  consents: [
    { purpose: "terms", granted: true, wording: { locale: "en", version: 1, sha256: "a".repeat(64) }, recordedAt: "2026-12-02T10:00:00.000Z" },
    { purpose: "marketing", granted: true, wording: { locale: "en", version: 1, sha256: "b".repeat(64) }, recordedAt: "2026-12-02T10:00:00.000Z" },
    { purpose: "sponsor:acme", granted: true, wording: { locale: "en", version: 2, sha256: "c".repeat(64) }, recordedAt: "2026-12-02T10:00:00.000Z" },
    { purpose: "sponsor:northwind", granted: false, wording: { locale: "en", version: 1, sha256: "d".repeat(64) }, recordedAt: "2026-12-02T10:00:00.000Z" },
  ],
};
const kinds = new Map<string, PurposeKind>([
  ["terms", "TERMS"],
  ["marketing", "MARKETING"],
  ["sponsor:acme", "SPONSOR"],
  ["sponsor:northwind", "SPONSOR"],
]);

describe("recordFor", () => {
  it("gives a sponsor the name and email its wording covers, and its own decision only", () => {
    const record = recordFor({ ...acme, purposeKey: "sponsor:acme" }, full, kinds);
    expect(Object.keys(record).sort()).toEqual(["connectedAt", "consents", "email", "guestId", "locale", "name", "venue"]);
    expect(record.consents.map((c) => c.purpose)).toEqual(["sponsor:acme"]);
    expect(record).not.toHaveProperty("phone");
    expect(record).not.toHaveProperty("visitCount");
  });

  it("gives the venue's own tools the visit and its optional decisions, never the terms", () => {
    const record = recordFor({ ...marketing, purposeKey: "marketing" }, full, kinds);
    expect(record).toMatchObject({ phone: "+447911123456", visitCount: 3, zone: { slug: "lobby" } });
    expect(record.consents.map((c) => c.purpose)).toEqual(["marketing", "sponsor:acme", "sponsor:northwind"]);
  });
});

describe("the gate, for any venue and any choices", () => {
  const venue = fc.record({
    sponsors: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e"), { maxLength: 5 }),
    // Each purpose may have 0–2 connectors.
    connectorsPerPurpose: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
  });
  const guest = fc.record({ marketing: fc.boolean(), sponsorTicks: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), erased: fc.boolean() });

  it("lets through exactly the recipients whose purpose the guest said yes to, and none for a guest who ticked nothing", () => {
    fc.assert(
      fc.property(venue, guest, ({ sponsors, connectorsPerPurpose }, choices) => {
        const purposes: { id: string; kind: PurposeKind; granted: boolean }[] = [
          { id: "terms", kind: "TERMS", granted: true },
          { id: "marketing", kind: "MARKETING", granted: choices.marketing },
          ...sponsors.map((slug, i) => ({ id: `sponsor:${slug}`, kind: "SPONSOR" as const, granted: choices.sponsorTicks[i]! })),
        ];
        const recipients = purposes.flatMap((purpose, i) =>
          Array.from({ length: connectorsPerPurpose[i] ?? 0 }, (_, n) => ({ connectorId: `${purpose.id}#${n}`, purposeId: purpose.id, purposeKind: purpose.kind })),
        );
        const state = ledger(
          purposes.map((p) => [p.id, p.granted]),
          choices.erased,
        );
        const allowed = allowedRecipients(recipients, state);
        const expected = choices.erased ? [] : recipients.filter((r) => r.purposeKind !== "TERMS" && purposes.find((p) => p.id === r.purposeId)!.granted);
        expect(allowed).toEqual(expected);
        const tickedNothing = !choices.marketing && choices.sponsorTicks.slice(0, sponsors.length).every((tick) => !tick);
        if (tickedNothing) expect(allowed).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("never hands a sponsor a field its purpose does not cover", () => {
    fc.assert(
      fc.property(fc.constantFrom<PurposeKind>("MARKETING", "SPONSOR"), (kind) => {
        const record = recordFor({ connectorId: "x", purposeId: "p", purposeKind: kind, purposeKey: kind === "MARKETING" ? "marketing" : "sponsor:acme" }, full, kinds);
        for (const field of Object.keys(record)) {
          if (field !== "guestId") expect(fieldsByPurposeKind[kind as Exclude<PurposeKind, "TERMS">]).toContain(field);
        }
      }),
    );
  });
});
