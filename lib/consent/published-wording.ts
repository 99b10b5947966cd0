import type { DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { sponsorOfferedUntil, sponsorVisibility } from "@/lib/venues/sponsor-visibility";
import type { ConsentPurposeKind } from "@/lib/generated/prisma/enums";

/** One consent box as a guest sees it: the purpose and the exact published wording version. */
export interface ShownConsent {
  purposeId: string;
  key: string;
  kind: ConsentPurposeKind;
  sponsorName: string | null;
  consentTextId: string;
  locale: string;
  version: number;
  body: string;
  sha256: string;
  /** A sponsor's box stops being offered at this instant (its DPA's expiry), cached or not. */
  offeredUntil?: Date | null;
}

/**
 * The boxes to show at a venue in a locale, in order. Each purpose shows its published
 * wording in that locale, else in the venue's default locale; a purpose with neither is not
 * shown. Sponsors appear only while active and with a data-processing agreement on file.
 */
export async function getPublishedConsentWording(
  db: DbTx,
  venue: { id: string; defaultLocale: string },
  locale: string,
  now: Date = new Date(),
): Promise<ShownConsent[]> {
  const purposes = await db.consentPurpose.findMany({
    where: { venueId: venue.id },
    orderBy: [{ position: "asc" }, { key: "asc" }],
    include: {
      sponsor: true,
      texts: { where: { status: "PUBLISHED", locale: { in: [locale, venue.defaultLocale] } } },
    },
  });

  const shown: ShownConsent[] = [];
  for (const purpose of purposes) {
    if (purpose.kind === "SPONSOR" && !isSponsorShowable(purpose.sponsor, now)) continue;
    const text = purpose.texts.find((t) => t.locale === locale) ?? purpose.texts.find((t) => t.locale === venue.defaultLocale);
    if (!text) continue;
    shown.push({
      purposeId: purpose.id,
      key: purpose.key,
      kind: purpose.kind,
      sponsorName: purpose.sponsor?.name ?? null,
      consentTextId: text.id,
      locale: text.locale,
      version: text.version,
      body: text.body,
      sha256: text.sha256,
      offeredUntil: purpose.kind === "SPONSOR" ? sponsorOfferedUntil(purpose.sponsor) : null,
    });
  }
  if (!shown.some((s) => s.kind === "TERMS")) {
    // Access without shown terms would record consent to nothing: refuse rather than guess.
    throw new DomainError("consentNotConfigured", `Venue ${venue.id} has no published terms wording`);
  }
  return shown;
}

/** A sponsor is offered to guests only while active and with an unexpired data-processing agreement on file. */
export function isSponsorShowable(sponsor: Parameters<typeof sponsorVisibility>[0] | null, now: Date = new Date()): boolean {
  return sponsor !== null && sponsorVisibility(sponsor, now).shown;
}

/** The boxes still on offer at `now`: a sponsor whose agreement expired since they were read is dropped. */
export function stillOffered(shown: readonly ShownConsent[], now: Date = new Date()): readonly ShownConsent[] {
  return shown.some((s) => s.offeredUntil && s.offeredUntil.getTime() <= now.getTime()) ? shown.filter((s) => !s.offeredUntil || s.offeredUntil.getTime() > now.getTime()) : shown;
}
