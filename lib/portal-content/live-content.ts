// What guests see of a venue (its published portal copy and consent wording) changes only
// when staff publish, yet every page needs it. It is kept in memory here, keyed by the venue's
// content_version, which database triggers bump in the same transaction as any change a guest
// could see (migration 20261202020000_venue_content_version). A page that has read the venue
// row therefore knows whether what is remembered is still live: a publish is visible on the
// very next page load, in every process, and staff code needs no cache calls of its own.
//
// Content is read after the version, so what is stored under a version is never older than
// that version (at worst newer, if a publish lands in between); nothing stale is ever served.
import { LRUCache } from "lru-cache";

import { getPublishedConsentWording, stillOffered, type ShownConsent } from "@/lib/consent/published-wording";
import type { DbTx } from "@/lib/db/client";
import { DomainError, isDomainError } from "@/lib/errors";
import { getPublishedPortalCopy } from "@/lib/portal-copy/published-copy";
import type { PortalCopyFields } from "@/lib/portal-copy/schemas";

/** The venue fields content depends on, with the version that says which content is live. */
export interface VersionedVenue {
  id: string;
  name: string;
  defaultLocale: string;
  contentVersion: number;
}

// Generous for a chain of venues in several languages; old versions simply age out.
const copies = new LRUCache<string, PortalCopyFields>({ max: 2000 });
const wordings = new LRUCache<string, readonly ShownConsent[] | "notConfigured">({ max: 2000 });

const keyOf = (venue: VersionedVenue, locale: string) => `${venue.id}:${venue.contentVersion}:${locale}`;

/** The venue's live portal copy in a locale (with its fallbacks, lib/portal-copy). */
export async function livePortalCopy(db: DbTx, venue: VersionedVenue, locale: string): Promise<PortalCopyFields> {
  const key = keyOf(venue, locale);
  const cached = copies.get(key);
  if (cached) return cached;
  const copy = await getPublishedPortalCopy(db, venue, locale);
  copies.set(key, copy);
  return copy;
}

/**
 * The consent boxes live at the venue in a locale (lib/consent). Throws `consentNotConfigured`
 * when there are no published terms, remembered too, so a misconfigured venue costs no query.
 */
export async function liveConsentWording(db: DbTx, venue: VersionedVenue, locale: string, now: Date = new Date()): Promise<readonly ShownConsent[]> {
  const key = keyOf(venue, locale);
  let wording = wordings.get(key);
  if (!wording) {
    try {
      wording = await getPublishedConsentWording(db, venue, locale, now);
    } catch (error) {
      if (!isDomainError(error, "consentNotConfigured")) throw error;
      wording = "notConfigured";
    }
    wordings.set(key, wording);
  }
  if (wording === "notConfigured") throw new DomainError("consentNotConfigured", `Venue ${venue.id} has no published terms wording`);
  // Time, not a staff change, ends a sponsor's agreement: checked on every read, so the box
  // goes at its expiry in every process, before the DPA expiry job bumps the content version.
  return stillOffered(wording, now);
}
