// Sponsors' data-processing agreements end on a date. At read time the portal already stops
// offering an expired sponsor (sponsorVisibility, and liveConsentWording drops it from cached
// wording at the instant of expiry). This job then records the lapse: dpa_lapsed_at is set,
// which bumps the venue's content version (the sponsor trigger), so every cache keyed by it
// (wording, delivery recipients) is read afresh, and an audit entry says when it lapsed.
// Admins are told 30 days before (dpaNotices, the staff overview and the venue page).
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbTx } from "@/lib/db/client";

export const dpaExpiryJobActor = "the DPA expiry job";
export const dpaNoticeDays = 30;

/** Marks every agreement whose expiry day has begun (UTC) as lapsed, once. Returns how many. */
export async function lapseExpiredDpas(db: Db, now: Date = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const lapsed = await tx.$queryRaw<{ id: string; venueId: string; name: string; dpaReference: string | null; dpaExpiresAt: Date }[]>`
      UPDATE sponsor SET dpa_lapsed_at = ${now}
      WHERE dpa_expires_at IS NOT NULL AND dpa_lapsed_at IS NULL AND dpa_expires_at <= (${now}::timestamptz AT TIME ZONE 'UTC')::date
      RETURNING id, venue_id AS "venueId", name, dpa_reference AS "dpaReference", dpa_expires_at AS "dpaExpiresAt"`;
    for (const sponsor of lapsed) {
      await recordAudit(tx, {
        actorId: null,
        actorDescription: dpaExpiryJobActor,
        action: "sponsor.dpaLapsed",
        entityType: "sponsor",
        entityId: sponsor.id,
        before: { offered: true },
        after: { venueId: sponsor.venueId, name: sponsor.name, dpaReference: sponsor.dpaReference, dpaExpiresAt: sponsor.dpaExpiresAt.toISOString().slice(0, 10), offered: false, lapsedAt: now.toISOString() },
      });
    }
    return lapsed.length;
  });
}

export interface DpaNotice {
  sponsorId: string;
  sponsorName: string;
  venueId: string;
  venueName: string;
  dpaReference: string | null;
  expiresOn: string;
  /** "expiring": within the notice period; "expired": guests are no longer offered it. */
  state: "expiring" | "expired";
}

/** Active sponsors whose agreement expires within 30 days or has expired, soonest first (optionally one venue's). */
export async function dpaNotices(db: DbTx, options: { now?: Date; venueId?: string } = {}): Promise<DpaNotice[]> {
  const now = options.now ?? new Date();
  const horizon = new Date(now.getTime() + dpaNoticeDays * 86_400_000);
  const sponsors = await db.sponsor.findMany({
    where: { active: true, dpaReference: { not: null }, dpaExpiresAt: { not: null, lte: horizon }, ...(options.venueId ? { venueId: options.venueId } : {}) },
    orderBy: [{ dpaExpiresAt: "asc" }, { name: "asc" }],
    select: { id: true, name: true, dpaReference: true, dpaExpiresAt: true, venue: { select: { id: true, name: true } } },
  });
  return sponsors.map((s) => ({
    sponsorId: s.id,
    sponsorName: s.name,
    venueId: s.venue.id,
    venueName: s.venue.name,
    dpaReference: s.dpaReference,
    expiresOn: s.dpaExpiresAt!.toISOString().slice(0, 10),
    state: s.dpaExpiresAt!.getTime() <= now.getTime() ? "expired" : "expiring",
  }));
}
