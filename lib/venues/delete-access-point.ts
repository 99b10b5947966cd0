import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";

import { accessPointSnapshot } from "./audit-snapshots";
import type { AccessPointDeleteInput } from "./schemas";
import type { VenueActor } from "./venue-actor";
import { accessPointForChange } from "./venue-for-change";

/** Forgets an access point. Visits keep the MAC they were made through; only the registration goes. */
export async function deleteAccessPoint(db: Db, actor: VenueActor, input: AccessPointDeleteInput): Promise<void> {
  assertPermission(actor, "venues.manage");
  await db.$transaction(async (tx) => {
    const accessPoint = await accessPointForChange(tx, input.venueId, input.accessPointId);
    await tx.accessPoint.delete({ where: { id: accessPoint.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "access_point.deleted",
      entityType: "access_point",
      entityId: accessPoint.id,
      before: accessPointSnapshot(accessPoint),
      ip: actor.ip,
    });
  });
}
