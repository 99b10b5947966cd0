import "server-only";

import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import type { Venue } from "@/lib/generated/prisma/client";
import { guestLocale } from "@/lib/i18n/guest-locale";
import { portalTranslator, type PortalTranslator } from "@/lib/i18n/portal-translator";
import { livePortalCopy } from "@/lib/portal-content";
import type { PortalCopyFields } from "@/lib/portal-copy";
import { findVenueBySlug } from "@/lib/venues/find-venue";

/** What every page of one venue's portal is drawn with: the venue, its live copy in the page's locale, and the interface text. */
export interface PortalFrame {
  venue: Venue;
  copy: PortalCopyFields;
  /** The content locale of the page. */
  locale: string;
  t: PortalTranslator;
}

/** The venue's frame for a page, or null when there is no such venue. */
export async function loadPortalFrame(venueSlug: string, chooseLocale: (venue: Venue) => string): Promise<PortalFrame | null> {
  let venue: Venue;
  try {
    venue = await findVenueBySlug(db, venueSlug);
  } catch (error) {
    if (isDomainError(error, "venueNotFound")) return null;
    throw error;
  }
  return venueFrame(venue, chooseLocale(venue));
}

/** The frame for a venue already read (e.g. with its journey): the copy comes from memory when it is still live. */
export async function venueFrame(venue: Venue, locale: string): Promise<PortalFrame> {
  return portalFrameFor(venue, await livePortalCopy(db, venue, locale), locale);
}

/** The frame for given copy: guests get the live copy; the staff preview passes a draft or an older version. */
export function portalFrameFor(venue: Venue, copy: PortalCopyFields, locale: string): PortalFrame {
  return { venue, copy, locale, t: portalTranslator(locale) };
}

/** The locale for a page before a journey exists: the guest's pick on the switcher, else their browser's. */
export function pageLocale(request: Request, requested: string | null): (venue: Venue) => string {
  return (venue) => guestLocale(venue, { requested, acceptLanguage: request.headers.get("accept-language") });
}
