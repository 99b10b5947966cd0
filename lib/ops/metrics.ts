// Prometheus metrics (prom-client), served at /metrics by the front door (lib/ops/endpoints.ts).
//
// Two kinds, so several processes add up correctly:
// - counters and the latency histogram count what THIS process did (journeys, consents,
//   grants, requests). Prometheus scrapes every process and sums across instances
//   (`sum(rate(portico_journey_steps_total[5m]))`); a restart resets them, which rate() allows;
// - the delivery gauges are read from PostgreSQL at scrape time, so every process reports the
//   same whole-database figure: take max() or one instance's value, never sum() them.
//
// Free of "server-only": the runtime loads it outside Next's bundle. The registry lives on
// globalThis so the runtime's copy of this module and Next's bundled copy count into one.
import type { Pool } from "pg";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type JourneyStep = "splash" | "login" | "consent";

interface PorticoMetrics {
  registry: Registry;
  journeySteps: Counter<"step">;
  consents: Counter<"purpose" | "decision">;
  grants: Counter<"gateway_kind" | "outcome">;
  httpDuration: Histogram<"route" | "method" | "status">;
  /** Where the delivery gauges read from: the scraped front door's pool (lib/ops/endpoints.ts). */
  pool: Pool | null;
}

const holder = globalThis as { porticoMetrics?: PorticoMetrics };

function create(): PorticoMetrics {
  const registry = new Registry();
  // Node's own (process_*, nodejs_*), unprefixed as the usual dashboards expect them.
  collectDefaultMetrics({ register: registry });
  const metrics: PorticoMetrics = {
    registry,
    journeySteps: new Counter({
      name: "portico_journey_steps_total",
      help: "Guest journey steps completed by this process: splash (page shown), login (identified), consent (completed)",
      labelNames: ["step"],
      registers: [registry],
    }),
    consents: new Counter({
      name: "portico_consents_total",
      help: "Consent decisions recorded by this process, by purpose kind (terms, marketing, sponsor) and decision",
      labelNames: ["purpose", "decision"],
      registers: [registry],
    }),
    grants: new Counter({
      name: "portico_grants_total",
      help: "Network access grants asked of gateways by this process, by gateway kind and outcome",
      labelNames: ["gateway_kind", "outcome"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "portico_http_request_duration_seconds",
      help: "Time to answer HTTP requests, by route group",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    pool: null,
  };
  // One collect for all the database gauges: one short query per scrape (whichever gauge asks first).
  let reading: Promise<void> | null = null;
  const collect = (): Promise<void> => (reading ??= readDeliveryGauges(metrics.pool, { pending, oldest, failed, streak, paused, scrapeError }).finally(() => (reading = null)));
  const pending: Gauge<"connector_id" | "kind"> = new Gauge({ name: "portico_delivery_pending", help: "Records waiting to be delivered, per connector (from the database)", labelNames: ["connector_id", "kind"], registers: [registry], collect });
  const oldest: Gauge<"connector_id" | "kind"> = new Gauge({
    name: "portico_delivery_oldest_pending_age_seconds",
    help: "Age of the oldest record waiting to be delivered, per connector (from the database)",
    labelNames: ["connector_id", "kind"],
    registers: [registry],
    collect,
  });
  const failed: Gauge<"connector_id" | "kind"> = new Gauge({ name: "portico_delivery_failed", help: "Records that failed for good (dead letters), per connector (from the database)", labelNames: ["connector_id", "kind"], registers: [registry], collect });
  const streak: Gauge<"connector_id" | "kind"> = new Gauge({
    name: "portico_connector_failure_streak",
    help: "Consecutive failed calls to the vendor, per connector (from the database)",
    labelNames: ["connector_id", "kind"],
    registers: [registry],
    collect,
  });
  const paused: Gauge<"connector_id" | "kind"> = new Gauge({ name: "portico_connector_paused", help: "1 when a connector is not active (paused or stopped), per connector (from the database)", labelNames: ["connector_id", "kind"], registers: [registry], collect });
  const scrapeError: Gauge = new Gauge({ name: "portico_metrics_database_error", help: "1 when the delivery gauges could not be read from the database at this scrape", registers: [registry], collect });
  return metrics;
}

export function metrics(): PorticoMetrics {
  holder.porticoMetrics ??= create();
  return holder.porticoMetrics;
}

export function countJourneyStep(step: JourneyStep): void {
  metrics().journeySteps.inc({ step });
}

export function countConsents(decisions: readonly { kind: string; granted: boolean }[]): void {
  const counter = metrics().consents;
  for (const decision of decisions) counter.inc({ purpose: decision.kind.toLowerCase(), decision: decision.granted ? "granted" : "refused" });
}

export function countGrant(gatewayKind: string, outcome: string): void {
  metrics().grants.inc({ gateway_kind: gatewayKind, outcome });
}

interface DeliveryGauges {
  pending: Gauge<"connector_id" | "kind">;
  oldest: Gauge<"connector_id" | "kind">;
  failed: Gauge<"connector_id" | "kind">;
  streak: Gauge<"connector_id" | "kind">;
  paused: Gauge<"connector_id" | "kind">;
  scrapeError: Gauge;
}

interface ConnectorRow {
  id: string;
  kind: string;
  status: string;
  failure_streak: number;
  pending: number;
  failed: number;
  oldest_age: number | null;
}

/**
 * Per connector: pending records and the oldest one's age, dead letters, the failure streak
 * and whether it is paused. Both delivery counts come off the (connector_id, status, …)
 * index; a statement timeout keeps a slow database from holding the scrape.
 */
async function readDeliveryGauges(pool: Pool | null, gauges: DeliveryGauges): Promise<void> {
  for (const gauge of [gauges.pending, gauges.oldest, gauges.failed, gauges.streak, gauges.paused]) gauge.reset();
  if (!pool) return;
  const client = await pool.connect().catch(() => null);
  if (!client) {
    gauges.scrapeError.set(1);
    return;
  }
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SET LOCAL statement_timeout = 2000");
    const { rows } = await client.query<ConnectorRow>(
      `SELECT c.id, c.kind, c.status::text AS status, c.failure_streak,
              coalesce(d.pending, 0)::int AS pending, coalesce(d.failed, 0)::int AS failed,
              extract(epoch FROM now() - d.oldest)::float8 AS oldest_age
       FROM connector c
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending, count(*) FILTER (WHERE status = 'FAILED') AS failed,
                min(created_at) FILTER (WHERE status = 'PENDING') AS oldest
         FROM delivery WHERE connector_id = c.id AND status IN ('PENDING', 'FAILED')
       ) d ON true`,
    );
    await client.query("COMMIT");
    for (const row of rows) {
      const labels = { connector_id: row.id, kind: row.kind };
      gauges.pending.set(labels, row.pending);
      gauges.oldest.set(labels, row.oldest_age ?? 0);
      gauges.failed.set(labels, row.failed);
      gauges.streak.set(labels, row.failure_streak);
      gauges.paused.set(labels, row.status === "ACTIVE" ? 0 : 1);
    }
    gauges.scrapeError.set(0);
  } catch {
    await client.query("ROLLBACK").catch(() => undefined);
    gauges.scrapeError.set(1);
  } finally {
    client.release();
  }
}
