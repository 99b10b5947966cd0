// The delivery health page's figures: per connection, what was delivered and what failed in
// the window, how long guests waited between consent and delivery, how deep the queue is and
// how old its oldest record, the dead letters with their errors, and calls per hour.
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { ConnectorStatus, ConsentPurposeKind } from "@/lib/generated/prisma/enums";

import type { Connector } from "../connector";
import { connectorRegistry } from "../connectors/registry";

export interface ConnectorHealth {
  id: string;
  name: string;
  kind: string;
  /** The vendor as staff know it ("HubSpot"); the kind itself when this Portico lacks the module. */
  vendor: string;
  venue: { id: string; name: string };
  purpose: { key: string; kind: ConsentPurposeKind };
  status: ConnectorStatus;
  statusReason: string | null;
  statusChangedAt: Date | null;
  /** The vendor asked to wait until then. */
  sendAfter: Date | null;
  /** In the window. */
  delivered: number;
  rejected: number;
  skipped: number;
  calls: number;
  /** Calls the vendor throttled, could not answer, or refused. */
  callErrors: number;
  /** Consent to delivery, over the records delivered in the window. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  callP95Ms: number | null;
  pending: number;
  oldestPendingAt: Date | null;
  deadLetters: number;
  lastCall: { at: Date; outcome: string; error: string | null } | null;
}

export interface HealthBucket {
  start: Date;
  delivered: number;
  rejected: number;
  callErrors: number;
}

export interface DeliveryHealth {
  since: Date;
  connectors: ConnectorHealth[];
  /** One bucket per hour of the window, oldest first. */
  hourly: HealthBucket[];
}

const vendors = connectorRegistry as Partial<Record<string, Connector>>;

export async function getDeliveryHealth(db: Db, actor: Actor, options: { now?: Date; hours?: number; venueId?: string } = {}): Promise<DeliveryHealth> {
  assertPermission(actor, "delivery.view");
  const now = options.now ?? new Date();
  const hours = options.hours ?? 24;
  const since = new Date(now.getTime() - hours * 3_600_000);
  const venueId = options.venueId ?? null;

  const rows = await db.$queryRaw<
    Array<Omit<ConnectorHealth, "vendor" | "venue" | "purpose" | "lastCall"> & {
      venueId: string;
      venueName: string;
      purposeKey: string;
      purposeKind: ConsentPurposeKind;
      lastCallAt: Date | null;
      lastOutcome: string | null;
      lastError: string | null;
    }>
  >`
    SELECT k.id, k.name, k.kind, k.status::text AS status, k.status_reason AS "statusReason", k.status_changed_at AS "statusChangedAt",
           k.send_after AS "sendAfter", v.id AS "venueId", v.name AS "venueName", p.key AS "purposeKey", p.kind::text AS "purposeKind",
           COALESCE(c.delivered, 0)::int AS delivered, COALESCE(c.rejected, 0)::int AS rejected, COALESCE(c.calls, 0)::int AS calls,
           COALESCE(c.errors, 0)::int AS "callErrors", c.p95 AS "callP95Ms",
           (SELECT count(*)::int FROM delivery d WHERE d.connector_id = k.id AND d.status = 'SKIPPED' AND d.settled_at >= ${since}) AS skipped,
           lat.p50 AS "latencyP50Ms", lat.p95 AS "latencyP95Ms",
           q.pending, q.oldest AS "oldestPendingAt",
           (SELECT count(*)::int FROM delivery d WHERE d.connector_id = k.id AND d.status = 'FAILED') AS "deadLetters",
           last.started_at AS "lastCallAt", last.outcome AS "lastOutcome", last.error AS "lastError"
    FROM connector k
    JOIN venue v ON v.id = k.venue_id
    JOIN consent_purpose p ON p.id = k.purpose_id
    LEFT JOIN LATERAL (
      SELECT sum(delivered) AS delivered, sum(rejected) AS rejected, count(*) FILTER (WHERE items > 0) AS calls,
             count(*) FILTER (WHERE outcome IN ('throttled', 'unavailable', 'unauthorized', 'gone')) AS errors,
             round(percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE items > 0))::int AS p95
      FROM delivery_call WHERE connector_id = k.id AND started_at >= ${since}
    ) c ON true
    LEFT JOIN LATERAL (
      SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::int AS p50, round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::int AS p95
      FROM (SELECT extract(epoch FROM (d.delivered_at - d.created_at)) * 1000 AS ms FROM delivery d
            WHERE d.connector_id = k.id AND d.delivered_at >= ${since}) t
    ) lat ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS pending, min(created_at) AS oldest FROM delivery d WHERE d.connector_id = k.id AND d.status = 'PENDING'
    ) q ON true
    LEFT JOIN LATERAL (
      SELECT started_at, outcome, error FROM delivery_call WHERE connector_id = k.id ORDER BY started_at DESC, id DESC LIMIT 1
    ) last ON true
    WHERE ${venueId}::uuid IS NULL OR k.venue_id = ${venueId}::uuid
    ORDER BY v.name, k.name, k.id`;

  const hourly = await db.$queryRaw<HealthBucket[]>`
    SELECT h.start, COALESCE(sum(c.delivered), 0)::int AS delivered, COALESCE(sum(c.rejected), 0)::int AS rejected,
           (count(c.id) FILTER (WHERE c.outcome IN ('throttled', 'unavailable', 'unauthorized', 'gone')))::int AS "callErrors"
    FROM generate_series(date_trunc('hour', ${since}::timestamptz) + interval '1 hour', date_trunc('hour', ${now}::timestamptz), interval '1 hour') AS h(start)
    LEFT JOIN delivery_call c ON c.started_at >= h.start AND c.started_at < h.start + interval '1 hour'
      AND (${venueId}::uuid IS NULL OR c.connector_id IN (SELECT id FROM connector WHERE venue_id = ${venueId}::uuid))
    GROUP BY h.start ORDER BY h.start`;

  return {
    since,
    hourly,
    connectors: rows.map(({ venueId: id, venueName, purposeKey, purposeKind, lastCallAt, lastOutcome, lastError, ...row }) => ({
      ...row,
      vendor: vendors[row.kind]?.label ?? row.kind,
      venue: { id, name: venueName },
      purpose: { key: purposeKey, kind: purposeKind },
      lastCall: lastCallAt ? { at: lastCallAt, outcome: lastOutcome ?? "", error: lastError } : null,
    })),
  };
}

