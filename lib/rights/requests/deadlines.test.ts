import { describe, expect, it } from "vitest";

import { canMoveRequest, dueAtFor, extendedDueAt, requestUrgency } from "./deadlines";

describe("rights request deadlines", () => {
  const received = new Date("2026-01-31T10:00:00Z");

  it("is due 30 days after receipt, and 90 after an extension", () => {
    expect(dueAtFor(received).toISOString()).toBe("2026-03-02T10:00:00.000Z");
    expect(extendedDueAt(received).toISOString()).toBe("2026-05-01T10:00:00.000Z");
  });

  it("highlights overdue and near-due open requests, never answered ones", () => {
    const dueAt = dueAtFor(received);
    expect(requestUrgency({ status: "RECEIVED", dueAt }, new Date("2026-02-10T00:00:00Z"))).toBe("onTime");
    expect(requestUrgency({ status: "IN_PROGRESS", dueAt }, new Date("2026-02-24T10:00:00Z"))).toBe("nearDue");
    expect(requestUrgency({ status: "RECEIVED", dueAt }, dueAt)).toBe("overdue");
    expect(requestUrgency({ status: "DONE", dueAt }, new Date("2026-06-01T00:00:00Z"))).toBe("closed");
    expect(requestUrgency({ status: "REFUSED", dueAt }, new Date("2026-06-01T00:00:00Z"))).toBe("closed");
  });

  it("moves received → in progress → done or refused, and never back", () => {
    expect(canMoveRequest("RECEIVED", "IN_PROGRESS")).toBe(true);
    expect(canMoveRequest("RECEIVED", "REFUSED")).toBe(true);
    expect(canMoveRequest("RECEIVED", "DONE")).toBe(false);
    expect(canMoveRequest("IN_PROGRESS", "DONE")).toBe(true);
    expect(canMoveRequest("IN_PROGRESS", "REFUSED")).toBe(true);
    expect(canMoveRequest("DONE", "IN_PROGRESS")).toBe(false);
    expect(canMoveRequest("REFUSED", "DONE")).toBe(false);
  });
});
