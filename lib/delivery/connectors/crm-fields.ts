// What the CRM connectors (HubSpot, Salesforce) write onto a contact: the guest record's fields,
// some split (a name into first and last) or summarised (the consent decisions), each mapped to
// one vendor property with an owner. Pure: the connectors turn the values into their payloads.
import { z } from "zod";

import type { FieldOwner } from "../connector";
import type { ConsentFlag, GuestRecord } from "../guest-record";

/** The values a CRM property can be filled from. */
export const crmSources = [
  "guestId",
  "email",
  "firstName",
  "lastName",
  "fullName",
  "phone",
  "locale",
  "deviceType",
  "os",
  "connectedAt",
  "dwellMinutes",
  "visitCount",
  "venueName",
  "venueSlug",
  "zoneName",
  "zoneSlug",
  "marketingConsent",
  "marketingConsentAt",
  "marketingConsentWording",
  "consentSummary",
] as const;
export type CrmSource = (typeof crmSources)[number];

export type CrmValue = string | number | boolean;

export interface FieldMappingEntry {
  source: CrmSource;
  /** The vendor's internal property or field name (HubSpot `portico_visit_count`, Salesforce `Portico_Visit_Count__c`). */
  property: string;
  /** "portico": written on every delivery; "vendor": only when the contact is introduced (first delivery). */
  owner: FieldOwner;
}
export type FieldMapping = FieldMappingEntry[];

/** A field mapping as staff edit it: each property written from one source, once. */
export const fieldMappingSchema = z
  .array(
    z.object({
      source: z.enum(crmSources),
      property: z
        .string()
        .trim()
        .regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, "Use the property's internal name: letters, digits and underscores."),
      owner: z.enum(["portico", "vendor"]),
    }),
  )
  .max(50)
  .superRefine((entries, context) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const key = entry.property.toLowerCase();
      if (seen.has(key)) context.addIssue({ code: "custom", path: [index, "property"], message: `${entry.property} is mapped twice.` });
      seen.add(key);
    });
  });

/** The consent purpose a venue's own CRM is about (sponsors are "sponsor:<slug>"). */
export const marketingPurpose = "marketing";

/** "Ada King Lovelace" → first "Ada King", last "Lovelace"; a single word is a first name. */
export function splitName(name: string | undefined): { firstName?: string; lastName?: string } {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return {};
  if (words.length === 1) return { firstName: words[0] };
  return { firstName: words.slice(0, -1).join(" "), lastName: words.at(-1) };
}

/** The exact words a decision answered: "en v3 sha256:<hex>" (the hash proves which text it was). */
export function consentWording(flag: ConsentFlag): string {
  return `${flag.wording.locale} v${flag.wording.version} sha256:${flag.wording.sha256}`;
}

/** One line per decision, readable by a CRM user: what was asked, the answer, when, to which words. */
export function consentSummary(flags: ConsentFlag[]): string {
  return flags.map((flag) => `${flag.purpose}: ${flag.granted ? "granted" : "declined"} at ${flag.recordedAt} (wording ${consentWording(flag)})`).join("\n");
}

/** Every source's value for one guest; absent when the record does not carry it (withheld or unknown). */
export function crmSourceValues(record: GuestRecord): Partial<Record<CrmSource, CrmValue>> {
  const { firstName, lastName } = splitName(record.name);
  const marketing = record.consents.find((flag) => flag.purpose === marketingPurpose);
  const values: Partial<Record<CrmSource, CrmValue | undefined>> = {
    guestId: record.guestId,
    email: record.email,
    firstName,
    lastName,
    fullName: record.name?.trim() || undefined,
    phone: record.phone,
    locale: record.locale,
    deviceType: record.deviceType,
    os: record.os,
    connectedAt: record.connectedAt,
    dwellMinutes: record.dwellMinutes,
    visitCount: record.visitCount,
    venueName: record.venue.name,
    venueSlug: record.venue.slug,
    zoneName: record.zone?.name,
    zoneSlug: record.zone?.slug,
    marketingConsent: marketing?.granted,
    marketingConsentAt: marketing?.recordedAt,
    marketingConsentWording: marketing ? consentWording(marketing) : undefined,
    consentSummary: record.consents.length > 0 ? consentSummary(record.consents) : undefined,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<Record<CrmSource, CrmValue>>;
}

/**
 * The properties to write for one guest: portico-owned ones always, vendor-owned ones only when
 * `includeVendorOwned` (the contact is being introduced). A value the record does not carry is
 * left out, never sent as empty, so Portico never clears what the CRM holds.
 */
export function mappedValues(mapping: FieldMapping, record: GuestRecord, includeVendorOwned: boolean): Record<string, CrmValue> {
  const values = crmSourceValues(record);
  const properties: Record<string, CrmValue> = {};
  for (const entry of mapping) {
    if (entry.owner === "vendor" && !includeVendorOwned) continue;
    const value = values[entry.source];
    if (value !== undefined) properties[entry.property] = value;
  }
  return properties;
}

/** The items of one batch that name one contact. */
export interface ContactGroup<Item> {
  key: string;
  /** The newest visit's record. */
  record: GuestRecord;
  firstDelivery: boolean;
  items: Item[];
  deliveryIds: string[];
}

/**
 * Items of one batch that are the same contact (the same email twice in a burst) become one
 * input, since the vendors refuse a batch naming one record twice. The newest visit's record is
 * written; vendor-owned fields go with it if any of the items introduces the contact.
 */
export function groupByContact<Item extends { deliveryId: string; record: GuestRecord; firstDelivery: boolean }>(
  items: Item[],
  keyOf: (record: GuestRecord) => string,
): Array<ContactGroup<Item>> {
  const groups = new Map<string, ContactGroup<Item>>();
  for (const item of items) {
    const key = keyOf(item.record);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { key, record: item.record, firstDelivery: item.firstDelivery, items: [item], deliveryIds: [item.deliveryId] });
      continue;
    }
    group.items.push(item);
    group.deliveryIds.push(item.deliveryId);
    group.firstDelivery ||= item.firstDelivery;
    if (Date.parse(item.record.connectedAt) >= Date.parse(group.record.connectedAt)) group.record = item.record;
  }
  return [...groups.values()];
}

/**
 * The mapped properties that record one withdrawn decision: the marketing consent fields for the
 * venue's marketing, else the consent summary (a sponsor's connection knows only its own
 * decision, so its summary is that one line). Empty when the mapping records no consent at all.
 */
export function withdrawalValues(mapping: FieldMapping, withdrawn: ConsentFlag): Record<string, CrmValue> {
  const values: Partial<Record<CrmSource, CrmValue>> =
    withdrawn.purpose === marketingPurpose
      ? { marketingConsent: false, marketingConsentAt: withdrawn.recordedAt, marketingConsentWording: consentWording(withdrawn) }
      : { consentSummary: consentSummary([withdrawn]) };
  const properties: Record<string, CrmValue> = {};
  for (const entry of mapping) {
    const value = values[entry.source];
    if (value !== undefined) properties[entry.property] = value;
  }
  return properties;
}
