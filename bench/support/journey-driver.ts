// Virtual guests for the journey benchmarks: each journey is walked over HTTP the way a
// phone's captive mini-browser does (the splash, the email posted from it, which answers with
// the consent page, and the consent posted, which answers with the success page), with real
// form posts, gzip accepted as browsers do, its own gateway parameters, a unique email or, for
// a share of journeys, the email of a guest who came before, and random ticks. Latency is
// recorded per step, from request sent to body read. bench:journeys runs guests in a closed
// loop (runLoad); bench:burst fires journeys on an arrival schedule (createGuestClient).
import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";

import { build, type Histogram } from "hdr-histogram-js";
import { Pool } from "undici";

export const steps = ["splash", "login → consent page", "consent → success page"] as const;
export type Step = (typeof steps)[number];

export interface GuestOptions {
  /** The app processes' base URLs; requests go to them in turn, as a load balancer without stickiness sends them. */
  targets: string[];
  venueSlug: string;
  /** Connections each target's pool may open. */
  connections: number;
  /** Share of journeys that reuse a completed guest's email (a returning guest). */
  returningShare: number;
  /** Each optional box is ticked with this probability. */
  tickProbability: number;
}

export interface LoadOptions extends Omit<GuestOptions, "targets" | "connections"> {
  baseURL: string;
  concurrency: number;
  durationMs: number;
}

/** What one completed journey did: who, how many purposes the consent page showed, and which optional ones (ids) were ticked. */
export interface JourneyOutcome {
  email: string;
  shown: number;
  granted: string[];
}

export interface LoadResult {
  journeys: number;
  errors: number;
  /** The first few error descriptions, to say what went wrong. */
  errorSamples: string[];
  elapsedMs: number;
  perStep: Record<Step, Histogram>;
  journey: Histogram;
}

export const latencyHistogram = () => build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });

const userAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

export class JourneyError extends Error {}

function randomMac(): string {
  // Locally administered, like a phone's private address.
  const bytes = randomBytes(6);
  bytes[0] = (bytes[0]! | 0x02) & 0xfe;
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/** Guests walking journeys against the targets; `perStep` fills as they go. */
export function createGuestClient(options: GuestOptions) {
  const targets = options.targets.map((target) => {
    const origin = new URL(target).origin;
    return { origin, pool: new Pool(origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 30_000 }) };
  });
  const perStep = Object.fromEntries(steps.map((s) => [s, latencyHistogram()])) as Record<Step, Histogram>;
  const returning: string[] = [];
  let turn = 0;
  const headers = { "user-agent": userAgent, "accept-language": "en-GB,en;q=0.9", "accept-encoding": "gzip" };

  async function timed(step: Step, request: { path: string; method: "GET" | "POST"; body?: string }, expected: number): Promise<string> {
    const target = targets[turn++ % targets.length]!;
    const started = performance.now();
    const requestHeaders = request.method === "POST" ? { ...headers, origin: target.origin, "content-type": "application/x-www-form-urlencoded" } : headers;
    const response = await target.pool.request({ ...request, headers: requestHeaders });
    const raw = Buffer.from(await response.body.arrayBuffer());
    perStep[step].recordValue(Math.max(1, Math.round((performance.now() - started) * 1000)));
    if (response.statusCode !== expected) throw new JourneyError(`${step}: HTTP ${response.statusCode}, expected ${expected}`);
    return (response.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
  }

  async function journey(): Promise<JourneyOutcome> {
    const slug = encodeURIComponent(options.venueSlug);
    const gateway = new URLSearchParams({ client_mac: randomMac(), client_ip: `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`, ap_mac: "00:11:22:33:44:55", url: "https://example.com/" }).toString();
    const email = returning.length > 0 && Math.random() < options.returningShare ? returning[Math.floor(Math.random() * returning.length)]! : `bench.${randomBytes(8).toString("hex")}@example.com`;

    await timed("splash", { path: `/p/${slug}?${gateway}`, method: "GET" }, 200);
    const consentPage = await timed("login → consent page", { path: `/p/${slug}/login`, method: "POST", body: new URLSearchParams({ method: "email", email, gateway }).toString() }, 200);
    const token = /name="j" value="([A-Za-z0-9_-]+)"/.exec(consentPage)?.[1];
    if (!token) throw new JourneyError("login: the answer is not a consent page");
    const form = new URLSearchParams({ j: token, termsAccepted: "yes", lang: "en" });
    let shown = 0;
    for (const [, id] of consentPage.matchAll(/name="shown" value="([0-9a-f-]{36})"/g)) {
      form.append("shown", id!);
      shown += 1;
    }
    const granted: string[] = [];
    for (const [, id] of consentPage.matchAll(/name="granted" value="([0-9a-f-]{36})"/g)) {
      if (Math.random() < options.tickProbability) {
        form.append("granted", id!);
        granted.push(id!);
      }
    }
    const success = await timed("consent → success page", { path: `/p/${slug}/consent`, method: "POST", body: form.toString() }, 200);
    if (!success.includes(`data-location="/p/${slug}/success?j=${token}"`)) throw new JourneyError("consent: the answer is not the success page");
    if (returning.length < 5000) returning.push(email);
    return { email, shown, granted };
  }

  return { journey, perStep, close: () => Promise.all(targets.map((t) => t.pool.close())) };
}

/** `concurrency` guests, each starting its next journey when the last one ends, for `durationMs`. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const guests = createGuestClient({ ...options, targets: [options.baseURL], connections: options.concurrency });
  const journeyTimes = latencyHistogram();
  const errorSamples: string[] = [];
  let journeys = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const journeyStarted = performance.now();
        try {
          await guests.journey();
          journeys += 1;
          journeyTimes.recordValue(Math.max(1, Math.round((performance.now() - journeyStarted) * 1000)));
        } catch (error) {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await guests.close();
  return { journeys, errors, errorSamples, elapsedMs, perStep: guests.perStep, journey: journeyTimes };
}
