// The delivery worker: drains one connector's outbox. It sends micro-batches (full, or once the
// oldest record has waited the connector's batch window), applies the consent gate again right
// before every send, and turns the vendor's answer into bookkeeping: per-item results, the
// vendor's rate limits and Retry-After, backoff with full jitter, dead letters, and pausing a
// connector whose credentials are refused instead of burning retries. pg-boss runs one drain
// per connector at a time (lib/jobs/delivery-drain-work.ts); the outbox leases make even an
// overlapping drain skip what another holds.
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { backoffMs, maxAttempts } from "./backoff";
import type { BatchOutcome, Connector, ConnectorContext, DeliveryItem, ItemOutcome } from "./connector";
import { mayReceive, recordFor } from "./consent-gate";
import { loadConnector, saveConnectorSecrets, stopConnector, updateConnectorPace, type SecretStore, type StoredConnector } from "./connector-store";
import { connectorRegistry } from "./connectors/registry";
import { eraseBatch, eraseWhatArrivedAfterErasure } from "./erase-batch";
import { erasureSubjectBox, type ErasureSubjectBox } from "./erasure-subject";
import { claimBatch, dueSummary, leaseMs as defaultLeaseMs, loadBatchGuests, recordOperations, settle, type ClaimedItem, type Settlement } from "./outbox";

export interface DrainOptions {
  db: Db;
  secrets: SecretStore;
  /** The network, for connectors (tests point connectors at contract servers through settings, not here). */
  fetch?: typeof fetch;
  now?: () => Date;
  random?: () => number;
  /** How long claimed items stay the drain's own (longer than any vendor call). */
  leaseMs?: number;
  /** A drain hands the worker slot back after this long, and is queued again at once. */
  budgetMs?: number;
  registry?: Partial<Record<string, Connector>>;
  /** Opens erasures' sealed subjects (default: PORTICO_SECRET_KEY, read when first needed). */
  subjects?: ErasureSubjectBox;
}

export type DrainStop =
  /** Nothing is pending. */
  | "empty"
  /** Pending items are not due yet (backoff, or a batch still filling). */
  | "waiting"
  /** The vendor asked to wait. */
  | "throttled"
  /** The vendor did not answer; the connector backs off. */
  | "unavailable"
  /** Paused or disabled (by staff, or by refused credentials or a gone endpoint). */
  | "stopped"
  /** The connector no longer exists. */
  | "missing"
  /** Out of time for this run; more is due now. */
  | "budget";

export interface DrainReport {
  connectorId: string;
  calls: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  stop: DrainStop;
  /** When the drain should run again, if at all (null: nothing pending, or the connector is stopped). */
  nextRunAt: Date | null;
}

const defaultBudgetMs = 30_000;

/** Sends every due item of one connector, batch by batch, until nothing is due or the budget is spent. */
export async function drainConnector(options: DrainOptions, connectorId: string): Promise<DrainReport> {
  const now = options.now ?? (() => new Date());
  const started = now().getTime();
  const report: DrainReport = { connectorId, calls: 0, sent: 0, retried: 0, failed: 0, skipped: 0, stop: "empty", nextRunAt: null };
  const finish = (stop: DrainStop, nextRunAt: Date | null): DrainReport => Object.assign(report, { stop, nextRunAt });

  for (;;) {
    const stored = await loadConnector(options.db, connectorId);
    if (!stored) return finish("missing", null);
    if (stored.status !== "ACTIVE") return finish("stopped", null);
    const registry: Partial<Record<string, Connector>> = options.registry ?? connectorRegistry;
    const connector = registry[stored.kind];
    if (!connector) {
      await stopConnector(options.db, stored.id, "PAUSED", `This Portico has no connector of kind "${stored.kind}".`);
      return finish("stopped", null);
    }
    const at = now();
    if (stored.sendAfter && stored.sendAfter > at) return finish("throttled", stored.sendAfter);

    const batchSize = connector.maxBatchSize;
    const due = await dueSummary(options.db, stored.id, at, batchSize);
    if (due.due === 0) return finish(due.nextDueAt ? "waiting" : "empty", due.nextDueAt);
    // Micro-batching: a batch goes when it is full, when it carries retries, or once its oldest
    // record has waited the connector's window.
    const fillBy = due.oldestCreatedAt ? new Date(due.oldestCreatedAt.getTime() + stored.batchWaitSeconds * 1000) : at;
    if (due.due < batchSize && !due.anyRetry && fillBy > at) return finish("waiting", fillBy);
    if (at.getTime() - started > (options.budgetMs ?? defaultBudgetMs)) return finish("budget", at);

    const claimed = await claimBatch(options.db, stored.id, at, batchSize, options.leaseMs ?? defaultLeaseMs);
    if (claimed.length === 0) continue;
    const stop = await sendBatch(options, stored, connector, claimed, report);
    if (stop) return finish(stop.stop, stop.nextRunAt);
  }
}

