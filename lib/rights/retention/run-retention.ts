// The daily retention run (a scheduled job, lib/jobs/retention-job.ts): events deleted and
// network details cleared per venue in one transaction, then each guest past every period
// erased through the erasure path (lib/rights/erase-guest.ts: the same columns, the same
// vendor erasures), one transaction per guest, signed "the retention job". One summary audit
// entry per run names the policies and the counts; it holds no personal data.
import "server-only";

import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { ErasureSubjectBox } from "@/lib/delivery/erasure-subject";
import { wakeDeliverySoon } from "@/lib/delivery/wake";
import { isDomainError } from "@/lib/errors";
import { eraseGuestInTransaction } from "@/lib/rights/erase-guest";

import { guestsToAnonymise, loadPolicies, noCounts, type RetentionCounts } from "./retention-plan";

export const retentionJobActor = "the retention job (venue retention policies)";

export interface RetentionRunResult extends RetentionCounts {
  venues: number;
}

export async function runRetention(db: Db, options: { now?: Date; subjects?: ErasureSubjectBox; wake?: boolean } = {}): Promise<RetentionRunResult> {
  const now = options.now ?? new Date();
  const policies = await loadPolicies(db);
  const totals = noCounts();
  if (policies.length === 0) return { venues: 0, ...totals };

  const perVenue: Record<string, Omit<RetentionCounts, "guests">> = {};
  await db.$transaction(async (tx) => {
    // The event log refuses deletes except in a transaction that says it is this job (migration 20261203050000).
    await tx.$executeRaw`SELECT set_config('portico.retention_delete', 'on', true)`;
    for (const policy of policies) {
      const counts = { events: 0, journeys: 0, accessSessions: 0 };
      if (policy.eventMonths !== null) {
        counts.events = await tx.$executeRaw`
          DELETE FROM event WHERE venue_id = ${policy.venueId}::uuid AND occurred_at < ${now}::timestamptz - make_interval(months => ${policy.eventMonths}::int)`;
      }
      if (policy.sessionMonths !== null) {
        counts.journeys = await tx.$executeRaw`
          UPDATE journey SET identity = NULL, client_mac = NULL, client_ip = NULL, original_url = NULL, gateway_params = '{}'::jsonb, ip = NULL, user_agent = NULL
          WHERE venue_id = ${policy.venueId}::uuid AND created_at < ${now}::timestamptz - make_interval(months => ${policy.sessionMonths}::int)
            AND (client_mac IS NOT NULL OR client_ip IS NOT NULL OR ip IS NOT NULL OR user_agent IS NOT NULL
                 OR original_url IS NOT NULL OR identity IS NOT NULL OR gateway_params <> '{}'::jsonb)`;
        counts.accessSessions = await tx.$executeRaw`
          UPDATE access_session SET client_mac = NULL, client_ip = NULL, error = NULL, updated_at = ${now}
          WHERE venue_id = ${policy.venueId}::uuid AND status IN ('ENDED', 'DENIED')
            AND created_at < ${now}::timestamptz - make_interval(months => ${policy.sessionMonths}::int)
            AND (client_mac IS NOT NULL OR client_ip IS NOT NULL OR error IS NOT NULL)`;
      }
      perVenue[policy.venueId] = counts;
      totals.events += counts.events;
      totals.journeys += counts.journeys;
      totals.accessSessions += counts.accessSessions;
    }
  });

  const connectorsToWake = new Set<string>();
  for (const { guestId } of await guestsToAnonymise(db, policies, now)) {
    try {
      const erasure = await db.$transaction((tx) =>
        eraseGuestInTransaction(tx, { actorId: null, actorDescription: retentionJobActor }, { guestId, reason: "Retention: no visit within the retention period of any venue the guest visited." }, { now, subjects: options.subjects }),
      );
      erasure.erasures.forEach((e) => connectorsToWake.add(e.connectorId));
      totals.guests += 1;
    } catch (error) {
      // Erased meanwhile (by staff, or a run on another process): nothing left to do for them.
      if (!isDomainError(error, "guestAlreadyErased") && !isDomainError(error, "guestGone")) throw error;
    }
  }

  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: null,
      actorDescription: retentionJobActor,
      action: "retention.run",
      entityType: "retention",
      entityId: now.toISOString().slice(0, 10),
      after: {
        at: now.toISOString(),
        policies: policies.map((p) => ({ venueId: p.venueId, guestMonths: p.guestMonths, eventMonths: p.eventMonths, sessionMonths: p.sessionMonths })),
        perVenue,
        totals: { ...totals },
      },
    }),
  );
  if (options.wake !== false) wakeDeliverySoon(db, [...connectorsToWake]);
  return { venues: policies.length, ...totals };
}