export interface DeadLetter {
  id: string;
  connectorId: string;
  connectorName: string;
  guestId: string;
  email: string | null;
  attempts: number;
  error: string | null;
  createdAt: Date;
  settledAt: Date | null;
}

/** The newest dead letters (deliveries that failed for good), with the vendor's last word. */
export async function listDeadLetters(db: Db, actor: Actor, options: { connectorId?: string; limit?: number } = {}): Promise<DeadLetter[]> {
  assertPermission(actor, "delivery.view");
  const rows = await db.delivery.findMany({
    where: { status: "FAILED", connectorId: options.connectorId ?? { not: null } },
    orderBy: [{ settledAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 50,
    include: { guest: { select: { emailNormalized: true } }, connectorModel: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: String(row.id),
    connectorId: row.connectorId!,
    connectorName: row.connectorModel?.name ?? row.connector,
    guestId: row.guestId,
    email: row.guest.emailNormalized,
    attempts: row.attempts,
    error: row.lastError,
    createdAt: row.createdAt,
    settledAt: row.settledAt,
  }));
}

export interface GuestDelivery {
  id: string;
  /** "<kind>: <name>" as it was when the delivery was written. */
  connector: string;
  connectorId: string | null;
  operation: string;
  status: "PENDING" | "SENT" | "FAILED" | "SKIPPED";
  fields: string[];
  attempts: number;
  error: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  settledAt: Date | null;
  /** A settled erasure: whether the vendor deleted the person or never had them. */
  erasure: "erased" | "notFound" | null;
}

/** Where one guest's data went (or was to go), newest first. */
export async function listGuestDeliveries(db: Db, actor: Actor, guestId: string): Promise<GuestDelivery[]> {
  assertPermission(actor, "guests.view");
  const rows = await db.delivery.findMany({ where: { guestId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 200 });
  return rows.map((row) => ({
    id: String(row.id),
    connector: row.connector,
    connectorId: row.connectorId,
    operation: row.operation,
    status: row.status,
    fields: row.fields,
    attempts: row.attempts,
    error: row.lastError,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
    settledAt: row.settledAt,
    erasure: row.operation === "erase" && row.status === "SENT" && (row.externalId === "erased" || row.externalId === "notFound") ? row.externalId : null,
  }));
}
