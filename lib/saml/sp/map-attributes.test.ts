import { describe, expect, it } from "vitest";

import { mapAttributes } from "./map-attributes";
import { defaultAttributeMap } from "./schemas";

const base = { issuer: "https://club.example/idp", nameId: "m-1", nameIdFormat: null, countryCode: "GB" };

describe("mapAttributes", () => {
  it("takes the mapped email, joins first and last name, normalises the phone and records what the website owns", () => {
    const mapped = mapAttributes({
      ...base,
      map: { ...defaultAttributeMap, phone: "mobile", visitorDataNamespace: "club", visitorDataAttributes: ["tier", "groups", "absent"] },
      attributes: { email: " Ada@Example.org ", givenName: "Ada", sn: ["Lovelace"], mobile: "07400 123456", tier: "gold", groups: ["a", "b"] },
    });
    expect(mapped).toEqual({
      ok: true,
      emailNormalized: "ada@example.org",
      login: {
        email: "Ada@Example.org",
        name: "Ada Lovelace",
        phone: "+447400123456",
        saml: { issuer: base.issuer, nameId: "m-1", nameIdFormat: null, ownedFields: ["email", "name", "phone"], visitorData: { club: { tier: "gold", groups: ["a", "b"] } } },
      },
    });
  });

  it("leaves out what the website did not send, or sent unusable: those fields stay Portico's", () => {
    const mapped = mapAttributes({ ...base, map: { ...defaultAttributeMap, phone: "mobile" }, attributes: { email: "ada@example.org", mobile: "not a number" } });
    expect(mapped).toMatchObject({ ok: true, login: { saml: { ownedFields: ["email"], visitorData: {} } } });
    expect(mapped.ok && "phone" in mapped.login).toBe(false);
  });

  it.each([[{}], [{ email: "" }], [{ email: "not-an-email" }], [{ mail: "ada@example.org" }]])("refuses without a usable email in the mapped attribute (%j)", (attributes) => {
    expect(mapAttributes({ ...base, map: defaultAttributeMap, attributes })).toEqual({ ok: false, reason: "noEmail" });
  });
});
