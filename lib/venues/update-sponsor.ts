import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Sponsor } from "@/lib/generated/prisma/client";

import { sameSnapshot, sponsorSnapshot } from "./audit-snapshots";
import type { SponsorUpdateInput } from "./schemas";
import type { VenueActor } from "./venue-actor";
import { assertDpaPaired } from "./venue-rules";
import { sponsorForChange } from "./venue-for-change";

/**
 * Renames a sponsor, records or clears its data-processing agreement, or (de)activates it.
 * The slug stays: it names the sponsor's consent purpose, which consent records point at.
 */
export async function updateSponsor(db: Db, actor: VenueActor, input: SponsorUpdateInput): Promise<Sponsor> {
  assertPermission(actor, "venues.manage");
  assertDpaPaired(input);
  return db.$transaction(async (tx) => {
    const current = await sponsorForChange(tx, input.venueId, input.sponsorId);
    const data = { name: input.name, dpaReference: input.dpaReference, dpaSignedAt: input.dpaSignedAt, dpaExpiresAt: input.dpaExpiresAt === undefined ? current.dpaExpiresAt : input.dpaExpiresAt, active: input.active };
    const before = sponsorSnapshot(current);
    if (sameSnapshot(before, sponsorSnapshot({ ...current, ...data }))) return current;
    // A renewed (or removed) expiry date starts afresh: the DPA expiry job marks the next lapse.
    const expiryChanged = (current.dpaExpiresAt?.getTime() ?? null) !== (data.dpaExpiresAt?.getTime() ?? null);
    const sponsor = await tx.sponsor.update({ where: { id: current.id }, data: { ...data, ...(expiryChanged ? { dpaLapsedAt: null } : {}) } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sponsor.updated",
      entityType: "sponsor",
      entityId: sponsor.id,
      before,
      after: sponsorSnapshot(sponsor),
      ip: actor.ip,
    });
    return sponsor;
  });
}