interface BatchStop {
  stop: DrainStop;
  nextRunAt: Date | null;
}

async function sendBatch(options: DrainOptions, stored: StoredConnector, connector: Connector, claimed: ClaimedItem[], report: DrainReport): Promise<BatchStop | null> {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const { db } = options;
  // Erasures and withdrawals are not sends of data: no consent gate, one vendor call each (./erase-batch.ts).
  const erasures = claimed.filter((item) => item.operation === "erase" || item.operation === "withdraw");
  // A rectification sends the (corrected) record as an upsert does, through the same gate.
  const upserts = claimed.filter((item) => recordOperations.includes(item.operation));
  const guests = await loadBatchGuests(db, stored.id, upserts);

  // The consent gate again, on the ledger as it is now: a withdrawal or erasure since the outbox
  // row was written stops the send.
  const recipient = { connectorId: stored.id, purposeId: stored.purposeId, purposeKind: stored.purposeKind, purposeKey: stored.purposeKey };
  const settlements: Settlement[] = [];
  const items: DeliveryItem[] = [];
  const attemptsById = new Map<string, number>();
  for (const item of upserts) {
    const guest = guests.get(item.deliveryId);
    if (!guest || !mayReceive(recipient, guest.ledger)) {
      const reason = !guest || guest.ledger.erased ? "The guest's data was erased before it was sent." : "The guest withdrew this consent before it was sent.";
      settlements.push({ deliveryId: item.deliveryId, status: "SKIPPED", reason });
      continue;
    }
    attemptsById.set(item.deliveryId, item.attempts);
    items.push({ deliveryId: item.deliveryId, record: recordFor(recipient, guest.record, guest.purposeKinds), firstDelivery: !guest.deliveredBefore });
  }
  report.skipped += settlements.length;
  if (items.length === 0 && erasures.length === 0) {
    await settle(db, stored.id, settlements, null, now());
    return null;
  }

  // Read through the connector's own schemas: defaults a newer version added apply, and
  // settings or credentials it no longer accepts pause the connection instead of failing each batch.
  const vendor = readVendorConfig(connector, stored, options.secrets);
  if (!vendor.ok) {
    const waiting = [...items.map((item) => item.deliveryId), ...erasures.map((item) => item.deliveryId)];
    await settle(db, stored.id, [...settlements, ...waiting.map((deliveryId): Settlement => ({ deliveryId, status: "PENDING", attempted: false, nextAttemptAt: now() }))], null, now());
    await stopConnector(db, stored.id, "PAUSED", vendor.reason);
    logger.warn({ connectorId: stored.id, kind: stored.kind, reason: vendor.reason }, "connector paused: its configuration cannot be used");
    return { stop: "stopped", nextRunAt: null };
  }
  const context: ConnectorContext<unknown, unknown> = {
    settings: vendor.settings,
    secrets: vendor.secrets,
    fetch: options.fetch ?? fetch,
    saveSecrets: (secrets) => saveConnectorSecrets(db, options.secrets, stored.id, secrets),
    now,
  };
  if (erasures.length > 0) {
    options.subjects ??= erasureSubjectBox();
    const erased = await eraseBatch({ db, subjects: options.subjects, now, random }, stored, connector, context, erasures);
    report.calls += erased.calls;
    countSettlements(report, erased.settlements);
    if (erased.stop || items.length === 0) {
      // The upserts claimed with them wait, untouched, while the vendor asks to.
      const waitUntil = erased.stop?.nextRunAt ?? now();
      await settle(db, stored.id, [...settlements, ...items.map((item): Settlement => ({ deliveryId: item.deliveryId, status: "PENDING", attempted: false, nextAttemptAt: waitUntil }))], null, now());
      return erased.stop;
    }
  }
  const callStarted = now();
  const outcome = await deliverSafely(connector, context, items);
  const settledAt = now();
  report.calls += 1;

  const retryOrFail = (deliveryId: string, error: string, waitMs = 0): Settlement => {
    const attempts = (attemptsById.get(deliveryId) ?? 0) + 1;
    if (attempts >= maxAttempts) return { deliveryId, status: "FAILED", error: `Gave up after ${attempts} attempts: ${error}` };
    return { deliveryId, status: "PENDING", attempted: true, error, nextAttemptAt: new Date(settledAt.getTime() + backoffMs(attempts, random, waitMs)) };
  };
  const call = { startedAt: callStarted, durationMs: settledAt.getTime() - callStarted.getTime(), items: items.length, outcome: outcome.kind, delivered: 0, retried: 0, rejected: 0, error: null as string | null };
  let stop: BatchStop | null = null;

  switch (outcome.kind) {
    case "answered": {
      const answers = new Map<string, ItemOutcome>(outcome.items.map((answer) => [answer.deliveryId, answer]));
      const limitReached = outcome.rateLimit && outcome.rateLimit.remaining <= 0;
      const sendAfter = limitReached ? new Date(settledAt.getTime() + outcome.rateLimit!.resetAfterMs) : null;
      for (const item of items) {
        const answer = answers.get(item.deliveryId);
        if (answer?.result === "delivered") {
          settlements.push({ deliveryId: item.deliveryId, status: "SENT", fields: Object.keys(item.record).filter((field) => field !== "guestId"), ...(answer.externalId ? { externalId: answer.externalId } : {}) });
          call.delivered += 1;
        } else if (answer?.result === "rejected") {
          settlements.push({ deliveryId: item.deliveryId, status: "FAILED", error: answer.error });
          call.rejected += 1;
        } else if (answer?.result === "notSent") {
          // Held back under the vendor's limit, never offered to it: like a 429, no attempt is spent,
          // or a long burst would walk records through the backoff into dead letters.
          settlements.push({ deliveryId: item.deliveryId, status: "PENDING", attempted: false, error: answer.error, nextAttemptAt: sendAfter ?? settledAt });
          call.retried += 1;
        } else {
          settlements.push(retryOrFail(item.deliveryId, answer?.error ?? "The vendor's answer did not mention this record."));
          call.retried += 1;
        }
      }
      await updateConnectorPace(db, stored.id, { sendAfter, failureStreak: 0 });
      if (sendAfter) stop = { stop: "throttled", nextRunAt: sendAfter };
      break;
    }
    case "throttled": {
      // Nothing was taken and nothing is wrong with the records: they wait, and it costs them no attempt.
      const sendAfter = new Date(settledAt.getTime() + outcome.retryAfterMs);
      for (const item of items) settlements.push({ deliveryId: item.deliveryId, status: "PENDING", attempted: false, error: outcome.error, nextAttemptAt: sendAfter });
      call.error = outcome.error;
      call.retried = items.length;
      await updateConnectorPace(db, stored.id, { sendAfter, failureStreak: stored.failureStreak });
      stop = { stop: "throttled", nextRunAt: sendAfter };
      break;
    }
    case "unavailable": {
      for (const item of items) settlements.push(retryOrFail(item.deliveryId, outcome.error, outcome.retryAfterMs));
      call.error = outcome.error;
      call.retried = settlements.filter((s) => s.status === "PENDING").length;
      // The connector backs off as a whole, so the rest of the queue does not hammer a vendor that is down.
      const streak = stored.failureStreak + 1;
      const sendAfter = new Date(settledAt.getTime() + Math.max(1000, backoffMs(streak, random, outcome.retryAfterMs)));
      await updateConnectorPace(db, stored.id, { sendAfter, failureStreak: streak });
      stop = { stop: "unavailable", nextRunAt: sendAfter };
      break;
    }
    case "unauthorized":
    case "gone": {
      // Not the records' fault: they stay pending, untouched, for when staff fix the connector.
      for (const item of items) settlements.push({ deliveryId: item.deliveryId, status: "PENDING", attempted: false, error: outcome.error, nextAttemptAt: settledAt });
      call.error = outcome.error;
      const status = outcome.kind === "gone" ? "DISABLED" : "PAUSED";
      const reason = outcome.kind === "gone" ? `The endpoint answered that it is gone (${outcome.error}).` : `The vendor refused the credentials (${outcome.error}).`;
      await stopConnector(db, stored.id, status, reason);
      logger.warn({ connectorId: stored.id, kind: stored.kind, status, error: outcome.error }, "connector stopped by the vendor's answer");
      stop = { stop: "stopped", nextRunAt: null };
      break;
    }
  }

  await settle(db, stored.id, settlements, call, settledAt);
  countSettlements(report, settlements);
  const records = new Map(items.map((item) => [item.deliveryId, item.record]));
  const sent = settlements.flatMap((s) => (s.status === "SENT" && records.has(s.deliveryId) ? [{ ...pick(records.get(s.deliveryId)!), ...(s.externalId ? { externalId: s.externalId } : {}) }] : []));
  await eraseWhatArrivedAfterErasure(db, () => (options.subjects ??= erasureSubjectBox()), stored, sent);
  return stop;
}

