// What the guest sees on "Manage my data": per venue, each choice they made, with the exact
// words they answered (consent_record → consent_text), and, for an optional purpose they do
// not consent to now, the wording live today to agree to again.
import "server-only";

import { getPublishedConsentWording, type ShownConsent } from "@/lib/consent";
import type { Db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";
import type { ConsentMethod, ConsentPurposeKind } from "@/lib/generated/prisma/enums";

export interface WordingView {
  consentTextId: string;
  locale: string;
  version: number;
  body: string;
  sha256: string;
}

export interface PurposeChoice {
  purposeId: string;
  key: string;
  kind: ConsentPurposeKind;
  sponsorName: string | null;
  granted: boolean;
  method: ConsentMethod;
  recordedAt: Date;
  /** The words of the newest decision. */
  wording: WordingView;
  /** Live wording to grant again with, when the purpose is optional, not granted now and still offered. */
  grantWith: WordingView | null;
}

export interface VenueChoices {
  venueId: string;
  venueName: string;
  choices: PurposeChoice[];
}

const wordingOf = (text: { id: string; locale: string; version: number; body: string; sha256: string }): WordingView => ({ consentTextId: text.id, locale: text.locale, version: text.version, body: text.body, sha256: text.sha256 });

export async function guestConsentChoices(db: Db, guestId: string, locale: string): Promise<VenueChoices[]> {
  const records = await db.consentRecord.findMany({
    where: { guestId },
    orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    include: { consentText: true, purpose: { include: { sponsor: { select: { name: true } }, venue: { select: { id: true, name: true, defaultLocale: true, locales: true } } } } },
  });
  type VenueEntry = VenueChoices & { venue: { id: string; name: string; defaultLocale: string; locales: string[] }; positions: Map<string, number> };
  const venues = new Map<string, VenueEntry>();
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.purposeId)) continue;
    seen.add(record.purposeId);
    const { purpose } = record;
    const entry: VenueEntry = venues.get(purpose.venueId) ?? { venueId: purpose.venueId, venueName: purpose.venue.name, venue: purpose.venue, choices: [], positions: new Map() };
    venues.set(purpose.venueId, entry);
    entry.positions.set(purpose.id, purpose.position);
    entry.choices.push({
      purposeId: purpose.id,
      key: purpose.key,
      kind: purpose.kind,
      sponsorName: purpose.sponsor?.name ?? null,
      granted: record.granted,
      method: record.method,
      recordedAt: record.recordedAt,
      wording: wordingOf(record.consentText),
      grantWith: null,
    });
  }
  for (const entry of venues.values()) {
    const wantsLive = entry.choices.some((choice) => choice.kind !== "TERMS" && !choice.granted);
    const live = wantsLive ? await liveWording(db, entry.venue, locale) : [];
    for (const choice of entry.choices) {
      if (choice.kind === "TERMS" || choice.granted) continue;
      const shown = live.find((s) => s.purposeId === choice.purposeId);
      choice.grantWith = shown ? wordingOf({ id: shown.consentTextId, locale: shown.locale, version: shown.version, body: shown.body, sha256: shown.sha256 }) : null;
    }
    entry.choices.sort((a, b) => (entry.positions.get(a.purposeId) ?? 0) - (entry.positions.get(b.purposeId) ?? 0) || a.key.localeCompare(b.key));
  }
  return [...venues.values()].map(({ venueId, venueName, choices }) => ({ venueId, venueName, choices }));
}

async function liveWording(db: Db, venue: { id: string; defaultLocale: string; locales: string[] }, locale: string): Promise<ShownConsent[]> {
  try {
    return await getPublishedConsentWording(db, venue, venue.locales.includes(locale) ? locale : venue.defaultLocale);
  } catch (error) {
    if (isDomainError(error, "consentNotConfigured")) return [];
    throw error;
  }
}
