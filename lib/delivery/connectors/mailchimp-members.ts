// What Portico sends Mailchimp, decided without I/O: the connector's settings, the member a
// guest record becomes (merge fields by owner, status_if_new, tags, signup evidence), how a
// member is addressed (subscriber hash, data center) and which per-member errors are final.
import { createHash } from "node:crypto";

import { z } from "zod";

import type { ConsentFlag, GuestRecord } from "../guest-record";

import { newsletterFieldSources, newsletterFieldValue } from "./newsletter-fields";

const mergeFieldSchema = z.object({
  source: z.enum(newsletterFieldSources),
  /** The audience's merge tag: upper case, at most 10 characters (FNAME, PHONE…). */
  tag: z.string().regex(/^[A-Z][A-Z0-9_]{0,9}$/, "A merge tag is upper case, starts with a letter and has at most 10 characters"),
  owner: z.enum(["portico", "vendor"]),
});

export const mailchimpSettingsSchema = z.object({
  /** The audience ("list") id from Audience → Settings → Audience name and defaults. */
  listId: z.string().trim().min(1).max(100),
  /** Mailchimp sends its confirmation email and the member stays pending until they click. */
  doubleOptIn: z.boolean().default(true),
  /** Marketing permission ids (GDPR fields) to enable for a guest who gave marketing consent. */
  marketingPermissionIds: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  mergeFields: z.array(mergeFieldSchema).max(30).default([{ source: "name", tag: "FNAME", owner: "vendor" }]),
  /** Tag each member with the venue's name. */
  tagWithVenue: z.boolean().default(true),
  /** Replaces https://<dc>.api.mailchimp.com (a local contract server in tests). */
  baseUrl: z.url().optional(),
});

export const mailchimpSecretsSchema = z.object({
  apiKey: z
    .string()
    .trim()
    .regex(/^[0-9a-z]+-[a-z]+[0-9]+$/i, "A Mailchimp API key ends with its data center, like …-us21"),
});

export type MailchimpSettings = z.infer<typeof mailchimpSettingsSchema>;
export type MailchimpSecrets = z.infer<typeof mailchimpSecretsSchema>;

/** Mailchimp's documented limit for one batch subscribe call. */
export const maxMembersPerCall = 500;

/** Mailchimp addresses a member by the MD5 hash of the lower-cased email address. */
export function subscriberHash(email: string): string {
  return createHash("md5").update(email.trim().toLowerCase()).digest("hex");
}

/** The data center an API key belongs to: the part after its last dash (`…-us21` → `us21`). */
export function datacenterOf(apiKey: string): string {
  const dc = apiKey.trim().split("-").pop() ?? "";
  if (!/^[a-z]+[0-9]+$/i.test(dc) || !apiKey.includes("-")) throw new Error("A Mailchimp API key ends with its data center, like …-us21");
  return dc.toLowerCase();
}

/** The API root every path is relative to. */
export function apiRoot(settings: Pick<MailchimpSettings, "baseUrl">, apiKey: string): string {
  const origin = settings.baseUrl?.replace(/\/+$/, "") ?? `https://${datacenterOf(apiKey)}.api.mailchimp.com`;
  return `${origin}/3.0`;
}

/** Mailchimp's language codes are ISO 639-1, plus a few regional ones. */
export function mailchimpLanguage(locale: string): string {
  const [language = "", region = ""] = locale.split(/[-_]/);
  const regional = `${language.toLowerCase()}_${region.toUpperCase()}`;
  return ["fr_CA", "pt_PT", "es_ES"].includes(regional) ? regional : language.toLowerCase();
}

/** The guest a member is made from (one per address in a batch). */
export interface MemberSource {
  record: GuestRecord;
  firstDelivery: boolean;
  consent: ConsentFlag;
}

export function memberFor(group: MemberSource, settings: MailchimpSettings): Record<string, unknown> {
  const { record, firstDelivery } = group;
  const mergeFields: Record<string, string | number> = {};
  for (const field of settings.mergeFields) {
    // A vendor-owned field introduces the guest once; after that the audience's copy wins.
    if (field.owner === "vendor" && !firstDelivery) continue;
    const value = newsletterFieldValue(record, field.source);
    if (value !== undefined) mergeFields[field.tag] = value;
  }
  const member: Record<string, unknown> = {
    email_address: record.email,
    // Only a new member takes this status; an existing one keeps theirs (unsubscribed stays unsubscribed).
    status_if_new: settings.doubleOptIn ? "pending" : "subscribed",
  };
  if (Object.keys(mergeFields).length > 0) member.merge_fields = mergeFields;
  if (settings.tagWithVenue) member.tags = [record.venue.name];
  if (firstDelivery) {
    // When and in which language the guest signed up: evidence of consent, set once.
    member.timestamp_signup = group.consent.recordedAt;
    if (record.locale) member.language = mailchimpLanguage(record.locale);
  }
  return member;
}

export interface MemberError {
  email_address?: string;
  error?: string;
  error_code?: string;
  field?: string;
  field_message?: string;
}

/**
 * Whether a member Mailchimp refused inside a batch answer is worth another try. Compliance
 * state (unsubscribed, bounced, under review), a fake or invalid address, a permanently deleted
 * ("forgotten") address and data that does not fit the audience's fields are final; signup
 * throttling is not; anything unknown is retried so the worker's attempt limit decides.
 */
export function memberErrorResult(error: MemberError): "rejected" | "retry" {
  const message = `${error.error ?? ""} ${error.field_message ?? ""}`;
  if (/signed up to a lot of lists|not allowing more signups|try again/i.test(message)) return "retry";
  if (/compliance state|fake or invalid|valid email|permanently deleted|re-import|already a list member|merge field/i.test(message)) return "rejected";
  if (error.field || error.error_code === "ERROR_CONTACT_EXISTS") return "rejected";
  return "retry";
}
