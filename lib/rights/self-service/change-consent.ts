// One click on "Manage my data": withdraw a consent, or give it again. Either is a new row in
// the append-only ledger (a withdrawal: granted false, method WITHDRAWAL, with the address,
// browser and the wording version shown), an event and an audit entry, in one transaction.
// A withdrawal also queues a 'withdraw' delivery for every connection of that purpose that
// was already sent the guest (each vendor's opt-out, lib/delivery/erase-batch.ts), and stops
// what is still waiting: the delivery worker's consent gate reads the ledger before each send.
import "server-only";

import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { erasureSubjectBox, type ErasureSubjectBox } from "@/lib/delivery/erasure-subject";
import { wakeDeliverySoon } from "@/lib/delivery/wake";
import { recordEvents } from "@/lib/events/record-event";
import { queueWithdrawals } from "@/lib/rights/queue-withdrawals";

import type { SelfServiceSession } from "./open-link";
import type { ConsentChange } from "./schemas";

export interface ChangeContext {
  ip: string | null;
  userAgent: string | null;
  now?: Date;
  subjects?: ErasureSubjectBox;
  /** Wake the delivery worker after the commit (default true). */
  wake?: boolean;
}

export type ConsentChangeResult =
  | { status: "withdrawn" | "granted"; withdrawals: { connectorId: string; deliveryId: string }[] }
  | { status: "unchanged" }
  /** The purpose is not one the guest decided on, or the wording is not that purpose's (live) wording. */
  | { status: "refused" };

/** The audit trail's words for who made a self-service change: the guest, proven by their email. */
export const selfServiceActor = (linkId: string) => ({ actorId: null, actorDescription: `the guest, through a "Manage my data" link (self-service link ${linkId})` });

export async function changeSelfServiceConsent(db: Db, session: SelfServiceSession, change: ConsentChange, context: ChangeContext): Promise<ConsentChangeResult> {
  const now = context.now ?? new Date();
  const granted = change.granted === "true";
  const subjects = context.subjects ?? erasureSubjectBox();
  const result = await db.$transaction(async (tx): Promise<ConsentChangeResult> => {
    const [guest] = await tx.$queryRaw<{ email: string | null }[]>`SELECT email FROM guest WHERE id = ${session.guestId}::uuid AND erased_at IS NULL FOR UPDATE`;
    if (!guest?.email) return { status: "refused" };
    const latest = await tx.consentRecord.findFirst({ where: { guestId: session.guestId, purposeId: change.purposeId }, orderBy: [{ recordedAt: "desc" }, { id: "desc" }], include: { purpose: true } });
    if (!latest || latest.purpose.kind === "TERMS") return { status: "refused" };
    if (latest.granted === granted) return { status: "unchanged" };
    const text = await tx.consentText.findFirst({ where: { id: change.consentTextId, purposeId: change.purposeId, ...(granted ? { status: "PUBLISHED" as const } : {}) } });
    if (!text) return { status: "refused" };

    await tx.consentRecord.create({
      data: { guestId: session.guestId, purposeId: change.purposeId, consentTextId: text.id, granted, method: granted ? "PORTAL" : "WITHDRAWAL", recordedAt: now, ip: context.ip, userAgent: context.userAgent?.slice(0, 512) ?? null },
    });
    const decision = { purpose: latest.purpose.key, granted, locale: text.locale, version: text.version, sha256: text.sha256 };
    await recordEvents(tx, [{ type: granted ? "consent.recorded" : "consent.withdrawn", venueId: latest.purpose.venueId, guestId: session.guestId, occurredAt: now, payload: { method: "selfService", decisions: [decision] } }]);

    const withdrawals = granted
      ? []
      : await queueWithdrawals(tx, subjects, {
          guestId: session.guestId,
          email: guest.email,
          purposeId: change.purposeId,
          consent: { purpose: latest.purpose.key, granted: false, wording: { locale: text.locale, version: text.version, sha256: text.sha256 }, recordedAt: now.toISOString() },
          now,
        });
    await recordAudit(tx, {
      ...selfServiceActor(session.linkId),
      action: granted ? "consent.grant" : "consent.withdraw",
      entityType: "guest",
      entityId: session.guestId,
      before: { purpose: latest.purpose.key, granted: latest.granted },
      after: { ...decision, withdrawalsQueued: withdrawals },
      ip: context.ip,
    });
    return { status: granted ? "granted" : "withdrawn", withdrawals };
  });
  if (result.status === "withdrawn" && context.wake !== false) wakeDeliverySoon(db, result.withdrawals.map((w) => w.connectorId));
  return result;
}
