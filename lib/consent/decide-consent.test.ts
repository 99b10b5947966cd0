import { describe, expect, it } from "vitest";

import { isDomainError } from "@/lib/errors";

import { decideConsent } from "./decide-consent";
import type { ShownConsent } from "./published-wording";

const shown = (key: string, kind: ShownConsent["kind"], n: number): ShownConsent => ({
  purposeId: `00000000-0000-7000-8000-00000000000${n}`,
  consentTextId: `00000000-0000-7000-9000-00000000000${n}`,
  key,
  kind,
  sponsorName: kind === "SPONSOR" ? key : null,
  locale: "en",
  version: 1,
  body: `${key} wording`,
  sha256: "0".repeat(64),
});

const live = [shown("terms", "TERMS", 1), shown("marketing", "MARKETING", 2), shown("sponsor:a", "SPONSOR", 3), shown("sponsor:b", "SPONSOR", 4)];
const allShown = live.map((s) => s.consentTextId);

describe("decideConsent", () => {
  it("records every box shown, ticked or not, against its exact wording", () => {
    const decisions = decideConsent(live, { termsAccepted: true, granted: [live[2]!.purposeId], shown: allShown });
    expect(decisions).toEqual([
      { purposeId: live[0]!.purposeId, consentTextId: live[0]!.consentTextId, granted: true },
      { purposeId: live[1]!.purposeId, consentTextId: live[1]!.consentTextId, granted: false },
      { purposeId: live[2]!.purposeId, consentTextId: live[2]!.consentTextId, granted: true },
      { purposeId: live[3]!.purposeId, consentTextId: live[3]!.consentTextId, granted: false },
    ]);
  });

  it("refuses a purpose that was not offered", () => {
    const forged = "00000000-0000-7000-8000-0000000000ff";
    expect(() => decideConsent(live, { termsAccepted: true, granted: [forged], shown: allShown })).toThrow(
      expect.objectContaining({ code: "consentSubmissionInvalid" }),
    );
  });

  it("refuses to count the terms as an optional grant", () => {
    expect(() => decideConsent(live, { termsAccepted: true, granted: [live[0]!.purposeId], shown: allShown })).toThrow(
      expect.objectContaining({ code: "consentSubmissionInvalid" }),
    );
  });

  it("refuses a submission made against wording that has since changed", () => {
    try {
      decideConsent(live, { termsAccepted: true, granted: [], shown: allShown.slice(0, 3) });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, "consentWordingChanged")).toBe(true);
    }
  });
});
