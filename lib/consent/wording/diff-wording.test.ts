import { describe, expect, it } from "vitest";

import { diffWording } from "./diff-wording";

describe("diffWording", () => {
  it("marks a replaced word as deleted on the live side and inserted on the candidate side", () => {
    const diff = diffWording("We may email you offers.", "We may text you offers.");
    expect(diff.live).toEqual([
      { kind: "unchanged", text: "We may " },
      { kind: "deleted", text: "email" },
      { kind: "unchanged", text: " you offers." },
    ]);
    expect(diff.candidate).toEqual([
      { kind: "unchanged", text: "We may " },
      { kind: "inserted", text: "text" },
      { kind: "unchanged", text: " you offers." },
    ]);
    expect(diff).toMatchObject({ insertedWords: 1, deletedWords: 1 });
  });

  it("reads each side back as the full text it came from", () => {
    const live = "News and offers by email, about twice a month.";
    const candidate = "News, events and offers by email or SMS, about once a month.";
    const diff = diffWording(live, candidate);
    expect(diff.live.map((s) => s.text).join("")).toBe(live);
    expect(diff.candidate.map((s) => s.text).join("")).toBe(candidate);
  });

  it("finds no change between identical wordings", () => {
    const diff = diffWording("Same words.", "Same words.");
    expect(diff).toMatchObject({ insertedWords: 0, deletedWords: 0 });
    expect(diff.candidate).toEqual([{ kind: "unchanged", text: "Same words." }]);
  });
});
