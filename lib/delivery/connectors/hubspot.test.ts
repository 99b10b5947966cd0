import { describe, expect, it } from "vitest";

import type { DeliveryItem } from "../connector";
import type { GuestRecord } from "../guest-record";
import { defaultThrottleMs } from "../vendor-http";
import { hubspotDefaultFields, hubspotFailure, hubspotRateLimit, hubspotUpsertInputs, readHubspotUpsertAnswer } from "./hubspot";

const now = new Date("2026-12-02T10:00:00Z");
const record = (email: string, extra: Partial<GuestRecord> = {}): GuestRecord => ({
  guestId: `id-${email}`,
  email,
  name: "Ada Lovelace",
  connectedAt: "2026-12-02T10:00:00.000Z",
  visitCount: 2,
  venue: { slug: "harbour", name: "Harbour Hotel" },
  consents: [],
  ...extra,
});
const item = (deliveryId: string, email: string, firstDelivery = false): DeliveryItem => ({ deliveryId, record: record(email), firstDelivery });

describe("hubspotUpsertInputs", () => {
  it("keys each input by the lower-cased email, traces it to its deliveries and sends strings", () => {
    const { inputs, traces } = hubspotUpsertInputs(hubspotDefaultFields, [item("d1", "Ada@Example.com", true), item("d2", "ada@example.com"), item("d3", "bob@example.com")]);
    expect(inputs).toEqual([
      {
        idProperty: "email",
        id: "ada@example.com",
        objectWriteTraceId: "d1",
        properties: { email: "ada@example.com", firstname: "Ada", lastname: "Lovelace", portico_guest_id: "id-ada@example.com", portico_visit_count: "2", portico_last_venue: "Harbour Hotel", portico_last_connected_at: "2026-12-02T10:00:00.000Z" },
      },
      expect.objectContaining({ id: "bob@example.com", objectWriteTraceId: "d3", properties: expect.not.objectContaining({ firstname: "Ada" }) }),
    ]);
    expect(traces).toEqual(new Map([["d1", ["d1", "d2"]], ["d3", ["d3"]]]));
  });
});

describe("readHubspotUpsertAnswer", () => {
  const { inputs, traces } = hubspotUpsertInputs(hubspotDefaultFields, [item("d1", "a@example.com"), item("d2", "b@example.com"), item("d3", "c@example.com"), item("d4", "d@example.com")]);

  it("matches results by trace id or email whatever their order, and errors by their trace id", () => {
    const outcomes = readHubspotUpsertAnswer(inputs, traces, {
      results: [
        { id: "103", properties: { email: "c@example.com" } },
        { id: "101", objectWriteTraceId: "d1", properties: {} },
      ],
      errors: [
        { status: "error", category: "VALIDATION_ERROR", message: "Email address b@example is invalid", context: { objectWriteTraceId: ["d2"] }, errors: [{ code: "INVALID_EMAIL", in: "email" }] },
      ],
    });
    expect(outcomes).toEqual([
      { deliveryId: "d1", result: "delivered", externalId: "101" },
      { deliveryId: "d2", result: "rejected", error: "HubSpot: VALIDATION_ERROR INVALID_EMAIL: Email address b@example is invalid" },
      { deliveryId: "d3", result: "delivered", externalId: "103" },
      { deliveryId: "d4", result: "retry", error: "HubSpot's answer had no result for this contact" },
    ]);
  });

  it("tries again an item HubSpot refused for a reason that can pass (a conflict)", () => {
    const outcomes = readHubspotUpsertAnswer(inputs, traces, { errors: [{ category: "CONFLICT", message: "busy", context: { objectWriteTraceId: ["d4"] } }] });
    expect(outcomes[3]).toEqual({ deliveryId: "d4", result: "retry", error: "HubSpot: CONFLICT: busy" });
  });
});

describe("hubspotRateLimit", () => {
  it("reads the remaining calls of the rolling window", () => {
    expect(hubspotRateLimit(new Headers({ "X-HubSpot-RateLimit-Remaining": "42", "X-HubSpot-RateLimit-Interval-Milliseconds": "10000" }))).toEqual({ remaining: 42, resetAfterMs: 10_000 });
    expect(hubspotRateLimit(new Headers({ "X-HubSpot-RateLimit-Remaining": "42" }))).toBeUndefined();
  });
});

describe("hubspotFailure", () => {
  const headers = (values: Record<string, string> = {}) => new Headers(values);

  it("waits on a 429 for Retry-After, else the window, else until the daily limit may have reset", () => {
    expect(hubspotFailure(429, headers({ "retry-after": "3" }), { policyName: "TEN_SECONDLY_ROLLING" }, now)).toMatchObject({ kind: "throttled", retryAfterMs: 3000 });
    expect(hubspotFailure(429, headers({ "x-hubspot-ratelimit-interval-milliseconds": "10000" }), { policyName: "TEN_SECONDLY_ROLLING" }, now)).toMatchObject({ kind: "throttled", retryAfterMs: 10_000 });
    expect(hubspotFailure(429, headers({ "x-hubspot-ratelimit-interval-milliseconds": "10000" }), { policyName: "DAILY" }, now)).toMatchObject({ kind: "throttled", retryAfterMs: 3_600_000 });
    expect(hubspotFailure(429, headers(), null, now)).toMatchObject({ kind: "throttled", retryAfterMs: defaultThrottleMs });
  });

  it("treats a locked record (423) and a migration (477) as passing unavailability", () => {
    expect(hubspotFailure(423, headers(), { message: "locked" }, now)).toEqual({ kind: "unavailable", error: "HTTP 423: locked", retryAfterMs: 2000 });
    expect(hubspotFailure(477, headers({ "retry-after": "60" }), null, now)).toMatchObject({ kind: "unavailable", retryAfterMs: 60_000 });
  });

  it("pauses on refused credentials and leaves a refused batch (400) to the caller", () => {
    expect(hubspotFailure(401, headers(), { category: "EXPIRED_AUTHENTICATION", message: "expired" }, now)).toEqual({ kind: "unauthorized", error: "HTTP 401: EXPIRED_AUTHENTICATION: expired" });
    expect(hubspotFailure(400, headers(), { category: "VALIDATION_ERROR" }, now)).toBeNull();
  });
});
