// The delivery worker's 'erase' and 'withdraw' items (docs/RIGHTS.md): one vendor deletion, or
// one vendor opt-out, per item, with the subject opened from its sealed box. Not a send of data, so the consent gate does not apply;
// the vendor's answers are read as for upserts: done (erased, or it never had the person),
// throttled (wait, no attempt spent), unavailable (backoff, then a dead letter), credentials
// refused or endpoint gone (the connector stops and the item waits for staff).
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { backoffMs, maxAttempts } from "./backoff";
import type { Connector, ConnectorContext, EraseOutcome, WithdrawOutcome } from "./connector";
import { stopConnector, updateConnectorPace, type StoredConnector } from "./connector-store";
import type { ErasureSubject, ErasureSubjectBox } from "./erasure-subject";
import { settle, type CallRecord, type ClaimedItem, type Settlement } from "./outbox";

export interface EraseBatchResult {
  settlements: Settlement[];
  /** Set when the vendor's answer stops the drain: the unsent items are already settled as waiting. */
  stop: { stop: "throttled" | "unavailable" | "stopped"; nextRunAt: Date | null } | null;
  calls: number;
}

interface EraseBatchOptions {
  db: Db;
  subjects: ErasureSubjectBox;
  now: () => Date;
  random: () => number;
}

/** Erases each item in turn and settles them (one call record per vendor call). */
export async function eraseBatch(
  options: EraseBatchOptions,
  stored: StoredConnector,
  connector: Connector,
  context: ConnectorContext<unknown, unknown>,
  items: readonly ClaimedItem[],
): Promise<EraseBatchResult> {
  const { db, now, random } = options;
  const result: EraseBatchResult = { settlements: [], stop: null, calls: 0 };
  const retryOrFail = (item: ClaimedItem, error: string, at: Date, waitMs = 0): Settlement => {
    const attempts = item.attempts + 1;
    if (attempts >= maxAttempts) return { deliveryId: item.deliveryId, status: "FAILED", error: `Gave up after ${attempts} attempts: ${error}` };
    return { deliveryId: item.deliveryId, status: "PENDING", attempted: true, error, nextAttemptAt: new Date(at.getTime() + backoffMs(attempts, random, waitMs)) };
  };
  const waitUntouched = (rest: readonly ClaimedItem[], at: Date, error: string): Settlement[] =>
    rest.map((item) => ({ deliveryId: item.deliveryId, status: "PENDING", attempted: false, error, nextAttemptAt: at }));

  for (const [index, item] of items.entries()) {
    const subject = openSubject(options.subjects, item, stored.id);
    if (!subject.ok) {
      const settlement = retryOrFail(item, subject.error, now());
      await settle(db, stored.id, [settlement], null, now());
      result.settlements.push(settlement);
      continue;
    }
    if (item.operation === "withdraw" && !subject.subject.consent) {
      const settlement = retryOrFail(item, "This withdrawal's subject does not say which consent was withdrawn.", now());
      await settle(db, stored.id, [settlement], null, now());
      result.settlements.push(settlement);
      continue;
    }
    const started = now();
    const outcome = item.operation === "withdraw" ? await withdrawSafely(connector, context, item.guestId, subject.subject) : await eraseSafely(connector, context, subject.subject);
    const at = now();
    result.calls += 1;
    const done = outcome.kind === "notFound" || outcome.kind === "erased" || outcome.kind === "withdrawn" || outcome.kind === "notMapped";
    const call: CallRecord = { startedAt: started, durationMs: at.getTime() - started.getTime(), items: 1, outcome: done ? "answered" : outcome.kind, delivered: 0, retried: 0, rejected: 0, error: null };
    const rest = items.slice(index + 1);
    let settlements: Settlement[];
    switch (outcome.kind) {
      case "erased":
      case "notFound":
      case "withdrawn":
      case "notMapped":
        settlements = [{ deliveryId: item.deliveryId, status: "SENT", fields: [], externalId: outcome.kind }];
        call.delivered = 1;
        await updateConnectorPace(db, stored.id, { sendAfter: null, failureStreak: 0 });
        break;
      case "throttled": {
        const sendAfter = new Date(at.getTime() + outcome.retryAfterMs);
        settlements = waitUntouched([item, ...rest], sendAfter, outcome.error);
        Object.assign(call, { error: outcome.error, retried: 1 });
        await updateConnectorPace(db, stored.id, { sendAfter, failureStreak: stored.failureStreak });
        result.stop = { stop: "throttled", nextRunAt: sendAfter };
        break;
      }
      case "unavailable": {
        const streak = stored.failureStreak + 1;
        const sendAfter = new Date(at.getTime() + Math.max(1000, backoffMs(streak, random, outcome.retryAfterMs)));
        settlements = [retryOrFail(item, outcome.error, at, outcome.retryAfterMs), ...waitUntouched(rest, sendAfter, outcome.error)];
        Object.assign(call, { error: outcome.error, retried: settlements[0]!.status === "PENDING" ? 1 : 0 });
        await updateConnectorPace(db, stored.id, { sendAfter, failureStreak: streak });
        result.stop = { stop: "unavailable", nextRunAt: sendAfter };
        break;
      }
      case "unauthorized":
      case "gone": {
        settlements = waitUntouched([item, ...rest], at, outcome.error);
        call.error = outcome.error;
        const status = outcome.kind === "gone" ? "DISABLED" : "PAUSED";
        const reason = outcome.kind === "gone" ? `The endpoint answered that it is gone (${outcome.error}).` : `The vendor refused the credentials (${outcome.error}).`;
        await stopConnector(db, stored.id, status, reason);
        logger.warn({ connectorId: stored.id, kind: stored.kind, status, error: outcome.error }, "connector stopped by the vendor's answer to an erasure");
        result.stop = { stop: "stopped", nextRunAt: null };
        break;
      }
    }
    await settle(db, stored.id, settlements, call, at);
    result.settlements.push(...settlements);
    if (result.stop) break;
  }
  return result;
}

