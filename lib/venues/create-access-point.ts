import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { AccessPoint } from "@/lib/generated/prisma/client";

import { accessPointSnapshot } from "./audit-snapshots";
import type { AccessPointInput } from "./schemas";
import { duplicate, refusingDuplicates } from "./unique-violation";
import type { VenueActor } from "./venue-actor";
import { accessPointMac, assertZoneOfVenue, venueForChange } from "./venue-for-change";

/** Registers an access point under its MAC as stored: lower-case, colon-separated. */
export async function createAccessPoint(db: Db, actor: VenueActor, input: AccessPointInput): Promise<AccessPoint> {
  assertPermission(actor, "venues.manage");
  const mac = accessPointMac(input.mac);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const venue = await venueForChange(tx, input.venueId);
        await assertZoneOfVenue(tx, venue.id, input.zoneId);
        if (await tx.accessPoint.findUnique({ where: { venueId_mac: { venueId: venue.id, mac } } })) throw duplicate("mac", "macTaken");
        const accessPoint = await tx.accessPoint.create({ data: { venueId: venue.id, mac, name: input.name, zoneId: input.zoneId } });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "access_point.created",
          entityType: "access_point",
          entityId: accessPoint.id,
          after: accessPointSnapshot(accessPoint),
          ip: actor.ip,
        });
        return accessPoint;
      }),
    { mac: ["macTaken"] },
  );
}