const pick = (record: { guestId: string; email: string }) => ({ guestId: record.guestId, email: record.email });

function countSettlements(report: DrainReport, settlements: readonly Settlement[]): void {
  for (const s of settlements) {
    if (s.status === "SENT") report.sent += 1;
    else if (s.status === "FAILED") report.failed += 1;
    else if (s.status === "PENDING" && s.attempted) report.retried += 1;
  }
}

type VendorConfig = { ok: true; settings: unknown; secrets: unknown } | { ok: false; reason: string };

/** A connection's settings and credentials as its connector's schemas read them. */
export function readVendorConfig(connector: Connector, stored: StoredConnector, store: SecretStore): VendorConfig {
  const settings = connector.settingsSchema.safeParse(stored.settings ?? {});
  if (!settings.success) return { ok: false, reason: `Its settings are no longer valid (${settings.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`).join("; ")}). Open the connection and save its settings again.` };
  let opened: unknown;
  try {
    opened = store.open(stored.secrets, stored.id);
  } catch {
    return { ok: false, reason: "Its credentials cannot be opened with this server's PORTICO_SECRET_KEY (docs/SECRETS.md). Enter them again." };
  }
  const secrets = connector.secretsSchema.safeParse(opened);
  if (!secrets.success) return { ok: false, reason: "Its stored credentials are incomplete. Enter them again." };
  return { ok: true, settings: settings.data, secrets: secrets.data };
}

/** A connector that throws (a bug, an unexpected body) must not lose the batch: it counts as the vendor being unavailable. */
async function deliverSafely(connector: Connector, context: ConnectorContext<unknown, unknown>, items: DeliveryItem[]): Promise<BatchOutcome> {
  try {
    return await connector.deliver(context, items);
  } catch (error) {
    logger.error({ err: error, kind: connector.kind }, "connector failed while delivering");
    return { kind: "unavailable", error: `The ${connector.label} connector failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
  }
}

export { stopConnector } from "./connector-store";
