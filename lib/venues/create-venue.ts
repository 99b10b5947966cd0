import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Venue } from "@/lib/generated/prisma/client";

import { venueSnapshot } from "./audit-snapshots";
import type { VenueInput } from "./schemas";
import { duplicate, refusingDuplicates } from "./unique-violation";
import type { VenueActor } from "./venue-actor";
import { assertDefaultLocaleOffered } from "./venue-rules";

/** Every venue asks for the same two consents before any sponsor: its terms, then its own marketing. */
const venuePurposes = [
  { key: "terms", kind: "TERMS", position: 0 },
  { key: "marketing", kind: "MARKETING", position: 1 },
] as const;

/** A venue with its terms and marketing consent purposes, audited, in one transaction. */
export async function createVenue(db: Db, actor: VenueActor, input: VenueInput): Promise<Venue> {
  assertPermission(actor, "venues.manage");
  assertDefaultLocaleOffered(input);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        if (await tx.venue.findUnique({ where: { slug: input.slug } })) throw duplicate("slug", "venueSlugTaken");
        const venue = await tx.venue.create({
          data: {
            slug: input.slug,
            name: input.name,
            timezone: input.timezone,
            countryCode: input.countryCode,
            locales: [...new Set(input.locales)],
            defaultLocale: input.defaultLocale,
          },
        });
        await tx.consentPurpose.createMany({ data: venuePurposes.map((purpose) => ({ venueId: venue.id, ...purpose })) });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "venue.created",
          entityType: "venue",
          entityId: venue.id,
          after: { ...venueSnapshot(venue), consentPurposes: venuePurposes.map((p) => p.key) },
          ip: actor.ip,
        });
        return venue;
      }),
    { slug: ["venueSlugTaken"] },
  );
}
