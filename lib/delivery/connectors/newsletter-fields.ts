// What the newsletter connectors (Mailchimp, Brevo) read from a guest record alike: the fields
// that fit a contact's attribute or merge field, each as a plain value, and the consent that let
// the record reach a newsletter at all.
import type { ConsentFlag, GuestRecord, GuestRecordField } from "../guest-record";

/** The GuestRecord fields that fit an attribute or merge field (email is the contact's address itself). */
export const newsletterFieldSources = ["name", "phone", "locale", "deviceType", "os", "connectedAt", "dwellMinutes", "visitCount", "venue", "zone"] as const satisfies readonly GuestRecordField[];
export type NewsletterFieldSource = (typeof newsletterFieldSources)[number];

export function newsletterFieldValue(record: GuestRecord, source: NewsletterFieldSource): string | number | undefined {
  switch (source) {
    case "venue":
      return record.venue.name;
    case "zone":
      return record.zone?.name;
    case "connectedAt":
      // YYYY-MM-DD: what a date field takes in both tools, and it reads well in a text one.
      return record.connectedAt.slice(0, 10);
    default:
      return record[source];
  }
}

/** The decision that let this record reach a newsletter: the venue's marketing, or the one sponsor's. */
export function marketingConsent(record: GuestRecord): ConsentFlag | undefined {
  return record.consents.find((flag) => flag.purpose === "marketing") ?? record.consents.find((flag) => flag.purpose.startsWith("sponsor:"));
}

/** A newsletter contact's key: the address as both tools compare it. */
export const contactEmail = (record: GuestRecord) => record.email.trim().toLowerCase();
