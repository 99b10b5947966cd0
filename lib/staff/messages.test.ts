import { describe, expect, it } from "vitest";

import { DomainError } from "@/lib/errors";

import { staffMessages, staffRefusal } from "./messages";

describe("staffRefusal: a domain refusal in the staff area's words", () => {
  it("words the code with its values, and each field's codes", () => {
    const error = new DomainError("localeNotOffered", {
      params: { venue: "Harbour Hotel", locale: "de" },
      fieldErrors: { locale: [{ code: "localeChoice", params: { locales: "en, fr" } }] },
    });
    expect(staffRefusal(error)).toEqual({ message: 'Harbour Hotel does not offer the locale "de".', fieldErrors: { locale: ["Choose one of en, fr."] } });
  });

  it("says where a wording version stands and what the step needs", () => {
    const error = new DomainError("wordingWrongStatus", { params: { version: 3, status: "IN_REVIEW", step: "publish" } });
    expect(staffRefusal(error)?.message).toBe("Version 3 is in review: only approved wording can be published.");
  });

  it("refuses by permission, naming the role where the sentence does", () => {
    expect(staffRefusal(new DomainError("notPermitted", { params: { permission: "copy.publish", role: "LEGAL" } }))?.message).toBe("Your role (LEGAL) cannot publish portal copy.");
    expect(staffRefusal(new DomainError("notPermitted", { params: { permission: "audit.view", role: "MARKETER" } }))?.message).toBe("Only administrators can read the audit log.");
  });

  it("passes a shared schema's own message through to its field", () => {
    const error = new DomainError("invalidFields", { fieldErrors: { primaryColor: [{ code: "schemaRule", params: { message: "Use a colour like #1a5fb4." } }] } });
    expect(staffRefusal(error)).toEqual({ message: "Check the highlighted fields.", fieldErrors: { primaryColor: ["Use a colour like #1a5fb4."] } });
  });

  it("has nothing to say about a guest-journey code: that reaching a staff action is a bug", () => {
    expect(staffRefusal(new DomainError("journeyExpired"))).toBeNull();
  });

  it("has English for every staff code, never the code itself", () => {
    for (const [code, message] of Object.entries(staffMessages)) {
      if (typeof message === "string") expect(message, code).toMatch(/^[A-Z].*[.]$/);
    }
  });
});
