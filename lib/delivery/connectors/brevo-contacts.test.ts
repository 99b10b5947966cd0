import { describe, expect, it } from "vitest";

import type { GuestRecord } from "../guest-record";
import { apiRoot, attributesFor, brevoSecretsSchema, brevoSettingsSchema, contactErrorResult, contactFor, doubleOptInRequestFor, rateLimitOf } from "./brevo-contacts";

const record: GuestRecord = {
  guestId: "0190a1b2-0000-7000-8000-000000000001",
  email: "ada@example.com",
  name: "Ada Lovelace",
  connectedAt: "2026-12-02T09:58:00.000Z",
  dwellMinutes: 42,
  visitCount: 3,
  venue: { slug: "harbour-hotel", name: "Harbour Hotel" },
  consents: [{ purpose: "marketing", granted: true, wording: { locale: "en", version: 1, sha256: "ab".repeat(32) }, recordedAt: "2026-12-02T10:00:00.000Z" }],
};
const settings = brevoSettingsSchema.parse({
  listIds: [2, 7],
  attributes: [
    { source: "name", attribute: "FIRSTNAME", owner: "vendor" },
    { source: "visitCount", attribute: "VISITS", owner: "portico" },
    { source: "connectedAt", attribute: "LASTVISIT", owner: "portico" },
    { source: "zone", attribute: "ZONE", owner: "portico" },
  ],
});

describe("the contact a guest becomes", () => {
  it("carries every mapped attribute and the venue's lists when Portico introduces the guest", () => {
    expect(contactFor(record, true, settings)).toEqual({
      email: "ada@example.com",
      attributes: { FIRSTNAME: "Ada Lovelace", VISITS: 3, LASTVISIT: "2026-12-02" },
      listIds: [2, 7],
      updateEnabled: true,
    });
  });

  it("afterwards leaves vendor-owned attributes to Brevo and never touches the blocklist", () => {
    const contact = contactFor(record, false, settings);
    expect(contact.attributes).toEqual({ VISITS: 3, LASTVISIT: "2026-12-02" });
    expect(contact).not.toHaveProperty("emailBlacklisted");
  });

  it("asks for Brevo's double opt-in with the template and redirection the venue chose", () => {
    const withDoi = brevoSettingsSchema.parse({ ...settings, doubleOptIn: { templateId: 12, redirectionUrl: "https://venue.example/thanks" } });
    expect(doubleOptInRequestFor(record, { ...withDoi, doubleOptIn: withDoi.doubleOptIn! })).toEqual({
      email: "ada@example.com",
      attributes: attributesFor(record, true, withDoi),
      includeListIds: [2, 7],
      templateId: 12,
      redirectionUrl: "https://venue.example/thanks",
    });
  });

  it("defaults to FIRSTNAME owned by Brevo", () => {
    expect(brevoSettingsSchema.parse({ listIds: [2] }).attributes).toEqual([{ source: "name", attribute: "FIRSTNAME", owner: "vendor" }]);
  });
});

describe("settings and secrets", () => {
  it("needs at least one list and an API v3 key", () => {
    expect(brevoSettingsSchema.safeParse({ listIds: [] }).success).toBe(false);
    expect(brevoSecretsSchema.safeParse({ apiKey: "xsmtpsib-abc" }).success).toBe(false);
    expect(brevoSecretsSchema.safeParse({ apiKey: "xkeysib-0123abcd-Zy12" }).success).toBe(true);
  });

  it("reaches api.brevo.com unless a base URL is given", () => {
    expect(apiRoot({})).toBe("https://api.brevo.com/v3");
    expect(apiRoot({ baseUrl: "http://127.0.0.1:4020/" })).toBe("http://127.0.0.1:4020/v3");
  });
});

describe("rateLimitOf", () => {
  it("reads Brevo's remaining calls and seconds to reset", () => {
    const headers = new Headers({ "x-sib-ratelimit-limit": "10", "x-sib-ratelimit-remaining": "0", "x-sib-ratelimit-reset": "0.4" });
    expect(rateLimitOf(headers)).toEqual({ remaining: 0, resetAfterMs: 400 });
    expect(rateLimitOf(new Headers())).toBeUndefined();
  });
});

describe("contactErrorResult", () => {
  it("rejects what Brevo will never take and retries what is only early", () => {
    expect(contactErrorResult(400, "invalid_parameter")).toBe("rejected");
    expect(contactErrorResult(400, "duplicate_parameter")).toBe("rejected");
    expect(contactErrorResult(404, "document_not_found")).toBe("rejected");
    expect(contactErrorResult(425, "invalid_parameter")).toBe("retry");
    expect(contactErrorResult(400, "account_in_process")).toBe("retry");
  });
});
