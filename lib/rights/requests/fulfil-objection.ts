// An objection (art. 21) answered: every consent the guest has given at any venue — marketing
// and each sponsor's — withdrawn, exactly as the guest could withdraw it themselves (a new
// ledger row with the wording they had agreed to, an event, and each system that was sent the
// guest told through its vendor's opt-out), and the request done, in one transaction. Art.
// 21(3): an objection to direct marketing is never weighed against the venue's interests.
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { erasureSubjectBox, type ErasureSubjectBox } from "@/lib/delivery/erasure-subject";
import { wakeDeliverySoon } from "@/lib/delivery/wake";
import { DomainError } from "@/lib/errors";
import { recordEvents } from "@/lib/events/record-event";
import type { RightsRequest } from "@/lib/generated/prisma/client";
import { queueWithdrawals, type QueuedWithdrawal } from "@/lib/rights/queue-withdrawals";

import { lockRequestToFulfil, markRequestDone } from "./answer-request";
import { fulfilObjectionRequestSchema, type FulfilObjectionRequestInput } from "./schemas";

interface GrantedDecision {
  purposeId: string;
  key: string;
  venueId: string;
  consentTextId: string;
  locale: string;
  version: number;
  sha256: string;
}

export interface ObjectionResult {
  request: RightsRequest;
  /** The purposes withdrawn (their keys), and the opt-outs queued. */
  withdrawn: string[];
  withdrawals: QueuedWithdrawal[];
}

export async function fulfilObjectionRequest(
  db: Db,
  actor: Actor,
  input: FulfilObjectionRequestInput,
  options: { now?: Date; subjects?: ErasureSubjectBox; wake?: boolean } = {},
): Promise<ObjectionResult> {
  assertPermission(actor, "requests.manage");
  const { requestId } = fulfilObjectionRequestSchema.parse(input);
  const now = options.now ?? new Date();
  const subjects = options.subjects ?? erasureSubjectBox();
  const result = await db.$transaction(async (tx) => {
    const request = await lockRequestToFulfil(tx, requestId, "OBJECTION");
    const [guest] = await tx.$queryRaw<{ email: string | null }[]>`SELECT email FROM guest WHERE id = ${request.guestId}::uuid AND erased_at IS NULL FOR UPDATE`;
    if (!guest?.email) throw new DomainError("guestAlreadyErased");

    // The latest decision per purpose, at every venue; the terms of use are not a consent.
    const granted = await tx.$queryRaw<GrantedDecision[]>`
      SELECT purpose_id AS "purposeId", key, venue_id AS "venueId", consent_text_id AS "consentTextId", locale, version, sha256
      FROM (
        SELECT DISTINCT ON (r.purpose_id) r.purpose_id, p.key, p.venue_id, r.consent_text_id, r.granted, t.locale, t.version, t.sha256
        FROM consent_record r JOIN consent_purpose p ON p.id = r.purpose_id JOIN consent_text t ON t.id = r.consent_text_id
        WHERE r.guest_id = ${request.guestId}::uuid AND p.kind <> 'TERMS'
        ORDER BY r.purpose_id, r.recorded_at DESC, r.id DESC
      ) latest
      WHERE granted
      ORDER BY venue_id, key`;

    const withdrawals: QueuedWithdrawal[] = [];
    for (const decision of granted) {
      await tx.consentRecord.create({
        data: { guestId: request.guestId, purposeId: decision.purposeId, consentTextId: decision.consentTextId, granted: false, method: "WITHDRAWAL", recordedAt: now, ip: actor.ip ?? null },
      });
      const wording = { locale: decision.locale, version: decision.version, sha256: decision.sha256 };
      withdrawals.push(
        ...(await queueWithdrawals(tx, subjects, {
          guestId: request.guestId,
          email: guest.email,
          purposeId: decision.purposeId,
          consent: { purpose: decision.key, granted: false, wording, recordedAt: now.toISOString() },
          now,
        })),
      );
    }
    const venues = [...new Set(granted.map((d) => d.venueId))];
    await recordEvents(
      tx,
      venues.map((venueId) => ({
        type: "consent.withdrawn" as const,
        venueId,
        guestId: request.guestId,
        occurredAt: now,
        payload: { method: "objection", requestId, decisions: granted.filter((d) => d.venueId === venueId).map((d) => ({ purpose: d.key, granted: false, locale: d.locale, version: d.version, sha256: d.sha256 })) },
      })),
    );

    const withdrawn = granted.map((d) => d.key);
    const outcome =
      withdrawn.length === 0
        ? "Objection upheld: the guest had no consent left to withdraw."
        : `Objection upheld: ${withdrawn.length === 1 ? "1 consent" : `${withdrawn.length} consents`} withdrawn (${withdrawn.join(", ")}); ${withdrawals.length === 1 ? "1 system" : `${withdrawals.length} systems`} told.`;
    if (withdrawn.length > 0) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "consent.withdraw",
        entityType: "guest",
        entityId: request.guestId,
        before: { granted: withdrawn },
        after: { granted: [], objectionRequest: requestId, withdrawalsQueued: withdrawals },
        ip: actor.ip ?? null,
      });
    }
    const updated = await markRequestDone(tx, actor, request, outcome, now);
    return { request: updated, withdrawn, withdrawals };
  });
  if (options.wake !== false && result.withdrawals.length > 0) wakeDeliverySoon(db, result.withdrawals.map((w) => w.connectorId));
  return result;
}
