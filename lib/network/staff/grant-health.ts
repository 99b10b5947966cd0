// Grant health per gateway, for the delivery/health page: how many devices Portico asked each
// gateway to let on, how many it could not, and how long from the guest's tap on the consent
// page (the access session's creation) to the grant. One read-only query over access_session,
// whose (gateway_id, status) index it uses.
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";

/** Failures above this share of grants over the alert window raise the alert. */
export const grantFailureThreshold = 0.01;
export const alertWindowMinutes = 5;
/** A grant the gateway collects itself (openNDS authmon, RADIUS) not collected by then failed in all but name. */
export const stuckPendingMinutes = 2;

export interface GrantCounts {
  total: number;
  failed: number;
}

export interface GatewayGrantHealth {
  gatewayId: string;
  gatewayName: string;
  kind: string;
  venue: { id: string; name: string };
  /** The alert window (5 minutes). */
  recent: GrantCounts;
  /** The last 24 hours. */
  day: GrantCounts & { waiting: number };
  /** Seconds from the tap to the grant over the last 24 hours; null with no grant. */
  secondsToGrant: { p50: number; p95: number } | null;
  alerting: boolean;
  lastError: string | null;
}

/** Whether failures exceed the threshold's share of the window's grants. */
export function grantAlert(counts: GrantCounts): boolean {
  return counts.total > 0 && counts.failed / counts.total > grantFailureThreshold;
}

interface Row {
  gatewayId: string;
  gatewayName: string;
  kind: string;
  venueId: string;
  venueName: string;
  recentTotal: number;
  recentFailed: number;
  dayTotal: number;
  dayFailed: number;
  dayWaiting: number;
  p50: number | null;
  p95: number | null;
  lastError: string | null;
}

export async function getGrantHealth(db: Db, actor: Actor, now = new Date()): Promise<GatewayGrantHealth[]> {
  assertPermission(actor, "delivery.view");
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const windowStart = new Date(now.getTime() - alertWindowMinutes * 60_000);
  const stuckBefore = new Date(now.getTime() - stuckPendingMinutes * 60_000);
  const rows = await db.$queryRaw<Row[]>`
    WITH s AS (
      SELECT s.gateway_id, s.created_at, s.granted_at, s.error,
             (s.status = 'DENIED' OR (s.status = 'PENDING' AND s.created_at < ${stuckBefore})) AS failed,
             (s.status = 'PENDING' AND s.created_at >= ${stuckBefore}) AS waiting
      FROM access_session s
      WHERE s.gateway_id IS NOT NULL AND s.created_at >= ${dayAgo} AND s.created_at <= ${now}
    )
    SELECT g.id AS "gatewayId", g.name AS "gatewayName", g.kind, v.id AS "venueId", v.name AS "venueName",
           count(s.*) FILTER (WHERE s.created_at >= ${windowStart})::int AS "recentTotal",
           count(s.*) FILTER (WHERE s.created_at >= ${windowStart} AND s.failed)::int AS "recentFailed",
           count(s.*)::int AS "dayTotal",
           count(s.*) FILTER (WHERE s.failed)::int AS "dayFailed",
           count(s.*) FILTER (WHERE s.waiting)::int AS "dayWaiting",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.granted_at - s.created_at)) FILTER (WHERE s.granted_at IS NOT NULL) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM s.granted_at - s.created_at)) FILTER (WHERE s.granted_at IS NOT NULL) AS p95,
           (array_agg(s.error ORDER BY s.created_at DESC) FILTER (WHERE s.failed AND s.error IS NOT NULL))[1] AS "lastError"
    FROM gateway g
    JOIN venue v ON v.id = g.venue_id
    LEFT JOIN s ON s.gateway_id = g.id
    GROUP BY g.id, v.id
    ORDER BY v.name, g.name`;
  return rows.map((row) => {
    const recent = { total: row.recentTotal, failed: row.recentFailed };
    return {
      gatewayId: row.gatewayId,
      gatewayName: row.gatewayName,
      kind: row.kind,
      venue: { id: row.venueId, name: row.venueName },
      recent,
      day: { total: row.dayTotal, failed: row.dayFailed, waiting: row.dayWaiting },
      secondsToGrant: row.p50 === null || row.p95 === null ? null : { p50: Number(row.p50), p95: Number(row.p95) },
      alerting: grantAlert(recent),
      lastError: row.lastError,
    };
  });
}
