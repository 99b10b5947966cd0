import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";

import { zoneSnapshot } from "./audit-snapshots";
import type { ZoneDeleteInput } from "./schemas";
import type { VenueActor } from "./venue-actor";
import { zoneForChange } from "./venue-for-change";

/**
 * Removes a zone. Its access points stay registered without a zone, and past visits keep
 * their data without it (the schema sets both to null); the audit entry lists the access
 * points that lost their zone.
 */
export async function deleteZone(db: Db, actor: VenueActor, input: ZoneDeleteInput): Promise<void> {
  assertPermission(actor, "venues.manage");
  await db.$transaction(async (tx) => {
    const zone = await zoneForChange(tx, input.venueId, input.zoneId);
    const accessPoints = await tx.accessPoint.findMany({ where: { zoneId: zone.id }, select: { mac: true }, orderBy: { mac: "asc" } });
    await tx.zone.delete({ where: { id: zone.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "zone.deleted",
      entityType: "zone",
      entityId: zone.id,
      before: { ...zoneSnapshot(zone), accessPoints: accessPoints.map((ap) => ap.mac) },
      ip: actor.ip,
    });
  });
}
