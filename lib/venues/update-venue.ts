import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Venue } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";

import { queueVenueRebuild } from "./analytics-rebuild-queue";
import { sameSnapshot, venueSnapshot } from "./audit-snapshots";
import type { VenueUpdateInput } from "./schemas";
import { duplicate, refusingDuplicates } from "./unique-violation";
import type { VenueActor } from "./venue-actor";
import { assertDefaultLocaleOffered } from "./venue-rules";

export async function updateVenue(db: Db, actor: VenueActor, input: VenueUpdateInput): Promise<Venue> {
  assertPermission(actor, "venues.manage");
  assertDefaultLocaleOffered(input);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const current = await tx.venue.findUnique({ where: { id: input.venueId } });
        if (!current) throw new DomainError("venueGone");
        const clash = await tx.venue.findUnique({ where: { slug: input.slug } });
        if (clash && clash.id !== current.id) throw duplicate("slug", "venueSlugTaken");

        const data = {
          slug: input.slug,
          name: input.name,
          timezone: input.timezone,
          countryCode: input.countryCode,
          locales: [...new Set(input.locales)],
          defaultLocale: input.defaultLocale,
        };
        const before = venueSnapshot(current);
        if (sameSnapshot(before, venueSnapshot({ ...current, ...data }))) return current;

        const venue = await tx.venue.update({ where: { id: current.id }, data });
        // Its rollups are on the old clock: rebuilt by the job queue, asked for in this transaction.
        if (venue.timezone !== current.timezone) await queueVenueRebuild(db, tx, venue.id);
        await recordAudit(tx, {
          actorId: actor.id,
          action: "venue.updated",
          entityType: "venue",
          entityId: venue.id,
          before,
          after: venueSnapshot(venue),
          ip: actor.ip,
        });
        return venue;
      }),
    { slug: ["venueSlugTaken"] },
  );
}
