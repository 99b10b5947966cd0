// From a validated assertion's attributes to the guest fields the journey holds: pure.
import { normaliseEmail } from "@/lib/email/normalise-email";
import { normalisePhone } from "@/lib/guests/normalise";
import { guestEmailSchema } from "@/lib/journeys/email-login-schema";
import type { SamlLogin } from "@/lib/journeys/saml-login-schema";

import type { AttributeMap } from "./schemas";

export type MappedIdentity = { ok: true; login: SamlLogin; emailNormalized: string } | { ok: false; reason: "noEmail" };

type Attributes = Record<string, unknown>;

/** The first text value of an attribute (node-saml gives one value as a string, several as an array). */
function firstText(attributes: Attributes, name: string): string | undefined {
  if (!name) return undefined;
  const value = attributes[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() ? first.trim() : undefined;
}

/** Plain JSON of an attribute's values, for visitor data. */
function jsonValue(value: unknown): unknown {
  const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string").map((v) => v.slice(0, 1000));
  return texts.length === 1 ? texts[0] : texts;
}

export function mapAttributes(input: { issuer: string; nameId: string; nameIdFormat: string | null; attributes: Attributes; map: AttributeMap; countryCode: string }): MappedIdentity {
  const { attributes, map } = input;
  const rawEmail = firstText(attributes, map.email);
  const email = rawEmail ? guestEmailSchema.safeParse(rawEmail) : null;
  if (!email?.success) return { ok: false, reason: "noEmail" };
  const name = [firstText(attributes, map.firstName), firstText(attributes, map.lastName)].filter(Boolean).join(" ").slice(0, 200) || undefined;
  const rawPhone = firstText(attributes, map.phone);
  const phone = rawPhone ? (normalisePhone(rawPhone, input.countryCode) ?? undefined) : undefined;
  const ownedFields: SamlLogin["saml"]["ownedFields"] = ["email", ...(name ? (["name"] as const) : []), ...(phone ? (["phone"] as const) : [])];
  const copied = map.visitorDataNamespace
    ? Object.fromEntries(map.visitorDataAttributes.filter((a) => attributes[a] !== undefined).map((a) => [a, jsonValue(attributes[a])]))
    : {};
  return {
    ok: true,
    emailNormalized: normaliseEmail(email.data),
    login: {
      email: email.data,
      ...(name ? { name } : {}),
      ...(phone ? { phone } : {}),
      saml: {
        issuer: input.issuer,
        nameId: input.nameId,
        nameIdFormat: input.nameIdFormat,
        ownedFields,
        visitorData: Object.keys(copied).length > 0 ? { [map.visitorDataNamespace]: copied } : {},
      },
    },
  };
}
