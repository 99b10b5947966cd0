import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Zone } from "@/lib/generated/prisma/client";

import { zoneSnapshot } from "./audit-snapshots";
import { venueForChange } from "./venue-for-change";
import type { ZoneInput } from "./schemas";
import { duplicate, refusingDuplicates } from "./unique-violation";
import type { VenueActor } from "./venue-actor";

export async function createZone(db: Db, actor: VenueActor, input: ZoneInput): Promise<Zone> {
  assertPermission(actor, "venues.manage");
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const venue = await venueForChange(tx, input.venueId);
        if (await tx.zone.findUnique({ where: { venueId_slug: { venueId: venue.id, slug: input.slug } } })) throw duplicate("slug", "zoneSlugTaken");
        const zone = await tx.zone.create({ data: { venueId: venue.id, slug: input.slug, name: input.name } });
        await recordAudit(tx, { actorId: actor.id, action: "zone.created", entityType: "zone", entityId: zone.id, after: zoneSnapshot(zone), ip: actor.ip });
        return zone;
      }),
    { slug: ["zoneSlugTaken"] },
  );
}
