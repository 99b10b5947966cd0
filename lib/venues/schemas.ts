// Inputs of the venue admin, shared by the forms (zodResolver) and the server actions. The
// staff area is in English, so messages are written for people, not translated codes.
import { getCountries } from "libphonenumber-js";
import { z } from "zod";

import { checkboxInput } from "@/lib/forms/checkbox-input";
import { optionalDateInput } from "@/lib/forms/date-input";

import { interfaceLocales } from "@/lib/i18n/locales";

const slug = z
  .string()
  .trim()
  .min(1, "Enter a slug.")
  .max(64, "Use at most 64 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, e.g. harbour-hotel.");

const name = z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");

const id = z.uuid({ message: "Unknown record." });

export const macFormatMessage = "Enter a MAC address like 00:11:22:33:44:55.";

/** Every IANA zone this server knows, plus "UTC", which Node lists only under its aliases. */
export function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone")];
}

/** Regions libphonenumber can read phone numbers for: the ISO 3166-1 alpha-2 codes a venue may use. */
export const countryCodes: readonly string[] = getCountries();

/** A form's locale checkboxes: none ticked, one ("en") or several (["en", "fr"]). */
const localeList = z.preprocess(
  (value) => (value === undefined || value === null || value === false ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(interfaceLocales, { message: "Portico's guest pages are not translated into that language." }))
    .min(1, "Offer at least one language."),
);

const venueFields = z.object({
  name,
  slug,
  timezone: z
    .string()
    .trim()
    .refine((zone) => timeZones().includes(zone), "Choose a time zone from the list, e.g. Europe/London."),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => countryCodes.includes(code), "Choose a country (ISO 3166-1 alpha-2, e.g. GB)."),
  locales: localeList,
  defaultLocale: z.string().trim().min(1, "Choose the default language."),
});

function defaultLocaleOffered(venue: { locales: string[]; defaultLocale: string }, ctx: z.RefinementCtx) {
  if (!venue.locales.includes(venue.defaultLocale)) {
    ctx.addIssue({ code: "custom", path: ["defaultLocale"], message: "The default language must be one of the languages offered." });
  }
}

export const venueSchema = venueFields.superRefine(defaultLocaleOffered);
export type VenueInput = z.infer<typeof venueSchema>;

export const venueUpdateSchema = venueFields.extend({ venueId: id }).superRefine(defaultLocaleOffered);
export type VenueUpdateInput = z.infer<typeof venueUpdateSchema>;

export const zoneSchema = z.object({ venueId: id, slug, name });
export type ZoneInput = z.infer<typeof zoneSchema>;

export const zoneUpdateSchema = zoneSchema.extend({ zoneId: id });
export type ZoneUpdateInput = z.infer<typeof zoneUpdateSchema>;

export const zoneDeleteSchema = z.object({ venueId: id, zoneId: id });
export type ZoneDeleteInput = z.infer<typeof zoneDeleteSchema>;

export const accessPointSchema = z.object({
  venueId: id,
  /**
   * As typed: the domain normalises and checks it with lib/devices' MAC rules, which need
   * node:crypto's neighbours and so stay out of the browser bundle.
   */
  mac: z.string().trim().min(1, "Enter the access point's MAC address.").max(32, macFormatMessage),
  name: z.string().trim().max(200, "Use at most 200 characters.").optional().transform((value) => value || null),
  /** "" is "no zone". */
  zoneId: z.union([id, z.literal("")]).optional().transform((value) => value || null),
});
export type AccessPointInput = z.infer<typeof accessPointSchema>;

export const accessPointUpdateSchema = accessPointSchema.extend({ accessPointId: id });
export type AccessPointUpdateInput = z.infer<typeof accessPointUpdateSchema>;

export const accessPointDeleteSchema = z.object({ venueId: id, accessPointId: id });
export type AccessPointDeleteInput = z.infer<typeof accessPointDeleteSchema>;

const sponsorFields = z.object({
  venueId: id,
  name,
  dpaReference: z.string().trim().max(200, "Use at most 200 characters.").optional().transform((value) => value || null),
  /** An <input type="date"> value; "" when left empty. */
  dpaSignedAt: optionalDateInput("Enter the date the agreement was signed.")
    // A day of slack: "today" somewhere east of UTC is still tomorrow in UTC.
    .refine((date) => date === null || date.getTime() <= Date.now() + 24 * 60 * 60 * 1000, "The signing date cannot be in the future."),
  /** The first day the agreement no longer covers ("" when it runs until ended by hand). */
  dpaExpiresAt: optionalDateInput("Enter the date the agreement expires."),
  active: checkboxInput,
});

/** A data-processing agreement is a reference and a signing date; one without the other is a typo, not a DPA. */
function dpaPaired(sponsor: { dpaReference: string | null; dpaSignedAt: Date | null; dpaExpiresAt: Date | null }, ctx: z.RefinementCtx) {
  if (sponsor.dpaReference && !sponsor.dpaSignedAt) {
    ctx.addIssue({ code: "custom", path: ["dpaSignedAt"], message: "Enter the date the agreement was signed, or clear the reference." });
  }
  if (!sponsor.dpaReference && sponsor.dpaSignedAt) {
    ctx.addIssue({ code: "custom", path: ["dpaReference"], message: "Enter the agreement's reference, or clear the date." });
  }
  if (sponsor.dpaExpiresAt && !sponsor.dpaReference) {
    ctx.addIssue({ code: "custom", path: ["dpaExpiresAt"], message: "An expiry date belongs to an agreement: enter its reference and signing date, or clear the expiry." });
  }
  if (sponsor.dpaExpiresAt && sponsor.dpaSignedAt && sponsor.dpaExpiresAt.getTime() <= sponsor.dpaSignedAt.getTime()) {
    ctx.addIssue({ code: "custom", path: ["dpaExpiresAt"], message: "The agreement must expire after the day it was signed." });
  }
}

export const sponsorSchema = sponsorFields.extend({ slug }).superRefine(dpaPaired);
/** Callers that predate DPA expiry may leave it out (a create then has none; an update keeps it). */
export type SponsorInput = Omit<z.infer<typeof sponsorSchema>, "dpaExpiresAt"> & { dpaExpiresAt?: Date | null };

/** A sponsor's slug names its consent purpose (`sponsor:<slug>`), so it is fixed once created. */
export const sponsorUpdateSchema = sponsorFields.extend({ sponsorId: id }).superRefine(dpaPaired);
export type SponsorUpdateInput = Omit<z.infer<typeof sponsorUpdateSchema>, "dpaExpiresAt"> & { dpaExpiresAt?: Date | null };
