// How fast consented guests reach a CRM, and how many vendor calls that takes: guests answer
// the consent page through the real consent path (the outbox rows are the ones the consent
// statement writes), while the job runner that `npm start` runs drains them into the local
// HubSpot contract server, held to HubSpot's published limit of 100 calls per 10 seconds.
// Guests who tick nothing are mixed in: they must never reach HubSpot. A second connector,
// paused while the guests arrive, is then resumed: how fast a backlog drains (after an outage,
// say) against the same limit. Prints figures; exits 1 only when a record was lost, duplicated
// or sent without consent.
//
//   npm run bench:delivery [-- --guests 10000 --unconsented 1000 --concurrency 8 --batch-wait 5 --limit 100]
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";

import pg from "pg";

import { registerServerModules } from "@/lib/runtime/register-server-modules";

registerServerModules();

const { createPool, createPrismaClient } = await import("@/lib/db/client");
const { logger } = await import("@/lib/log");
const { secretKey } = await import("@/lib/crypto");
const { hubspotSettingsSchema } = await import("@/lib/delivery/connectors/hubspot");
const { connectorSecretStore } = await import("@/lib/delivery/secret-store");
const { wakeDelivery } = await import("@/lib/delivery/wake");
const { startJobRunner } = await import("@/lib/jobs/job-runner");
const { createFreshDatabase, dropDatabase, testServerUrl } = await import("@/tests/support/database");
const { consentedGuest, createConnector } = await import("@/tests/support/delivery-fixture");
const { hubspotContractToken, hubspotUpsertPath, startHubspotContract } = await import("@/tests/support/contracts/hubspot");
type HubspotContract = Awaited<ReturnType<typeof startHubspotContract>>;
const { createVenueFixture } = await import("@/tests/support/venue-fixture");

const { values: args } = parseArgs({
  options: {
    guests: { type: "string", default: "10000" },
    unconsented: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "8" },
    "batch-wait": { type: "string", default: "5" },
    pool: { type: "string", default: "10" },
    /** Calls per 10 s each contract server allows (HubSpot's published limit by default). */
    limit: { type: "string", default: "100" },
    "timeout-seconds": { type: "string", default: "900" },
  },
});
const consenting = Number(args.guests);
const unconsented = Number(args.unconsented);
const concurrency = Number(args.concurrency);
const batchWaitSeconds = Number(args["batch-wait"]);
const limit = Number(args.limit);
const run = randomBytes(4).toString("hex");
// One "delivery drain" line per drain would bury the figures.
logger.level = "warn";

