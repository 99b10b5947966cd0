import { describe, expect, it } from "vitest";

import { parseCsv } from "@/tests/support/export-files";

import { encodeRow, fileHeader } from "./encode-rows";

const columns = ["id", "text", "flag", "at", "payload", "missing"];
const awkward = ['He said "hi", then left', "two\r\nlines", "unicode: é ☕ 漢字", "plain", ",", '"'];

describe("export rows", () => {
  it("are RFC 4180 CSV that a strict reader turns back into the same fields", () => {
    const lines = awkward.map((text, i) => encodeRow("csv", columns, [BigInt(i), text, i % 2 === 0, new Date(Date.UTC(2026, 10, 1, 0, 0, 0, i)), { json: '{"a":[1,2]}' }, null]));
    const records = parseCsv(fileHeader("csv", columns) + lines.join(""));
    expect(records[0]).toEqual(columns);
    expect(records.slice(1).map((r) => r[1])).toEqual(awkward);
    expect(records[1]).toEqual(["0", awkward[0], "true", "2026-11-01T00:00:00.000Z", '{"a":[1,2]}', ""]);
  });

  it("are one JSON object per line in NDJSON, with the columns in order, payloads as objects and big ids exact", () => {
    const line = encodeRow("ndjson", columns, [9007199254740993n, awkward[1]!, false, new Date(0), { json: '{"a":1}' }, null]);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(line).toContain('"id":9007199254740993,');
    expect(Object.keys(JSON.parse(line))).toEqual(columns);
    expect(JSON.parse(line)).toMatchObject({ text: "two\r\nlines", flag: false, at: "1970-01-01T00:00:00.000Z", payload: { a: 1 }, missing: null });
    expect(fileHeader("ndjson", columns)).toBe("");
  });

  it("refuse a row whose cells do not match the columns", () => {
    expect(() => encodeRow("csv", columns, ["1"])).toThrow(/1 cells for 6 columns/);
  });
});
