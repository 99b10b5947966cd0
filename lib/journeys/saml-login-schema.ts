// What the venue website's identity provider vouched for (lib/saml/sp), as the journey holds
// it until consent: the guest fields it sent, and the account it knows the guest by.
import { z } from "zod";

import { namespacePattern } from "@/lib/guests/visitor-data";

import { guestEmailSchema } from "./email-login-schema";

/** The guest fields a website can own (Portico's own forms then never overwrite them). */
export const samlOwnableFields = ["email", "name", "phone"] as const;

export const samlLoginSchema = z.object({
  email: guestEmailSchema,
  name: z.string().trim().max(200, "nameTooLong").optional(),
  /** E.164, already normalised by the attribute mapping. */
  phone: z.string().regex(/^\+[1-9]\d{1,14}$/, "phoneInvalid").optional(),
  saml: z.object({
    issuer: z.string().min(1).max(1024),
    nameId: z.string().min(1).max(1024),
    nameIdFormat: z.string().max(256).nullable(),
    ownedFields: z.array(z.enum(samlOwnableFields)),
    /** Attributes the venue maps into visitor data, by namespace. */
    visitorData: z.record(z.string().regex(namespacePattern), z.record(z.string(), z.unknown())),
  }),
});

export type SamlLogin = z.infer<typeof samlLoginSchema>;
