// An admin sets a venue's retention policy after seeing what it would change today (the dry
// run). The change is audited with those counts, and the record of processing reads it.
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import { loadPolicies, noCounts, retentionDryRun, withPolicy, type RetentionCounts, type VenuePolicy } from "./retention-plan";
import { retentionPolicySchema, type RetentionPolicyInput } from "./schemas";

/** What the venue's policy (or a proposed one) would change today, for the venue. */
export async function previewRetentionPolicy(db: Db, actor: Actor, input: RetentionPolicyInput, options: { now?: Date } = {}): Promise<RetentionCounts> {
  assertPermission(actor, "retention.manage");
  const proposed: VenuePolicy = retentionPolicySchema.parse(input);
  const { perVenue } = await retentionDryRun(db, withPolicy(await loadPolicies(db), proposed), options.now ?? new Date());
  return perVenue.get(proposed.venueId) ?? noCounts();
}

export async function getRetentionPolicy(db: Db, venueId: string) {
  return db.retentionPolicy.findUnique({ where: { venueId }, include: { updatedBy: { select: { email: true } } } });
}

export async function saveRetentionPolicy(db: Db, actor: Actor, input: RetentionPolicyInput, options: { now?: Date } = {}) {
  assertPermission(actor, "retention.manage");
  const policy = retentionPolicySchema.parse(input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const venue = await tx.venue.findUnique({ where: { id: policy.venueId }, select: { id: true } });
    if (!venue) throw new DomainError("venueGone");
    const before = await tx.retentionPolicy.findUnique({ where: { venueId: policy.venueId } });
    const periods = { guestMonths: policy.guestMonths, eventMonths: policy.eventMonths, sessionMonths: policy.sessionMonths };
    if (before && before.guestMonths === periods.guestMonths && before.eventMonths === periods.eventMonths && before.sessionMonths === periods.sessionMonths) {
      throw new DomainError("nothingChanged");
    }
    const { perVenue } = await retentionDryRun(tx, withPolicy(await loadPolicies(tx), policy), now);
    const saved = await tx.retentionPolicy.upsert({
      where: { venueId: policy.venueId },
      create: { venueId: policy.venueId, ...periods, updatedById: actor.id },
      update: { ...periods, updatedById: actor.id },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "retention.policy.update",
      entityType: "venue",
      entityId: policy.venueId,
      before: before ? { guestMonths: before.guestMonths, eventMonths: before.eventMonths, sessionMonths: before.sessionMonths } : null,
      after: { ...periods, wouldChangeToday: { ...(perVenue.get(policy.venueId) ?? noCounts()) } },
      ip: actor.ip ?? null,
    });
    return saved;
  });
}
