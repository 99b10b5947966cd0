import { describe, expect, it } from "vitest";

import { compareSnapshots } from "./compare-snapshots";

describe("compareSnapshots", () => {
  it("names each changed field with its old and new value", () => {
    expect(compareSnapshots({ name: "Lobby", slug: "lobby" }, { name: "Front lobby", slug: "lobby" })).toEqual([
      { field: "name", kind: "changed", before: "Lobby", after: "Front lobby" },
      { field: "slug", kind: "unchanged", before: "lobby", after: "lobby" },
    ]);
  });

  it("shows every field of a creation as added and of a deletion as removed", () => {
    expect(compareSnapshots(null, { name: "Acme", active: true })).toEqual([
      { field: "name", kind: "added", after: "Acme" },
      { field: "active", kind: "added", after: true },
    ]);
    expect(compareSnapshots({ name: "Acme" }, undefined)).toEqual([{ field: "name", kind: "removed", before: "Acme" }]);
  });

  it("walks into nested objects and reports dotted paths", () => {
    const changes = compareSnapshots({ fields: { headline: "Hi", colours: { brand: "#000" } } }, { fields: { headline: "Hello", colours: { brand: "#000" } } });
    expect(changes).toEqual([
      { field: "fields.headline", kind: "changed", before: "Hi", after: "Hello" },
      { field: "fields.colours.brand", kind: "unchanged", before: "#000", after: "#000" },
    ]);
  });

  it("compares arrays and objects by value, whatever the key order", () => {
    expect(compareSnapshots({ locales: ["en", "fr"] }, { locales: ["en", "fr"] })[0]!.kind).toBe("unchanged");
    expect(compareSnapshots({ locales: ["en", "fr"] }, { locales: ["fr", "en"] })[0]!.kind).toBe("changed");
    expect(compareSnapshots({ list: [{ a: 1, b: 2 }] }, { list: [{ b: 2, a: 1 }] })[0]!.kind).toBe("unchanged");
  });

  it("tells a field set to null apart from a field that disappeared", () => {
    expect(compareSnapshots({ dpaReference: "DPA-1", note: "x" }, { dpaReference: null })).toEqual([
      { field: "dpaReference", kind: "changed", before: "DPA-1", after: null },
      { field: "note", kind: "removed", before: "x" },
    ]);
  });

  it("compares scalar snapshots as a single value", () => {
    expect(compareSnapshots("DRAFT", "APPROVED")).toEqual([{ field: "value", kind: "changed", before: "DRAFT", after: "APPROVED" }]);
  });
});
