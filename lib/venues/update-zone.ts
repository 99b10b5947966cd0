import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Zone } from "@/lib/generated/prisma/client";

import { sameSnapshot, zoneSnapshot } from "./audit-snapshots";
import type { ZoneUpdateInput } from "./schemas";
import { duplicate, refusingDuplicates } from "./unique-violation";
import type { VenueActor } from "./venue-actor";
import { zoneForChange } from "./venue-for-change";

export async function updateZone(db: Db, actor: VenueActor, input: ZoneUpdateInput): Promise<Zone> {
  assertPermission(actor, "venues.manage");
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const current = await zoneForChange(tx, input.venueId, input.zoneId);
        const clash = await tx.zone.findUnique({ where: { venueId_slug: { venueId: current.venueId, slug: input.slug } } });
        if (clash && clash.id !== current.id) throw duplicate("slug", "zoneSlugTaken");

        const before = zoneSnapshot(current);
        if (sameSnapshot(before, zoneSnapshot({ ...current, slug: input.slug, name: input.name }))) return current;
        const zone = await tx.zone.update({ where: { id: current.id }, data: { slug: input.slug, name: input.name } });
        await recordAudit(tx, { actorId: actor.id, action: "zone.updated", entityType: "zone", entityId: zone.id, before, after: zoneSnapshot(zone), ip: actor.ip });
        return zone;
      }),
    { slug: ["zoneSlugTaken"] },
  );
}
