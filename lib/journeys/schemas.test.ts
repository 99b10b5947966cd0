import { describe, expect, it } from "vitest";

import { z } from "zod";

import { consentSubmissionSchema, emailConstraints, emailLoginSchema, loyaltyLoginSchema } from "./schemas";

const codes = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join(".")}:${i.message}`) ?? [];

describe("emailLoginSchema", () => {
  it("accepts and trims a real address", () => {
    expect(emailLoginSchema.parse({ email: "  guest@example.com " })).toEqual({ email: "guest@example.com" });
  });

  it.each([
    ["", "email:emailRequired"],
    ["not-an-email", "email:emailInvalid"],
    [`${"a".repeat(250)}@example.com`, "email:emailTooLong"],
  ])("rejects %j with a code the page can translate", (email, code) => {
    expect(codes(emailLoginSchema.safeParse({ email }))).toContain(code);
  });
});

describe("the email rule the guest page checks natively", () => {
  const addresses = ["ana@example.com", "a.b+c@sub.example.co.uk", "o'neil@example.ie", "x@y.z", "a..b@example.com", "a@b", "-a@example.com", "a-@example.com", "a@-b.com", ".a@example.com"];

  it("accepts exactly what zod's default email rule accepts", () => {
    for (const address of addresses) {
      expect(emailConstraints.pattern.test(address), address).toBe(z.regexes.email.test(address));
    }
  });

  it("is a valid HTML pattern (browsers compile it with the v flag, anchored)", () => {
    const html = new RegExp(`^(?:${emailConstraints.htmlPattern})$`, "v");
    for (const address of addresses) expect(html.test(address), address).toBe(z.regexes.email.test(address));
  });
});

describe("loyaltyLoginSchema", () => {
  const schema = loyaltyLoginSchema("GB");
  const valid = { email: "member@example.com", name: "Ana Silva", phone: "07911 123456", birthday: "1990-04-01" };

  it("stores the phone as E.164", () => {
    expect(schema.parse(valid)).toMatchObject({ phone: "+447911123456", birthday: "1990-04-01" });
  });

  it("treats an empty birthday as not given", () => {
    expect(schema.parse({ ...valid, birthday: "" }).birthday).toBeUndefined();
  });

  it.each([
    [{ phone: "123" }, "phone:phoneInvalid"],
    [{ name: "" }, "name:nameRequired"],
    [{ name: "x".repeat(101) }, "name:nameTooLong"],
    [{ birthday: "2999-01-01" }, "birthday:birthdayInvalid"],
    [{ birthday: "1990-02-31" }, "birthday:birthdayInvalid"],
  ])("rejects %j", (override, code) => {
    expect(codes(schema.safeParse({ ...valid, ...override }))).toContain(code);
  });
});

describe("consentSubmissionSchema", () => {
  const textId = "00000000-0000-7000-9000-000000000001";

  it("requires the terms acknowledgement", () => {
    expect(codes(consentSubmissionSchema.safeParse({ termsAccepted: false, shown: [textId] }))).toContain("termsAccepted:termsRequired");
  });

  it("rejects granted ids that are not ids", () => {
    expect(consentSubmissionSchema.safeParse({ termsAccepted: true, granted: ["1 OR 1=1"], shown: [textId] }).success).toBe(false);
  });
});
