// How many complete guest journeys Portico serves per second, and how fast each step is, on
// this machine: the production build under Portico's own runtime (`npm start`'s server, job
// queue included) on real PostgreSQL, driven over HTTP by virtual guests in this process.
// Beside it, the ceiling: the same SQL the journeys send, replayed straight over pg, so the
// figure reads as a fraction of what the database allows. Prints figures; asserts nothing.
//
//   npm run bench:journeys [-- --levels 1,8,32,64 --seconds 15 --pool 10]
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";

import type { Histogram } from "hdr-histogram-js";
import pg from "pg";

import { createPrismaClient } from "@/lib/db/client";
import { seedDemoVenue } from "@/lib/demo";
import { createEmptyDatabase, createFreshDatabase, dropDatabase, testServerUrl } from "@/tests/support/database";

import { startApp, stopProcess } from "./support/app-process";
import { freePort } from "./support/free-port";
import { runLoad, steps, type LoadResult } from "./support/journey-driver";
import { captureJourneys, replayJourneys, type CeilingResult } from "./support/sql-ceiling";

const { values: args } = parseArgs({
  options: {
    levels: { type: "string", default: "1,8,32,64" },
    seconds: { type: "string", default: "15" },
    pool: { type: "string", default: "10" },
    returning: { type: "string", default: "0.2" },
  },
});
const levels = args.levels.split(",").map(Number);
const durationMs = Number(args.seconds) * 1000;
const tickProbability = 0.3;
const run = randomBytes(4).toString("hex");
const created: string[] = [];

/** A database with the demo venue, and identical copies of it (same ids) for each phase. */
async function prepareDatabases(): Promise<{ http: string; capture: string; replay: string }> {
  const template = await createFreshDatabase(`portico_bench_${run}_tpl`);
  created.push(template);
  const prisma = createPrismaClient(template, 1);
  await seedDemoVenue(prisma);
  await prisma.$disconnect();
  const copy = async (phase: string) => {
    const url = await createEmptyDatabase(`portico_bench_${run}_${phase}`);
    created.push(url);
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: testServerUrl().toString() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE "${name}"`);
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${new URL(template).pathname.slice(1)}"`);
    } finally {
      await admin.end();
    }
    return url;
  };
  return { http: await copy("http"), capture: await copy("capture"), replay: await copy("replay") };
}

const tables = ["journey", "guest", "device", "visit", "consent_record", "event"] as const;

async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

const ms = (histogram: Histogram, percentile: number) => (histogram.totalCount ? (histogram.getValueAtPercentile(percentile) / 1000).toFixed(1) : "-");
const perSecond = (count: number, elapsedMs: number) => (count / (elapsedMs / 1000)).toFixed(1);

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const pgVersion = await (async () => {
    const client = new pg.Client({ connectionString: testServerUrl().toString() });
    await client.connect();
    const version = (await client.query("SHOW server_version")).rows[0].server_version as string;
    await client.end();
    return version;
  })();
  console.log(
    `bench:journeys on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, PostgreSQL ${pgVersion}; ` +
      `load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} before the run.\n` +
      `Concurrency levels ${levels.join(", ")}, ${durationMs / 1000} s each; app pool ${args.pool} connections; ` +
      `${Number(args.returning) * 100}% returning guests; each optional box ticked with p=${tickProbability}.`,
  );
  const databases = await prepareDatabases();

  // The ceiling's statements first, captured through the app's own route handlers.
  const captured = await captureJourneys(databases.capture, "demo", 8, tickProbability);
  const statementsPerJourney = captured[0]!.statements.length;

  const port = await freePort();
  let server: ChildProcess | undefined;
  const http: { level: number; result: LoadResult; rows: Record<string, number> }[] = [];
  try {
    const secret = () => randomBytes(32).toString("base64url");
    server = await startApp({ databaseUrl: databases.http, poolMax: Number(args.pool), secretKey: randomBytes(32).toString("base64"), nextAuthSecret: secret() }, port);
    const baseURL = `http://127.0.0.1:${port}`;
    // Warm-up: JIT, connection pools, plan caches.
    await runLoad({ baseURL, venueSlug: "demo", concurrency: 4, durationMs: 5000, returningShare: 0, tickProbability });
    for (const level of levels) {
      const before = await rowCounts(databases.http);
      const result = await runLoad({ baseURL, venueSlug: "demo", concurrency: level, durationMs, returningShare: Number(args.returning), tickProbability });
      const after = await rowCounts(databases.http);
      http.push({ level, result, rows: Object.fromEntries(tables.map((t) => [t, after[t]! - before[t]!])) });
    }
  } finally {
    await stopProcess(server);
  }

  const ceiling: { level: number; result: CeilingResult }[] = [];
  await replayJourneys(databases.replay, captured, 4, 3000);
  for (const level of levels) ceiling.push({ level, result: await replayJourneys(databases.replay, captured, level, durationMs) });

  printTable(
    "Complete journeys over HTTP (splash; login, answered by the consent page; consent, answered by the success page: 3 requests)",
    ["guests", "journeys/s", "journey p50", "p95", "p99", ...steps.map((s) => `${s} p50/p95/p99`), "errors"],
    http.map(({ level, result }) => [
      String(level),
      perSecond(result.journeys, result.elapsedMs),
      ms(result.journey, 50),
      ms(result.journey, 95),
      ms(result.journey, 99),
      ...steps.map((s) => `${ms(result.perStep[s], 50)}/${ms(result.perStep[s], 95)}/${ms(result.perStep[s], 99)}`),
      String(result.errors),
    ]),
  );
  console.log("(milliseconds)");
  printTable(
    "Rows written",
    ["guests", "journeys", ...tables],
    http.map(({ level, result, rows }) => [String(level), String(result.journeys), ...tables.map((t) => String(rows[t]))]),
  );
  printTable(
    `Ceiling: the same ${statementsPerJourney} SQL statements per journey replayed over pg (one connection per guest)`,
    ["guests", "journeys/s", "journey p50", "p99", "errors", "HTTP as share of ceiling"],
    ceiling.map(({ level, result }) => {
      const httpRate = http.find((h) => h.level === level)!;
      const share = (httpRate.result.journeys / (httpRate.result.elapsedMs / 1000)) / (result.journeys / (result.elapsedMs / 1000));
      return [String(level), perSecond(result.journeys, result.elapsedMs), ms(result.journey, 50), ms(result.journey, 99), String(result.errors), `${(share * 100).toFixed(0)}%`];
    }),
  );
  for (const { level, result } of http) if (result.errorSamples.length) console.log(`errors at ${level}: ${result.errorSamples.join("; ")}`);
  for (const { level, result } of ceiling) if (result.errorSamples.length) console.log(`ceiling errors at ${level}: ${result.errorSamples.join("; ")}`);
}

try {
  await main();
} finally {
  for (const url of created.reverse()) await dropDatabase(url).catch((error: unknown) => console.error(`could not drop ${url}:`, error));
}