function openSubject(box: ErasureSubjectBox, item: ClaimedItem, connectorId: string): { ok: true; subject: ErasureSubject } | { ok: false; error: string } {
  if (!item.subject) return { ok: false, error: `This ${item.operation === "withdraw" ? "withdrawal" : "erasure"} has no subject to find the person by.` };
  try {
    return { ok: true, subject: box.open(item.subject, item.guestId, connectorId) };
  } catch {
    return { ok: false, error: "This erasure's subject cannot be opened with this server's PORTICO_SECRET_KEY (docs/SECRETS.md)." };
  }
}

/** A connector that throws must not lose the erasure: it counts as the vendor being unavailable. */
async function eraseSafely(connector: Connector, context: ConnectorContext<unknown, unknown>, subject: ErasureSubject): Promise<EraseOutcome> {
  try {
    return await connector.erase(context, subject);
  } catch (error) {
    logger.error({ err: error, kind: connector.kind }, "connector failed while erasing");
    return { kind: "unavailable", error: `The ${connector.label} connector failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
  }
}

/** The same for a withdrawal. */
async function withdrawSafely(connector: Connector, context: ConnectorContext<unknown, unknown>, guestId: string, subject: ErasureSubject): Promise<WithdrawOutcome> {
  try {
    return await connector.withdraw(context, { email: subject.email, externalIds: subject.externalIds, guestId, consent: subject.consent! });
  } catch (error) {
    logger.error({ err: error, kind: connector.kind }, "connector failed while recording a withdrawal");
    return { kind: "unavailable", error: `The ${connector.label} connector failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
  }
}

/**
 * A guest erased while their record was on its way to the vendor (claimed, sent, then settled
 * after the erasure committed): the erasure could not know this connection had them, so the
 * worker queues the deletion itself, sealed from the record it just sent. Skipped when an
 * erasure for this guest is already waiting here (it runs after this batch, by email too).
 */
export async function eraseWhatArrivedAfterErasure(
  db: Db,
  subjects: () => ErasureSubjectBox,
  stored: StoredConnector,
  sent: readonly { guestId: string; email: string; externalId?: string }[],
): Promise<string[]> {
  if (sent.length === 0) return [];
  const guestIds = [...new Set(sent.map((s) => s.guestId))];
  const erased = await db.$queryRaw<{ id: string }[]>`
    SELECT g.id FROM guest g
    WHERE g.id = ANY (${guestIds}::uuid[]) AND g.erased_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM delivery e WHERE e.guest_id = g.id AND e.connector_id = ${stored.id}::uuid AND e.operation = 'erase' AND e.status = 'PENDING')`;
  if (erased.length === 0) return [];
  const box = subjects();
  const rows = erased.map(({ id }) => {
    const mine = sent.filter((s) => s.guestId === id);
    const externalIds = [...new Set(mine.flatMap((s) => (s.externalId ? [s.externalId] : [])))];
    return { guest_id: id, subject: Buffer.from(box.seal({ email: mine[0]!.email, externalIds }, id, stored.id)).toString("hex") };
  });
  await db.$executeRaw`
    INSERT INTO delivery (guest_id, connector_id, connector, operation, status, subject)
    SELECT r.guest_id, ${stored.id}::uuid, ${`${stored.kind}: ${stored.name}`.slice(0, 64)}, 'erase', 'PENDING', decode(r.subject, 'hex')
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(guest_id uuid, subject text)`;
  // The upserts' vendor ids now live only in the sealed subject, as for any erased guest.
  await db.$executeRaw`
    UPDATE delivery SET external_id = NULL
    WHERE connector_id = ${stored.id}::uuid AND operation = 'upsert' AND guest_id = ANY (${erased.map((e) => e.id)}::uuid[]) AND external_id IS NOT NULL`;
  logger.info({ connectorId: stored.id, guests: erased.length }, "queued erasures for guests erased while their record was being sent");
  return erased.map((e) => e.id);
}
