import { describe, expect, it } from "vitest";

import type { GuestRecord } from "../guest-record";
import {
  apiRoot,
  datacenterOf,
  mailchimpLanguage,
  mailchimpSecretsSchema,
  mailchimpSettingsSchema,
  memberErrorResult,
  memberFor,
  subscriberHash,
} from "./mailchimp-members";

const consent = { purpose: "marketing", granted: true, wording: { locale: "fr", version: 2, sha256: "ab".repeat(32) }, recordedAt: "2026-12-02T10:00:00.000Z" };
const record: GuestRecord = {
  guestId: "0190a1b2-0000-7000-8000-000000000001",
  email: "Ada@Example.com",
  name: "Ada Lovelace",
  locale: "fr-CA",
  connectedAt: "2026-12-02T09:58:00.000Z",
  visitCount: 3,
  venue: { slug: "harbour-hotel", name: "Harbour Hotel" },
  zone: { slug: "lobby", name: "Lobby" },
  consents: [consent],
};
const settings = mailchimpSettingsSchema.parse({
  listId: "a1b2c3d4e5",
  mergeFields: [
    { source: "name", tag: "FNAME", owner: "vendor" },
    { source: "visitCount", tag: "VISITS", owner: "portico" },
    { source: "connectedAt", tag: "LASTVISIT", owner: "portico" },
    { source: "phone", tag: "PHONE", owner: "portico" },
  ],
});

describe("subscriberHash", () => {
  it("is the MD5 of the lower-cased address, so any spelling of one address is one member", () => {
    expect(subscriberHash("test@example.com")).toBe("55502f40dc8b7c769880b10874abc9d0");
    expect(subscriberHash(" Test@EXAMPLE.com ")).toBe("55502f40dc8b7c769880b10874abc9d0");
  });
});

describe("the data center", () => {
  it("is read from the end of the API key and names the API host", () => {
    expect(datacenterOf("0123456789abcdef0123456789abcdef-us21")).toBe("us21");
    expect(apiRoot({}, "0123456789abcdef0123456789abcdef-us6")).toBe("https://us6.api.mailchimp.com/3.0");
  });

  it("can be overridden by a base URL (a contract server)", () => {
    expect(apiRoot({ baseUrl: "http://127.0.0.1:4010/" }, "0123456789abcdef0123456789abcdef-us21")).toBe("http://127.0.0.1:4010/3.0");
  });

  it("refuses a key without one", () => {
    expect(() => datacenterOf("0123456789abcdef0123456789abcdef")).toThrow(/data center/);
    expect(mailchimpSecretsSchema.safeParse({ apiKey: "0123456789abcdef0123456789abcdef" }).success).toBe(false);
    expect(mailchimpSecretsSchema.safeParse({ apiKey: "0123456789abcdef0123456789abcdef-us21" }).success).toBe(true);
  });
});

describe("memberFor", () => {
  it("introduces a guest on the first delivery: vendor-owned fields, signup time and language, pending under double opt-in", () => {
    expect(memberFor({ record, firstDelivery: true, consent }, settings)).toEqual({
      email_address: "Ada@Example.com",
      status_if_new: "pending",
      merge_fields: { FNAME: "Ada Lovelace", VISITS: 3, LASTVISIT: "2026-12-02" },
      tags: ["Harbour Hotel"],
      timestamp_signup: "2026-12-02T10:00:00.000Z",
      language: "fr_CA",
    });
  });

  it("afterwards writes only the fields Portico owns and never a status for an existing member", () => {
    const member = memberFor({ record: { ...record, visitCount: 4 }, firstDelivery: false, consent }, settings);
    expect(member).toEqual({ email_address: "Ada@Example.com", status_if_new: "pending", merge_fields: { VISITS: 4, LASTVISIT: "2026-12-02" }, tags: ["Harbour Hotel"] });
    expect(member).not.toHaveProperty("status");
  });

  it("subscribes at once when the venue does not ask for double opt-in, and can leave tags out", () => {
    const member = memberFor({ record, firstDelivery: true, consent }, { ...settings, doubleOptIn: false, tagWithVenue: false });
    expect(member.status_if_new).toBe("subscribed");
    expect(member).not.toHaveProperty("tags");
  });

  it("leaves a withheld field out instead of clearing it", () => {
    const withoutName: GuestRecord = { ...record };
    delete withoutName.name;
    expect(memberFor({ record: withoutName, firstDelivery: true, consent }, settings).merge_fields).toEqual({ VISITS: 3, LASTVISIT: "2026-12-02" });
  });
});

describe("mailchimpLanguage", () => {
  it("maps BCP 47 tags to Mailchimp's codes", () => {
    expect(mailchimpLanguage("en-GB")).toBe("en");
    expect(mailchimpLanguage("pt-PT")).toBe("pt_PT");
    expect(mailchimpLanguage("es")).toBe("es");
  });
});

describe("memberErrorResult", () => {
  it("rejects what Mailchimp will never take", () => {
    expect(memberErrorResult({ error: "ada@example.com is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed." })).toBe("rejected");
    expect(memberErrorResult({ error: "ada@example looks fake or invalid, please enter a real email address." })).toBe("rejected");
    expect(memberErrorResult({ error: "ada@example.com was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list." })).toBe("rejected");
    expect(memberErrorResult({ error: "Your merge fields were invalid.", field: "VISITS", field_message: "Please enter a number" })).toBe("rejected");
  });

  it("retries signup throttling and anything it does not know", () => {
    expect(memberErrorResult({ error: "ada@example.com has signed up to a lot of lists very recently; we're not allowing more signups for now" })).toBe("retry");
    expect(memberErrorResult({ error: "Something unexpected", error_code: "ERROR_GENERIC" })).toBe("retry");
  });
});
