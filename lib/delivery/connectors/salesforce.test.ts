import { describe, expect, it } from "vitest";

import type { GuestRecord } from "../guest-record";
import { defaultThrottleMs } from "../vendor-http";
import { groupByContact } from "./crm-fields";
import { readSalesforceResults, salesforceFailure, salesforceRateLimit, salesforceRecords, salesforceSettingsSchema } from "./salesforce";

const now = new Date("2026-12-02T10:00:00Z");
const settings = salesforceSettingsSchema.parse({ myDomainUrl: "https://acme.my.salesforce.com" });
const record = (guestId: string, extra: Partial<GuestRecord> = {}): GuestRecord => ({
  guestId,
  email: `${guestId}@Example.com`,
  name: "Ada Lovelace",
  connectedAt: "2026-12-02T10:00:00.000Z",
  visitCount: 2,
  venue: { slug: "harbour", name: "Harbour Hotel" },
  consents: [{ purpose: "marketing", granted: false, wording: { locale: "en", version: 1, sha256: "d".repeat(64) }, recordedAt: "2026-12-02T10:00:01.000Z" }],
  ...extra,
});
const groups = (...items: Array<{ guestId: string; firstDelivery: boolean; extra?: Partial<GuestRecord> }>) =>
  groupByContact(
    items.map((item, index) => ({ deliveryId: `d${index}`, firstDelivery: item.firstDelivery, record: record(item.guestId, item.extra) })),
    (guest) => guest.guestId,
  );

describe("salesforceRecords", () => {
  it("keys each record on the external id and types values as Salesforce fields expect", () => {
    const [introduced, known] = salesforceRecords(settings, groups({ guestId: "g1", firstDelivery: true }, { guestId: "g2", firstDelivery: false }), (group) => group.firstDelivery);
    expect(introduced).toEqual({
      attributes: { type: "Lead" },
      Portico_Guest_Id__c: "g1",
      Email: "g1@Example.com",
      FirstName: "Ada",
      LastName: "Lovelace",
      Company: "[not provided]",
      Portico_Visit_Count__c: 2,
      Portico_Last_Venue__c: "Harbour Hotel",
      Portico_Last_Connected_At__c: "2026-12-02T10:00:00.000Z",
      Portico_Marketing_Consent__c: false,
      Portico_Marketing_Consent_At__c: "2026-12-02T10:00:01.000Z",
      Portico_Marketing_Consent_Wording__c: `en v1 sha256:${"d".repeat(64)}`,
      Portico_Consents__c: `marketing: declined at 2026-12-02T10:00:01.000Z (wording en v1 sha256:${"d".repeat(64)})`,
    });
    // Known records: no name, no placeholders that would overwrite what the org's users typed.
    expect(known).not.toHaveProperty("LastName");
    expect(known).not.toHaveProperty("Company");
  });

  it("uses the lower-cased email as the key when upserting on Email", () => {
    const onEmail = salesforceSettingsSchema.parse({ myDomainUrl: "https://acme.my.salesforce.com", object: "Contact", externalIdField: "Email" });
    const [contact] = salesforceRecords(onEmail, groups({ guestId: "g1", firstDelivery: true }), () => true);
    expect(contact).toMatchObject({ attributes: { type: "Contact" }, Email: "g1@example.com", LastName: "Lovelace" });
    expect(contact).not.toHaveProperty("Company");
  });
});

describe("readSalesforceResults", () => {
  it("maps results in request order: success, a refusal of the data, a lock worth retrying, a missing result", () => {
    const sent = groups({ guestId: "a", firstDelivery: true }, { guestId: "b", firstDelivery: true }, { guestId: "c", firstDelivery: true }, { guestId: "d", firstDelivery: true });
    const outcomes = readSalesforceResults(sent, [
      { id: "00Q1", success: true, created: true, errors: [] },
      { success: false, errors: [{ statusCode: "INVALID_EMAIL_ADDRESS", message: "Email: invalid email address: x", fields: ["Email"] }] },
      { success: false, errors: [{ statusCode: "UNABLE_TO_LOCK_ROW", message: "unable to obtain exclusive access to this record", fields: [] }] },
    ]);
    expect([...outcomes.values()]).toEqual([
      { deliveryId: "d0", result: "delivered", externalId: "00Q1" },
      { deliveryId: "d1", result: "rejected", error: "Salesforce: INVALID_EMAIL_ADDRESS: Email: invalid email address: x [Email]" },
      { deliveryId: "d2", result: "retry", error: "Salesforce: UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record" },
      { deliveryId: "d3", result: "retry", error: "Salesforce's answer had no result for this record" },
    ]);
  });
});

describe("salesforceRateLimit", () => {
  it("reads api-usage as the calls left in the rolling 24 hours", () => {
    expect(salesforceRateLimit(new Headers({ "Sforce-Limit-Info": "api-usage=10018/100000; api-bursts=1/750" }))).toEqual({ remaining: 89_982, resetAfterMs: 86_400_000 });
    expect(salesforceRateLimit(new Headers())).toBeUndefined();
  });
});

describe("salesforceFailure", () => {
  it("throttles on REQUEST_LIMIT_EXCEEDED: briefly for the concurrency limit, longer for the daily allowance", () => {
    expect(salesforceFailure(403, new Headers(), [{ errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." }], now)).toEqual({
      kind: "throttled",
      retryAfterMs: 300_000,
      error: "HTTP 403: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.",
    });
    expect(salesforceFailure(403, new Headers(), [{ errorCode: "REQUEST_LIMIT_EXCEEDED", message: "ConcurrentPerOrgLongTxn Limit exceeded." }], now)).toMatchObject({ kind: "throttled", retryAfterMs: defaultThrottleMs });
  });

  it("pauses on a 403 that is a permission refusal, and on an expired session", () => {
    expect(salesforceFailure(403, new Headers(), [{ errorCode: "INSUFFICIENT_ACCESS", message: "no" }], now)).toMatchObject({ kind: "unauthorized" });
    expect(salesforceFailure(401, new Headers(), [{ errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid" }], now)).toEqual({ kind: "unauthorized", error: "HTTP 401: INVALID_SESSION_ID: Session expired or invalid" });
    expect(salesforceFailure(400, new Headers(), [{ errorCode: "INVALID_FIELD" }], now)).toBeNull();
  });
});
