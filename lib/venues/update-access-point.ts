import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { AccessPoint } from "@/lib/generated/prisma/client";

import { accessPointSnapshot, sameSnapshot } from "./audit-snapshots";
import type { AccessPointUpdateInput } from "./schemas";
import { duplicate, refusingDuplicates } from "./unique-violation";
import type { VenueActor } from "./venue-actor";
import { accessPointForChange, accessPointMac, assertZoneOfVenue } from "./venue-for-change";

export async function updateAccessPoint(db: Db, actor: VenueActor, input: AccessPointUpdateInput): Promise<AccessPoint> {
  assertPermission(actor, "venues.manage");
  const mac = accessPointMac(input.mac);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const current = await accessPointForChange(tx, input.venueId, input.accessPointId);
        await assertZoneOfVenue(tx, current.venueId, input.zoneId);
        const clash = await tx.accessPoint.findUnique({ where: { venueId_mac: { venueId: current.venueId, mac } } });
        if (clash && clash.id !== current.id) throw duplicate("mac", "macTaken");

        const data = { mac, name: input.name, zoneId: input.zoneId };
        const before = accessPointSnapshot(current);
        if (sameSnapshot(before, accessPointSnapshot({ ...current, ...data }))) return current;
        const accessPoint = await tx.accessPoint.update({ where: { id: current.id }, data });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "access_point.updated",
          entityType: "access_point",
          entityId: accessPoint.id,
          before,
          after: accessPointSnapshot(accessPoint),
          ip: actor.ip,
        });
        return accessPoint;
      }),
    { mac: ["macTaken"] },
  );
}