async function serverVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: testServerUrl().toString() });
  await client.connect();
  try {
    return (await client.query("SHOW server_version")).rows[0].server_version as string;
  } finally {
    await client.end();
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main(): Promise<number> {
  console.log(
    `bench:delivery on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, PostgreSQL ${await serverVersion()}; ` +
      `load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} before the run.\n` +
      `${consenting} guests ticking marketing and ${unconsented} ticking nothing, ${concurrency} at a time through the consent path; ` +
      `two HubSpot connectors on marketing, each to its own contract server allowing ${limit} calls per 10 s (batch window ${batchWaitSeconds} s; the second paused until the guests are in); ` +
      `the job runner in this process on a pool of ${args.pool} connections.`,
  );
  const url = await createFreshDatabase(`portico_bench_delivery_${run}`);
  const pool = createPool(url, Number(args.pool));
  const db = createPrismaClient(pool);
  const live = await startHubspotContract({ rateLimit: { max: limit, intervalMs: 10_000 } });
  const backlog = await startHubspotContract({ rateLimit: { max: limit, intervalMs: 10_000 } });
  const secrets = connectorSecretStore({ current: secretKey(randomBytes(32)) });
  const runner = await startJobRunner({ db, pool, delivery: { secrets } });
  try {
    const { venue } = await createVenueFixture(db, { locales: ["en"] });
    const hubspotConnector = (server: HubspotContract, name: string) =>
      createConnector(
        db,
        {
          venueId: venue.id,
          purposeKey: "marketing",
          kind: "hubspot",
          name,
          settings: hubspotSettingsSchema.parse({ baseUrl: server.baseUrl }),
          secrets: { auth: "privateApp", accessToken: hubspotContractToken },
          batchWaitSeconds,
        },
        secrets,
      );
    const liveConnector = await hubspotConnector(live, "live");
    const backlogConnector = await hubspotConnector(backlog, "backlog");
    await db.connector.update({ where: { id: backlogConnector.id }, data: { status: "PAUSED", statusReason: "Paused by the benchmark." } });

    // Every eleventh guest (with the defaults; spread evenly) ticks nothing.
    const total = consenting + unconsented;
    const ticks = (n: number) => Math.floor(((n + 1) * consenting) / total) > Math.floor((n * consenting) / total);
    const emailOf = (n: number) => `${ticks(n) ? "yes" : "no"}-${n}-${run}@example.com`;
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let n = next++; n < total; n = next++) {
          await consentedGuest(db, venue, { email: emailOf(n), granted: ticks(n) ? ["marketing"] : [], mac: macFor(n) });
        }
      }),
    );
    const consentsDone = Date.now();
    const liveDrained = await settledAll(liveConnector.id);

    const resumedAt = new Date();
    await db.connector.update({ where: { id: backlogConnector.id }, data: { status: "ACTIVE", statusReason: null } });
    await wakeDelivery(db, [backlogConnector.id]);
    const backlogDrained = await settledAll(backlogConnector.id);

    const liveFigures = await figures(liveConnector.id, live);
    const backlogFigures = await figures(backlogConnector.id, backlog);
    const liveSpan = (liveFigures.lastDelivered?.getTime() ?? liveDrained) - started;
    const backlogSpan = (backlogFigures.lastDelivered?.getTime() ?? backlogDrained) - resumedAt.getTime();
    const outboxRows = await db.delivery.count({ where: { connectorId: { in: [liveConnector.id, backlogConnector.id] } } });
    console.log(`
Consent path: ${total} guests in ${seconds(consentsDone - started)} s (${(total / ((consentsDone - started) / 1000)).toFixed(0)} journeys/s); outbox rows written: ${outboxRows} (${2 * consenting} expected: one per consenting guest and connector)

Live, draining while guests arrive:
  ${liveFigures.summary}
  throughput: ${(consenting / (liveSpan / 1000)).toFixed(0)} records/s from the first consent to the last delivery (${seconds(liveSpan)} s); drained ${seconds(Math.max(0, (liveFigures.lastDelivered?.getTime() ?? liveDrained) - consentsDone))} s after the last consent
  consent to delivered: p50 ${liveFigures.p50} s, p95 ${liveFigures.p95} s, max ${liveFigures.max} s

Backlog of ${consenting}, resumed at once:
  ${backlogFigures.summary}
  throughput: ${(consenting / (backlogSpan / 1000)).toFixed(0)} records/s, all sent ${seconds(backlogSpan)} s after the resume

Lost: ${liveFigures.lost + backlogFigures.lost}   duplicated: ${liveFigures.duplicated + backlogFigures.duplicated}   sent without consent: ${liveFigures.leaked + backlogFigures.leaked}`);
    const bad = [liveFigures, backlogFigures].some((f) => f.lost || f.duplicated || f.leaked || f.settled < consenting);
    return bad ? 1 : 0;

    async function settledAll(connectorId: string): Promise<number> {
      const deadline = Date.now() + Number(args["timeout-seconds"]) * 1000;
      while (Date.now() < deadline) {
        const settled = await db.delivery.count({ where: { connectorId, status: { in: ["SENT", "FAILED", "SKIPPED"] } } });
        if (settled >= consenting) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return Date.now();
    }

    async function figures(connectorId: string, server: HubspotContract) {
      const upserts = server.callsTo(hubspotUpsertPath);
      const throttled = upserts.filter((call) => call.status === 429).length;
      const sizes = upserts.filter((call) => call.status === 200 || call.status === 207).map((call) => call.batchSize ?? 0);
      const [latency] = await db.$queryRaw<{ p50: number | null; p95: number | null; max: number | null; last: Date | null }[]>`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at)) AS p50,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at)) AS p95,
               max(extract(epoch FROM delivered_at - created_at)) AS max, max(delivered_at) AS last
          FROM delivery WHERE connector_id = ${connectorId}::uuid AND status = 'SENT'`;
      const statuses = await db.delivery.groupBy({ by: ["status"], where: { connectorId }, _count: true });
      const settled = statuses.filter((row) => row.status !== "PENDING").reduce((sum, row) => sum + row._count, 0);
      const contacts = server.contacts();
      const emails = new Set(contacts.map((contact) => contact.properties.email));
      const lost = Array.from({ length: total }, (_, n) => n).filter((n) => ticks(n) && !emails.has(emailOf(n))).length;
      const fixed = (value: number | null | undefined) => (value == null ? "-" : Number(value).toFixed(2));
      return {
        settled,
        lost,
        leaked: contacts.filter((contact) => contact.properties.email?.startsWith("no-")).length,
        duplicated: contacts.filter((contact) => contact.writes > 1).length + (contacts.length - emails.size),
        lastDelivered: latency?.last ?? null,
        p50: fixed(latency?.p50),
        p95: fixed(latency?.p95),
        max: fixed(latency?.max),
        summary:
          `${statuses.map((row) => `${row.status} ${row._count}`).join(", ")}; HubSpot contacts ${contacts.length}; ` +
          `${upserts.length} upsert calls (goal ≤ ${Math.ceil(consenting / 100)}), ${throttled} answered 429; ` +
          `batch sizes ${sizes.length ? `${Math.min(...sizes)}–${Math.max(...sizes)}, mean ${(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(1)}` : "-"}`,
      };
    }
  } finally {
    await runner.stop();
    await live.close();
    await backlog.close();
    await db.$disconnect();
    await pool.end();
    await dropDatabase(url).catch((error: unknown) => console.error(`could not drop ${url}:`, error));
  }
}

/** A distinct device per guest, as at a real venue. */
function macFor(n: number): string {
  const hex = n.toString(16).padStart(8, "0");
  return `02:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}`;
}

process.exitCode = await main();
