// What Portico sends Brevo, decided without I/O: the connector's settings, the contact a guest
// record becomes (attributes by owner, list ids, or the double opt-in request), Brevo's
// x-sib-ratelimit-* headers as a hint for the worker, and which refusals are final.
import { z } from "zod";

import type { RateLimitHint } from "../connector";
import type { GuestRecord } from "../guest-record";

import { newsletterFieldSources, newsletterFieldValue } from "./newsletter-fields";

const attributeSchema = z.object({
  source: z.enum(newsletterFieldSources),
  /** A contact attribute that exists in the Brevo account, in capitals (FIRSTNAME, SMS…). */
  attribute: z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/, "A Brevo attribute name is written in capitals, like FIRSTNAME"),
  owner: z.enum(["portico", "vendor"]),
});

export const brevoSettingsSchema = z.object({
  /** The lists a consented guest joins (Contacts → Lists, the list's ID). */
  listIds: z.array(z.number().int().positive()).min(1).max(20),
  attributes: z.array(attributeSchema).max(30).default([{ source: "name", attribute: "FIRSTNAME", owner: "vendor" }]),
  /** Brevo's double opt-in: a new guest joins the lists only after clicking the template's link. */
  doubleOptIn: z.object({ templateId: z.number().int().positive(), redirectionUrl: z.url() }).optional(),
  /** Replaces https://api.brevo.com (a local contract server in tests). */
  baseUrl: z.url().optional(),
});

export const brevoSecretsSchema = z.object({
  apiKey: z
    .string()
    .trim()
    .regex(/^xkeysib-[A-Za-z0-9-]+$/, "A Brevo API key starts with xkeysib- (an SMTP key, xsmtpsib-, does not work here)"),
});

export type BrevoSettings = z.infer<typeof brevoSettingsSchema>;
export type BrevoSecrets = z.infer<typeof brevoSecretsSchema>;

/**
 * Contacts per deliver call. Each is one request (the only create-or-update endpoint that
 * answers per contact), and Brevo's contact endpoints allow 10 a second on general plans.
 */
export const contactsPerBatch = 50;

export function apiRoot(settings: Pick<BrevoSettings, "baseUrl">): string {
  return `${(settings.baseUrl ?? "https://api.brevo.com").replace(/\/+$/, "")}/v3`;
}

/** Attributes Portico owns always; vendor-owned ones only when it introduces the guest. */
export function attributesFor(record: GuestRecord, firstDelivery: boolean, settings: BrevoSettings): Record<string, string | number> {
  const attributes: Record<string, string | number> = {};
  for (const mapping of settings.attributes) {
    if (mapping.owner === "vendor" && !firstDelivery) continue;
    const value = newsletterFieldValue(record, mapping.source);
    if (value !== undefined) attributes[mapping.attribute] = value;
  }
  return attributes;
}

/**
 * Create-or-update (POST /v3/contacts with updateEnabled). emailBlacklisted is never sent, so
 * a contact who unsubscribed in Brevo stays unsubscribed.
 */
export function contactFor(record: GuestRecord, firstDelivery: boolean, settings: BrevoSettings): Record<string, unknown> {
  return { email: record.email, attributes: attributesFor(record, firstDelivery, settings), listIds: settings.listIds, updateEnabled: true };
}

/** POST /v3/contacts/doubleOptinConfirmation: Brevo mails the template; the lists follow the click. */
export function doubleOptInRequestFor(record: GuestRecord, settings: BrevoSettings & { doubleOptIn: NonNullable<BrevoSettings["doubleOptIn"]> }): Record<string, unknown> {
  return {
    email: record.email,
    attributes: attributesFor(record, true, settings),
    includeListIds: settings.listIds,
    templateId: settings.doubleOptIn.templateId,
    redirectionUrl: settings.doubleOptIn.redirectionUrl,
  };
}

/** Brevo's own count: x-sib-ratelimit-remaining calls left, x-sib-ratelimit-reset seconds to go. */
export function rateLimitOf(headers: Headers): RateLimitHint | undefined {
  const remaining = Number(headers.get("x-sib-ratelimit-remaining") ?? Number.NaN);
  const reset = Number(headers.get("x-sib-ratelimit-reset") ?? Number.NaN);
  if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return undefined;
  return { remaining, resetAfterMs: Math.max(0, Math.ceil(reset * 1000)) };
}

/**
 * Whether a contact Brevo refused is worth another try: 425 (too early, the contact is still
 * being processed) and an account still being set up are; an invalid address, a duplicate
 * (an SMS number another contact has), a list that does not exist are final.
 */
export function contactErrorResult(status: number, code: string | undefined): "rejected" | "retry" {
  if (status === 425 || code === "account_in_process") return "retry";
  if (status === 400 || status === 404) return "rejected";
  return "retry";
}
