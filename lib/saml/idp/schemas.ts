// Inputs of the venue websites admin (Portico as SAML IdP), shared by the staff forms
// (zodResolver) and the server actions. English messages, like the rest of the staff area.
import { z } from "zod";

/** Guest fields a website may be given besides the email, which every response carries. */
export const profileAttributes = ["name", "phone", "locale", "consents"] as const;
export type ProfileAttribute = (typeof profileAttributes)[number];

/** A visitor-data namespace a website may be given, as stored in `attributes`: "visitorData:<namespace>". */
export const visitorDataAttributePrefix = "visitorData:";
const attributePattern = /^(?:name|phone|locale|consents|visitorData:[a-z][a-z0-9_-]{0,39})$/;

const id = z.uuid({ message: "Unknown record." });

/** A form's attribute checkboxes: none ticked, one or several. */
const attributeList = z.preprocess(
  (value) => (value === undefined || value === null || value === false ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().regex(attributePattern, "Not an attribute Portico can release.")).max(20, "At most 20 attributes."),
);

const httpUrl = z
  .string()
  .trim()
  .min(1, "Enter the website's Assertion Consumer Service URL.")
  .max(2048, "Use at most 2048 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, "Enter an http(s) address without a fragment, e.g. https://www.example.com/saml/acs.");

export const serviceProviderFields = z.object({
  venueId: id,
  name: z.string().trim().min(1, "Enter the website's name, as guests will see it.").max(200, "Use at most 200 characters."),
  entityId: z.string().trim().min(1, "Enter the website's SAML entity ID.").max(1024, "Use at most 1024 characters."),
  acsUrl: httpUrl,
  certificatePem: z.string().trim().max(20_000, "That is too long for one certificate.").optional().default(""),
  purposeId: id,
  attributes: attributeList,
});

export const serviceProviderSchema = serviceProviderFields;
export type ServiceProviderInput = z.infer<typeof serviceProviderSchema>;

export const serviceProviderUpdateSchema = serviceProviderFields.extend({ serviceProviderId: id });
export type ServiceProviderUpdateInput = z.infer<typeof serviceProviderUpdateSchema>;

export const serviceProviderRefSchema = z.object({ venueId: id, serviceProviderId: id });
export type ServiceProviderRef = z.infer<typeof serviceProviderRefSchema>;

export const venueRefSchema = z.object({ venueId: id });
export type VenueRef = z.infer<typeof venueRefSchema>;

/** The IdP-initiated "Continue to <website>" post from the success page. */
export const continueSchema = z.object({
  j: z.string().min(1).max(64),
  sp: z.uuid(),
});
