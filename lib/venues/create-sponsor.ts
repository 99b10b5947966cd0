import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Sponsor } from "@/lib/generated/prisma/client";

import { sponsorSnapshot } from "./audit-snapshots";
import type { SponsorInput } from "./schemas";
import { duplicate, refusingDuplicates } from "./unique-violation";
import type { VenueActor } from "./venue-actor";
import { assertDpaPaired } from "./venue-rules";
import { venueForChange } from "./venue-for-change";

/**
 * A sponsor and its consent purpose (`sponsor:<slug>`, after the venue's other purposes),
 * audited, in one transaction. Guests see it only once it has wording published, a
 * data-processing agreement on file and is active.
 */
export async function createSponsor(db: Db, actor: VenueActor, input: SponsorInput): Promise<Sponsor> {
  assertPermission(actor, "venues.manage");
  assertDpaPaired(input);
  const key = `sponsor:${input.slug}`;
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const venue = await venueForChange(tx, input.venueId);
        const taken =
          (await tx.sponsor.findUnique({ where: { venueId_slug: { venueId: venue.id, slug: input.slug } } })) ??
          (await tx.consentPurpose.findUnique({ where: { venueId_key: { venueId: venue.id, key } } }));
        if (taken) throw duplicate("slug", "sponsorSlugTaken");

        const sponsor = await tx.sponsor.create({
          data: {
            venueId: venue.id,
            slug: input.slug,
            name: input.name,
            dpaReference: input.dpaReference,
            dpaSignedAt: input.dpaSignedAt,
            dpaExpiresAt: input.dpaExpiresAt ?? null,
            active: input.active,
          },
        });
        const last = await tx.consentPurpose.aggregate({ where: { venueId: venue.id }, _max: { position: true } });
        const position = (last._max.position ?? -1) + 1;
        await tx.consentPurpose.create({ data: { venueId: venue.id, kind: "SPONSOR", key, sponsorId: sponsor.id, position } });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "sponsor.created",
          entityType: "sponsor",
          entityId: sponsor.id,
          after: { ...sponsorSnapshot(sponsor), consentPurpose: { key, position } },
          ip: actor.ip,
        });
        return sponsor;
      }),
    { slug: ["sponsorSlugTaken"] },
  );
}
