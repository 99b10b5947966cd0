// The database's ceiling for bench:journeys: the exact SQL a guest journey sends, replayed
// straight over pg with no HTTP, no Next.js, no Prisma and no rendering in between.
//
// Capture: a few journeys run through the portal's real route handlers in this process (the
// server-only marker is stubbed by bench/support/register-hooks.mjs), with every statement
// pg sends recorded as text and parameters: BEGIN and COMMIT included, in order.
// Replay: each replayed journey takes a captured one and swaps in fresh values for what that
// journey created (its token, email, and the ids of the rows it inserted), so the statements,
// plans and row counts are the same but nothing collides.
import { randomBytes } from "node:crypto";

import { build, type Histogram } from "hdr-histogram-js";
import pg from "pg";
import { v7 as uuidv7 } from "uuid";

export interface CapturedStatement {
  text: string;
  values: unknown[];
}

export interface CapturedJourney {
  statements: CapturedStatement[];
  /** Values this journey generated (token, email, new row ids): replaced on every replay. */
  fresh: string[];
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Records what every pg client sends while `work` runs. */
async function recordStatements(work: () => Promise<void>): Promise<CapturedStatement[]> {
  const statements: CapturedStatement[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args;
    if (typeof config === "string") statements.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (config && typeof config === "object" && "text" in config) {
      const { text, values: configValues } = config as { text: string; values?: unknown[] };
      statements.push({ text, values: configValues ?? (Array.isArray(values) ? values : []) });
    }
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return statements;
}

type RouteModule = {
  GET?: (request: Request, context: { params: Promise<{ venue: string }> }) => Promise<Response>;
  POST?: (request: Request, context: { params: Promise<{ venue: string }> }) => Promise<Response>;
};

/**
 * Runs `count` journeys through the route handlers against `databaseUrl` (which must hold the
 * same venue, with the same ids, as the database the replay will run on) and returns them.
 */
export async function captureJourneys(databaseUrl: string, venueSlug: string, count: number, tickProbability: number): Promise<CapturedJourney[]> {
  const { registerServerModules } = await import("@/lib/runtime/register-server-modules");
  registerServerModules();
  // lib/db.ts builds the app's client on the process's pool, as under `npm start`.
  const appPool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  (globalThis as { porticoPool?: pg.Pool }).porticoPool = appPool;
  const routes = {
    splash: (await import("@/app/(portal)/p/[venue]/route")) as RouteModule,
    login: (await import("@/app/(portal)/p/[venue]/login/route")) as RouteModule,
    consent: (await import("@/app/(portal)/p/[venue]/consent/route")) as RouteModule,
  };
  const origin = "http://bench.local";
  const context = { params: Promise.resolve({ venue: venueSlug }) };
  const headers = { host: "bench.local", "accept-language": "en-GB,en;q=0.9", "user-agent": "bench" };
  const post = (path: string, body: string) =>
    new Request(`${origin}${path}`, { method: "POST", headers: { ...headers, origin, "content-type": "application/x-www-form-urlencoded" }, body });

  const existing = new Set<string>();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    // Ids already in the database are references (venue, purposes, wording…), never fresh.
    const tables = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid'",
    );
    for (const { table_name } of tables.rows) {
      for (const row of (await pool.query<{ id: string }>(`SELECT id::text FROM "${table_name}"`)).rows) existing.add(row.id);
    }
  } finally {
    await pool.end();
  }

  const journeys: CapturedJourney[] = [];
  // One more than asked for: the first fills the process's content cache and is left out, as
  // every later journey finds the venue's copy and wording remembered.
  for (let i = 0; i <= count; i++) {
    const email = `ceiling.${randomBytes(8).toString("hex")}@example.com`;
    const gateway = `client_mac=da:a1:19:${randomBytes(3).toString("hex").match(/../g)!.join(":")}&client_ip=10.0.0.5&ap_mac=00:11:22:33:44:55&url=https://example.com/`;
    let token = "";
    const statements = await recordStatements(async () => {
      await (await routes.splash.GET!(new Request(`${origin}/p/${venueSlug}?${gateway}`, { headers }), context)).text();
      const login = await routes.login.POST!(post(`/p/${venueSlug}/login`, new URLSearchParams({ method: "email", email, gateway }).toString()), context);
      const page = await login.text();
      token = /name="j" value="([A-Za-z0-9_-]+)"/.exec(page)![1]!;
      const form = new URLSearchParams({ j: token, termsAccepted: "yes", lang: "en" });
      for (const [, id] of page.matchAll(/name="shown" value="([0-9a-f-]{36})"/g)) form.append("shown", id!);
      for (const [, id] of page.matchAll(/name="granted" value="([0-9a-f-]{36})"/g)) if (Math.random() < tickProbability) form.append("granted", id!);
      const consent = await routes.consent.POST!(post(`/p/${venueSlug}/consent`, form.toString()), context);
      if (consent.status !== 200) throw new Error(`captured journey's consent answered ${consent.status}`);
      await consent.text();
    });
    const fresh = new Set<string>([token, email]);
    for (const statement of statements) {
      for (const match of JSON.stringify(statement.values).matchAll(uuidPattern)) if (!existing.has(match[0])) fresh.add(match[0]);
    }
    if (i > 0) journeys.push({ statements, fresh: [...fresh] });
  }
  await appPool.end();
  return journeys;
}

function freshValue(value: string): string {
  if (/^[0-9a-f-]{36}$/.test(value)) return uuidv7();
  if (value.includes("@")) return `ceiling.${randomBytes(8).toString("hex")}@example.com`;
  return randomBytes(24).toString("base64url");
}

/** A captured journey with new values for everything it created. */
function instantiate(journey: CapturedJourney): CapturedStatement[] {
  const replacements = journey.fresh.map((value) => [value, freshValue(value)] as const);
  const swap = (value: unknown): unknown => {
    if (typeof value === "string") return replacements.reduce((text, [from, to]) => (text.includes(from) ? text.replaceAll(from, to) : text), value);
    if (Array.isArray(value)) return value.map(swap);
    return value;
  };
  return journey.statements.map((statement) => ({ text: statement.text, values: statement.values.map(swap) }));
}

export interface CeilingResult {
  journeys: number;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  journey: Histogram;
}

/** Replays captured journeys at `concurrency`, one connection each, for `durationMs`. */
export async function replayJourneys(databaseUrl: string, captured: CapturedJourney[], concurrency: number, durationMs: number): Promise<CeilingResult> {
  const times = build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  const errorSamples: string[] = [];
  let journeys = 0;
  let errors = 0;
  const clients = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const statements = instantiate(captured[Math.floor(Math.random() * captured.length)]!);
        const journeyStarted = performance.now();
        try {
          for (const statement of statements) await client.query({ text: statement.text, values: statement.values });
          journeys += 1;
          times.recordValue(Math.max(1, Math.round((performance.now() - journeyStarted) * 1000)));
        } catch (error) {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push((error as Error).message);
          await client.query("ROLLBACK").catch(() => undefined);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await Promise.all(clients.map((client) => client.end()));
  return { journeys, errors, errorSamples, elapsedMs, journey: times };
}
