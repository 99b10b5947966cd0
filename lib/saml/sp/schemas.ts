// The staff form for a venue's identity provider and the attribute mapping it stores. Shared
// by the form (zodResolver, in the browser: nothing server-side is imported here), the server
// actions and the domain functions.
import { z } from "zod";

import { checkboxInput } from "@/lib/forms/checkbox-input";

/** Big enough for a website's own metadata with a few certificates; a federation aggregate is not what staff paste. */
export const maxMetadataLength = 512 * 1024;

/** lib/guests/visitor-data.ts's namespace rule (that module is server-side; a test holds the two equal). */
export const visitorNamespacePattern = /^[a-z][a-z0-9_-]{0,39}$/;
const portalNamespace = "portal";

const attributeName = z.string().trim().max(256, "At most 256 characters.");

/** Which assertion attribute fills which guest field; blank means the website does not send it. */
export const attributeMapSchema = z.object({
  email: attributeName.min(1, "Name the attribute that carries the guest's email."),
  firstName: attributeName.default(""),
  lastName: attributeName.default(""),
  phone: attributeName.default(""),
  /** Attributes copied as they are into one namespace of the guest's visitor data. */
  visitorDataNamespace: z
    .string()
    .trim()
    .max(40)
    .refine((value) => value === "" || visitorNamespacePattern.test(value), "Lower-case letters, digits, - and _, starting with a letter.")
    .refine((value) => value !== portalNamespace, "\"portal\" is Portico's own namespace.")
    .default(""),
  visitorDataAttributes: z.array(attributeName.min(1)).max(50).default([]),
});

export type AttributeMap = z.infer<typeof attributeMapSchema>;

/** Typical names: eduPerson/LDAP style, which most website plugins (and SimpleSAMLphp) release. */
export const defaultAttributeMap: AttributeMap = {
  email: "email",
  firstName: "givenName",
  lastName: "sn",
  phone: "",
  visitorDataNamespace: "",
  visitorDataAttributes: [],
};

const lines = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : Array.isArray(value) ? value : []),
  z.array(attributeName.min(1)).max(50),
);

export const samlIdpFormSchema = z
  .object({
    venueId: z.uuid(),
    displayName: z.string().trim().min(1, "Name the website as guests know it.").max(100, "At most 100 characters."),
    metadataXml: z.string().trim().max(maxMetadataLength, "The metadata is larger than 512 KB.").default(""),
    metadataUrl: z
      .string()
      .trim()
      .max(2048)
      .refine((value) => value === "" || /^https?:\/\/\S+$/i.test(value), "An http(s) address.")
      .default(""),
    enabled: checkboxInput,
    signRequests: checkboxInput,
    attrEmail: attributeMapSchema.shape.email,
    attrFirstName: attributeName.default(""),
    attrLastName: attributeName.default(""),
    attrPhone: attributeName.default(""),
    visitorDataNamespace: attributeMapSchema.shape.visitorDataNamespace,
    visitorDataAttributes: lines,
  })
  .refine((input) => input.metadataXml !== "" || input.metadataUrl !== "", { path: ["metadataXml"], message: "Paste the metadata XML or give its address." });

export type SamlIdpFormInput = z.infer<typeof samlIdpFormSchema>;

export const samlVenueRefSchema = z.object({ venueId: z.uuid() });

export function attributeMapOf(input: SamlIdpFormInput): AttributeMap {
  return {
    email: input.attrEmail,
    firstName: input.attrFirstName,
    lastName: input.attrLastName,
    phone: input.attrPhone,
    visitorDataNamespace: input.visitorDataNamespace,
    visitorDataAttributes: input.visitorDataNamespace ? input.visitorDataAttributes : [],
  };
}
