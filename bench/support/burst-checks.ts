// What bench:burst checks in the database once the burst is over and the outbox drained, and
// what it reads while the burst runs (the app's connections, for pool waits). Plain SQL over
// pg, so the checks read exactly what the processes wrote.
import type pg from "pg";

export interface LedgerCounts {
  journeysCompleted: number;
  journeysOpen: number;
  guests: number;
  visits: number;
  consentRecords: number;
  /** Granted consent records per purpose key. */
  grantedByPurpose: Map<string, number>;
}

export async function ledgerCounts(db: pg.Pool): Promise<LedgerCounts> {
  const one = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
  const granted = await db.query<{ key: string; n: string }>(
    "SELECT p.key, count(*) AS n FROM consent_record r JOIN consent_purpose p ON p.id = r.purpose_id WHERE r.granted GROUP BY p.key",
  );
  return {
    journeysCompleted: await one("SELECT count(*) AS n FROM journey WHERE status = 'COMPLETED'"),
    journeysOpen: await one("SELECT count(*) AS n FROM journey WHERE status <> 'COMPLETED'"),
    guests: await one("SELECT count(*) AS n FROM guest"),
    visits: await one("SELECT count(*) AS n FROM visit"),
    consentRecords: await one("SELECT count(*) AS n FROM consent_record"),
    grantedByPurpose: new Map(granted.rows.map((row) => [row.key, Number(row.n)])),
  };
}

/** The guests (normalised emails) who granted `purposeKey`: who each of its connectors owes a record. */
export async function consentedEmails(db: pg.Pool, purposeKey: string): Promise<string[]> {
  const { rows } = await db.query<{ email: string }>(
    `SELECT DISTINCT g.email_normalized AS email FROM consent_record r
       JOIN consent_purpose p ON p.id = r.purpose_id JOIN guest g ON g.id = r.guest_id
      WHERE p.key = $1 AND r.granted`,
    [purposeKey],
  );
  return rows.map((row) => row.email);
}

/** Outbox rows by connector and status. */
export async function outbox(db: pg.Pool): Promise<{ connectorId: string; status: string; n: number }[]> {
  const { rows } = await db.query<{ connector_id: string; status: string; n: string }>("SELECT connector_id, status, count(*) AS n FROM delivery GROUP BY 1, 2 ORDER BY 1, 2");
  return rows.map((row) => ({ connectorId: row.connector_id, status: row.status, n: Number(row.n) }));
}

/** Outbox rows not yet settled (pending, or leased and in flight). */
export async function unsettled(db: pg.Pool): Promise<number> {
  return Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM delivery WHERE settled_at IS NULL")).rows[0]!.n);
}

/** Drain jobs waiting or running (created, retry, active). */
export async function openDrainJobs(db: pg.Pool): Promise<number> {
  return Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM pgboss.job WHERE name = 'delivery-drain' AND state::text IN ('created', 'retry', 'active')")).rows[0]!.n);
}

/** pg-boss jobs by queue and state: after the drain no drain job may be left but completed ones. */
export async function jobStates(db: pg.Pool): Promise<{ name: string; state: string; n: number }[]> {
  const { rows } = await db.query<{ name: string; state: string; n: string }>("SELECT name, state::text AS state, count(*) AS n FROM pgboss.job GROUP BY 1, 2 ORDER BY 1, 2");
  return rows.map((row) => ({ name: row.name, state: row.state, n: Number(row.n) }));
}

export interface ThrottleFigures {
  calls: number;
  throttled: number;
  /** The shortest wait between a throttled call's answer and the connector's next call (ms). */
  shortestWaitMs: number | null;
  /** Consent to delivery, seconds. */
  p50: number | null;
  p99: number | null;
  lastDelivered: Date | null;
}

/** Each connector's calls as the worker recorded them (delivery_call), and its consent-to-delivery latency. */
export async function connectorCalls(db: pg.Pool, connectorId: string): Promise<ThrottleFigures> {
  const calls = await db.query<{ calls: string; throttled: string; shortest: number | null }>(
    `SELECT count(*) AS calls, count(*) FILTER (WHERE outcome = 'throttled') AS throttled,
            min(extract(epoch FROM next_start - (started_at + duration_ms * interval '1 millisecond')) * 1000) FILTER (WHERE outcome = 'throttled') AS shortest
       FROM (SELECT *, lead(started_at) OVER (ORDER BY started_at) AS next_start FROM delivery_call WHERE connector_id = $1) calls`,
    [connectorId],
  );
  const latency = await db.query<{ p50: number | null; p99: number | null; last: Date | null }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at)) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at)) AS p99, max(delivered_at) AS last
       FROM delivery WHERE connector_id = $1 AND status = 'SENT'`,
    [connectorId],
  );
  const row = calls.rows[0]!;
  return {
    calls: Number(row.calls),
    throttled: Number(row.throttled),
    shortestWaitMs: row.shortest === null ? null : Number(row.shortest),
    p50: latency.rows[0]!.p50,
    p99: latency.rows[0]!.p99,
    lastDelivered: latency.rows[0]!.last,
  };
}

/** The database's size and its largest tables. */
export async function sizes(db: pg.Pool): Promise<{ database: number; tables: { name: string; bytes: number }[] }> {
  const database = Number((await db.query<{ n: string }>("SELECT pg_database_size(current_database()) AS n")).rows[0]!.n);
  const { rows } = await db.query<{ name: string; bytes: string }>(
    `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname IN ('public', 'pgboss') ORDER BY 2 DESC LIMIT 8`,
  );
  return { database, tables: rows.map((row) => ({ name: row.name, bytes: Number(row.bytes) })) };
}

/** The bench's own connections say so, to be left out of the samples. */
export const benchApplicationName = "portico-bench-burst";

/** The app's connections to this database right now: how many run a statement, and how many wait on a lock. */
export async function connectionSample(db: pg.Pool): Promise<{ active: number; idle: number; lockWaits: number; pids: number[] }> {
  const { rows } = await db.query<{ pid: number; state: string | null; wait_event_type: string | null }>(
    "SELECT pid, state, wait_event_type FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND application_name <> $1",
    [benchApplicationName],
  );
  return {
    active: rows.filter((r) => r.state === "active").length,
    idle: rows.filter((r) => r.state !== "active").length,
    lockWaits: rows.filter((r) => r.wait_event_type === "Lock").length,
    pids: rows.map((r) => r.pid),
  };
}
