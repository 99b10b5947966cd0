// The outbox's SQL: what is due for a connector, taking a batch under a lease, the guests'
// records and ledger for that batch, and settling each item. Every statement is scoped to one
// connector; the delivery worker runs at most one drain per connector at a time (pg-boss
// "stately" queue), and leases with SKIP LOCKED keep even an overlapping drain from taking an
// item another holds.
import type { Db } from "@/lib/db/client";
import type { DeviceType } from "@/lib/generated/prisma/enums";

import type { LedgerState, PurposeKind } from "./consent-gate";
import type { ConsentFlag, GuestRecord } from "./guest-record";

/** How long a worker may hold items before another may take them (a crashed worker's come due again). */
export const leaseMs = 60_000;

export interface DueSummary {
  /** Items due now, counted up to the batch size. */
  due: number;
  /** When the oldest due item was written (micro-batching waits on it). */
  oldestCreatedAt: Date | null;
  /** Whether any due item has been tried before, or is an erasure or withdrawal (neither is held back to fill a batch). */
  anyRetry: boolean;
  /** The earliest time a not-yet-due item becomes due. */
  nextDueAt: Date | null;
}

export async function dueSummary(db: Db, connectorId: string, now: Date, batchSize: number): Promise<DueSummary> {
  const rows = await db.$queryRaw<{ due: number; oldest: Date | null; anyRetry: boolean; nextDue: Date | null }[]>`
    WITH due AS (
      SELECT created_at, attempts, operation FROM delivery
      WHERE connector_id = ${connectorId}::uuid AND status = 'PENDING' AND next_attempt_at <= ${now}
        AND (leased_until IS NULL OR leased_until < ${now})
      ORDER BY next_attempt_at, id LIMIT ${batchSize}
    )
    SELECT (SELECT count(*)::int FROM due) AS due, (SELECT min(created_at) FROM due) AS oldest,
           COALESCE((SELECT bool_or(attempts > 0 OR operation <> 'upsert') FROM due), false) AS "anyRetry",
           (SELECT min(GREATEST(next_attempt_at, COALESCE(leased_until, next_attempt_at))) FROM delivery
             WHERE connector_id = ${connectorId}::uuid AND status = 'PENDING'
               AND (next_attempt_at > ${now} OR leased_until >= ${now})) AS "nextDue"`;
  const row = rows[0]!;
  return { due: row.due, oldestCreatedAt: row.oldest, anyRetry: row.anyRetry, nextDueAt: row.nextDue };
}

/** The operations that send the guest's record (through the consent gate): a first send, and a corrected one. */
export const recordOperations: readonly string[] = ["upsert", "rectify"];

export interface ClaimedItem {
  deliveryId: string;
  guestId: string;
  visitId: string | null;
  attempts: number;
  /** "upsert" (send the guest), "rectify" (send them again, corrected), "erase" (have the vendor delete them) or "withdraw" (have it record an opt-out). */
  operation: string;
  /** An erasure's sealed subject (lib/delivery/erasure-subject.ts). */
  subject: Uint8Array | null;
}

/** Takes up to `batchSize` due items under a lease; items another worker holds are skipped, not waited for. */
export async function claimBatch(db: Db, connectorId: string, now: Date, batchSize: number, lease = leaseMs): Promise<ClaimedItem[]> {
  const rows = await db.$queryRaw<{ id: bigint; guestId: string; visitId: string | null; attempts: number; operation: string; subject: Uint8Array | null }[]>`
    UPDATE delivery SET leased_until = ${new Date(now.getTime() + lease)}
    WHERE id IN (
      SELECT id FROM delivery
      WHERE connector_id = ${connectorId}::uuid AND status = 'PENDING' AND next_attempt_at <= ${now}
        AND (leased_until IS NULL OR leased_until < ${now})
      ORDER BY next_attempt_at, id
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, guest_id AS "guestId", visit_id AS "visitId", attempts, operation, subject`;
  return rows.map((row) => ({ deliveryId: String(row.id), guestId: row.guestId, visitId: row.visitId, attempts: row.attempts, operation: row.operation, subject: row.subject }));
}

export interface BatchGuest {
  /** The record as Portico knows it; the consent gate trims it per recipient. */
  record: GuestRecord;
  ledger: LedgerState;
  /** The kind of each purpose the guest decided on, by purpose key (the gate trims consent flags by it). */
  purposeKinds: ReadonlyMap<string, PurposeKind>;
  /** Whether this connector has received this guest before (vendor-owned fields go only the first time). */
  deliveredBefore: boolean;
}

