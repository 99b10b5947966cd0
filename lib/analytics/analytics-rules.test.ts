import { describe, expect, it } from "vitest";

import { change, rate } from "./chart-tables";
import { bucketStarts } from "./dashboard-queries";
import { dwellBucket, isOptionalPurpose } from "./dimensions";
import { previousRange, readDashboardFilters } from "./schemas";

describe("dashboard filters", () => {
  it("default to the last 28 days ending today, per day", () => {
    expect(readDashboardFilters(new URLSearchParams(), "2026-12-03")).toEqual({ filters: { from: "2026-11-06", to: "2026-12-03", granularity: "day" }, fieldErrors: {} });
  });
  it("refuse a reversed range, hours over more than 31 days and a zone without a venue, field by field", () => {
    const read = (query: string) => readDashboardFilters(new URLSearchParams(query), "2026-12-03").fieldErrors;
    expect(Object.keys(read("from=2026-12-02&to=2026-12-01"))).toEqual(["to"]);
    expect(Object.keys(read("from=2026-10-01&to=2026-12-01&granularity=hour"))).toEqual(["granularity"]);
    expect(Object.keys(read("zone=0195e7a0-0000-7000-8000-000000000001"))).toEqual(["zone"]);
    expect(Object.keys(read("from=2026-02-30"))).toEqual(["from"]);
  });
  it("compare with the range of the same length just before", () => {
    expect(previousRange("2026-03-01", "2026-03-31")).toEqual({ from: "2026-01-29", to: "2026-02-28" });
  });
});

describe("buckets", () => {
  it("start weeks on Monday and cover every hour of the range's calendar days", () => {
    expect(bucketStarts("2026-12-03", "2026-12-14", "week")).toEqual(["2026-11-30T00:00", "2026-12-07T00:00", "2026-12-14T00:00"]);
    expect(bucketStarts("2026-10-25", "2026-10-25", "hour")).toHaveLength(24);
  });
  it("sort dwell into its bucket, bounds going up", () => {
    expect([null, 0, 899, 900, 3599, 3600, 14_399, 14_400].map(dwellBucket)).toEqual(["unknown", "under-15m", "under-15m", "15-30m", "30-60m", "1-2h", "2-4h", "4h-plus"]);
  });
  it("count marketing and sponsors as optional, never the terms", () => {
    expect(["terms", "marketing", "sponsor:acme"].map(isOptionalPurpose)).toEqual([false, true, true]);
  });
});

describe("figures in words", () => {
  it("say the change from the period before", () => {
    expect([change(12, 10), change(9, 10), change(5, 0), change(0, 0)]).toEqual(["+20.0%", "−10.0%", "new", "no change"]);
    expect([rate(1, 3), rate(0, 0)]).toEqual(["33.3%", "–"]);
  });
});
