import type { DbTx } from "@/lib/db/client";

import { portalCopyFieldsSchema, type PortalCopyFields } from "./schemas";

/** What a venue shows before marketing has published anything: plain, and still usable. */
function fallbackCopy(venueName: string): PortalCopyFields {
  return portalCopyFieldsSchema.parse({ headline: venueName });
}

/** The live copy for a locale, else the venue default locale's, else a neutral default. */
export async function getPublishedPortalCopy(
  db: DbTx,
  venue: { id: string; name: string; defaultLocale: string },
  locale: string,
): Promise<PortalCopyFields> {
  const copies = await db.portalCopy.findMany({
    where: { venueId: venue.id, status: "PUBLISHED", locale: { in: [locale, venue.defaultLocale] } },
  });
  const copy = copies.find((c) => c.locale === locale) ?? copies.find((c) => c.locale === venue.defaultLocale);
  const parsed = copy ? portalCopyFieldsSchema.safeParse(copy.fields) : null;
  return parsed?.success ? parsed.data : fallbackCopy(venue.name);
}