interface GuestRow {
  deliveryId: bigint;
  guestId: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  locale: string | null;
  visitCount: number;
  erased: boolean;
  connectedAt: Date | null;
  dwellSeconds: number | null;
  deviceType: DeviceType | null;
  os: string | null;
  venueSlug: string | null;
  venueName: string | null;
  zoneSlug: string | null;
  zoneName: string | null;
  deliveredBefore: boolean;
}

interface LedgerRow {
  guestId: string;
  purposeId: string;
  purposeKey: string;
  purposeKind: PurposeKind;
  granted: boolean;
  recordedAt: Date;
  locale: string;
  version: number;
  sha256: string;
}

/**
 * For each claimed item: the guest as Portico knows them now (profile, the consented visit,
 * its device and zone) and where they stand in the ledger (the newest decision per purpose,
 * with the wording it answered). Read at send time, so a withdrawal or an erasure since the
 * outbox row was written is seen.
 */
export async function loadBatchGuests(db: Db, connectorId: string, items: readonly ClaimedItem[]): Promise<Map<string, BatchGuest>> {
  const ids = items.map((item) => BigInt(item.deliveryId));
  const guests = await db.$queryRaw<GuestRow[]>`
    SELECT d.id AS "deliveryId", g.id AS "guestId", g.email, g.name, g.phone, g.locale, g.visit_count AS "visitCount",
           (g.erased_at IS NOT NULL) AS erased, v.connected_at AS "connectedAt", v.dwell_seconds AS "dwellSeconds",
           dev.device_type::text AS "deviceType", dev.os_family AS os, ven.slug AS "venueSlug", ven.name AS "venueName",
           z.slug AS "zoneSlug", z.name AS "zoneName",
           EXISTS (SELECT 1 FROM delivery p WHERE p.connector_id = ${connectorId}::uuid AND p.guest_id = d.guest_id
                   AND p.status = 'SENT' AND p.operation = 'upsert') AS "deliveredBefore"
    FROM delivery d
    JOIN guest g ON g.id = d.guest_id
    LEFT JOIN visit v ON v.id = d.visit_id
    LEFT JOIN device dev ON dev.id = v.device_id
    LEFT JOIN venue ven ON ven.id = v.venue_id
    LEFT JOIN zone z ON z.id = v.zone_id
    WHERE d.id = ANY (${ids}::bigint[])`;
  const guestIds = [...new Set(guests.map((g) => g.guestId))];
  const ledger = await db.$queryRaw<LedgerRow[]>`
    SELECT DISTINCT ON (r.guest_id, r.purpose_id)
           r.guest_id AS "guestId", r.purpose_id AS "purposeId", p.key AS "purposeKey", p.kind::text AS "purposeKind",
           r.granted, r.recorded_at AS "recordedAt", t.locale, t.version, t.sha256
    FROM consent_record r
    JOIN consent_purpose p ON p.id = r.purpose_id
    JOIN consent_text t ON t.id = r.consent_text_id
    WHERE r.guest_id = ANY (${guestIds}::uuid[])
    ORDER BY r.guest_id, r.purpose_id, r.recorded_at DESC, r.id DESC`;

  const byGuest = new Map<string, LedgerRow[]>();
  for (const row of ledger) byGuest.set(row.guestId, [...(byGuest.get(row.guestId) ?? []), row]);

  const result = new Map<string, BatchGuest>();
  for (const row of guests) {
    const decisions = byGuest.get(row.guestId) ?? [];
    const consents: ConsentFlag[] = decisions.map((d) => ({
      purpose: d.purposeKey,
      granted: d.granted,
      wording: { locale: d.locale, version: d.version, sha256: d.sha256 },
      recordedAt: d.recordedAt.toISOString(),
    }));
    const record: GuestRecord = {
      guestId: row.guestId,
      email: row.email ?? "",
      ...(row.name ? { name: row.name } : {}),
      ...(row.phone ? { phone: row.phone } : {}),
      ...(row.locale ? { locale: row.locale } : {}),
      ...(row.deviceType ? { deviceType: row.deviceType } : {}),
      ...(row.os ? { os: row.os } : {}),
      connectedAt: (row.connectedAt ?? new Date(0)).toISOString(),
      ...(row.dwellSeconds !== null ? { dwellMinutes: Math.round(row.dwellSeconds / 60) } : {}),
      visitCount: row.visitCount,
      venue: { slug: row.venueSlug ?? "", name: row.venueName ?? "" },
      ...(row.zoneSlug ? { zone: { slug: row.zoneSlug, name: row.zoneName ?? row.zoneSlug } } : {}),
      consents,
    };
    result.set(String(row.deliveryId), {
      record,
      ledger: { erased: row.erased || !row.email, latest: new Map(decisions.map((d) => [d.purposeId, d.granted])) },
      purposeKinds: new Map(decisions.map((d) => [d.purposeKey, d.purposeKind])),
      deliveredBefore: row.deliveredBefore,
    });
  }
  return result;
}

export type Settlement =
  | { deliveryId: string; status: "SENT"; externalId?: string; fields: string[] }
  | { deliveryId: string; status: "SKIPPED"; reason: string }
  | { deliveryId: string; status: "FAILED"; error: string }
  /** Not done yet: due again at `nextAttemptAt`; `attempted` says whether it counts as an attempt. */
  | { deliveryId: string; status: "PENDING"; nextAttemptAt: Date; attempted: boolean; error?: string };

/** One vendor call, for the health page. */
export interface CallRecord {
  startedAt: Date;
  durationMs: number;
  items: number;
  outcome: string;
  delivered: number;
  retried: number;
  rejected: number;
  error: string | null;
}

/** Writes each item's outcome, releases its lease and logs the call, in one statement. */
export async function settle(db: Db, connectorId: string, settlements: readonly Settlement[], call: CallRecord | null, now: Date): Promise<void> {
  const rows = settlements.map((s) => ({
    id: s.deliveryId,
    status: s.status,
    external_id: s.status === "SENT" ? (s.externalId?.slice(0, 200) ?? null) : null,
    fields: s.status === "SENT" ? s.fields : null,
    error: s.status === "FAILED" ? s.error : s.status === "SKIPPED" ? s.reason : s.status === "PENDING" ? (s.error ?? null) : null,
    next_attempt_at: s.status === "PENDING" ? s.nextAttemptAt.toISOString() : null,
    attempted: s.status !== "SKIPPED" && !(s.status === "PENDING" && !s.attempted),
  }));
  const calls = call
    ? [{ started_at: call.startedAt.toISOString(), duration_ms: call.durationMs, items: call.items, outcome: call.outcome, delivered: call.delivered, retried: call.retried, rejected: call.rejected, error: call.error?.slice(0, 1000) ?? null }]
    : [];
  await db.$executeRaw`
    WITH call AS (
      INSERT INTO delivery_call (connector_id, started_at, duration_ms, items, outcome, delivered, retried, rejected, error)
      SELECT ${connectorId}::uuid, c.started_at, c.duration_ms, c.items, c.outcome, c.delivered, c.retried, c.rejected, c.error
      FROM jsonb_to_recordset(${JSON.stringify(calls)}::jsonb)
           AS c(started_at timestamptz, duration_ms int, items int, outcome text, delivered int, retried int, rejected int, error text)
    )
    UPDATE delivery AS d SET
      status = u.status::delivery_status,
      attempts = d.attempts + CASE WHEN u.attempted THEN 1 ELSE 0 END,
      external_id = COALESCE(u.external_id, d.external_id),
      fields = COALESCE(u.fields, d.fields),
      last_error = CASE WHEN u.status = 'SENT' THEN NULL ELSE COALESCE(u.error, d.last_error) END,
      next_attempt_at = COALESCE(u.next_attempt_at, d.next_attempt_at),
      leased_until = NULL,
      -- An erasure's (or withdrawal's) sealed subject is kept only until the vendor confirmed it.
      subject = CASE WHEN u.status = 'SENT' AND d.operation <> 'upsert' THEN NULL ELSE d.subject END,
      delivered_at = CASE WHEN u.status = 'SENT' THEN ${now}::timestamptz ELSE d.delivered_at END,
      settled_at = CASE WHEN u.status IN ('SENT', 'FAILED', 'SKIPPED') THEN ${now}::timestamptz ELSE NULL END
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
         AS u(id bigint, status text, external_id text, fields varchar(32)[], error text, next_attempt_at timestamptz, attempted boolean)
    WHERE d.id = u.id AND d.connector_id = ${connectorId}::uuid`;
}
