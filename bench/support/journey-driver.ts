// Virtual guests for bench:journeys: each one walks complete journeys over HTTP the way a
// phone's captive mini-browser does (splash → email login → consent → success, following the
// redirects), with real form posts, its own gateway parameters, a unique email or, for a share
// of journeys, the email of a guest who came before, and random ticks. Latency is recorded per
// step, from request sent to body read.
import { randomBytes } from "node:crypto";

import { build, type Histogram } from "hdr-histogram-js";
import { Pool } from "undici";

export const steps = ["splash", "login", "consent page", "consent", "success"] as const;
export type Step = (typeof steps)[number];

export interface LoadOptions {
  baseURL: string;
  venueSlug: string;
  concurrency: number;
  durationMs: number;
  /** Share of journeys that reuse a completed guest's email (a returning guest). */
  returningShare: number;
  /** Each optional box is ticked with this probability. */
  tickProbability: number;
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

const histogram = () => build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });

const userAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

class JourneyError extends Error {}

function randomMac(): string {
  // Locally administered, like a phone's private address.
  const bytes = randomBytes(6);
  bytes[0] = (bytes[0]! | 0x02) & 0xfe;
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(":");
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const origin = new URL(options.baseURL).origin;
  const pool = new Pool(origin, { connections: options.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const perStep = Object.fromEntries(steps.map((s) => [s, histogram()])) as Record<Step, Histogram>;
  const journeyTimes = histogram();
  const returning: string[] = [];
  const errorSamples: string[] = [];
  let journeys = 0;
  let errors = 0;
  const headers = { "user-agent": userAgent, "accept-language": "en-GB,en;q=0.9" };
  const formHeaders = { ...headers, origin, "content-type": "application/x-www-form-urlencoded" };

  async function timed(step: Step, request: Parameters<Pool["request"]>[0], expected: number): Promise<{ body: string; location?: string }> {
    const started = performance.now();
    const response = await pool.request(request);
    const body = await response.body.text();
    perStep[step].recordValue(Math.max(1, Math.round((performance.now() - started) * 1000)));
    if (response.statusCode !== expected) throw new JourneyError(`${step}: HTTP ${response.statusCode}, expected ${expected}`);
    const location = response.headers.location;
    return { body, location: typeof location === "string" ? location : undefined };
  }

  async function journey(): Promise<void> {
    const slug = encodeURIComponent(options.venueSlug);
    const gateway = new URLSearchParams({ client_mac: randomMac(), client_ip: `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`, ap_mac: "00:11:22:33:44:55", url: "https://example.com/" }).toString();
    const email = returning.length > 0 && Math.random() < options.returningShare ? returning[Math.floor(Math.random() * returning.length)]! : `bench.${randomBytes(8).toString("hex")}@example.com`;

    await timed("splash", { path: `/p/${slug}?${gateway}`, method: "GET", headers }, 200);
    const login = await timed(
      "login",
      { path: `/p/${slug}/login`, method: "POST", headers: formHeaders, body: new URLSearchParams({ method: "email", email, gateway }).toString() },
      303,
    );
    const consentPath = login.location?.replace(origin, "");
    if (!consentPath?.includes("/consent?j=")) throw new JourneyError(`login: redirected to ${login.location}`);
    const page = await timed("consent page", { path: consentPath, method: "GET", headers }, 200);
    const token = new URL(consentPath, origin).searchParams.get("j")!;
    const form = new URLSearchParams({ j: token, termsAccepted: "yes", lang: "en" });
    for (const [, id] of page.body.matchAll(/name="shown" value="([0-9a-f-]{36})"/g)) form.append("shown", id!);
    for (const [, id] of page.body.matchAll(/name="granted" value="([0-9a-f-]{36})"/g)) if (Math.random() < options.tickProbability) form.append("granted", id!);
    const consent = await timed("consent", { path: `/p/${slug}/consent`, method: "POST", headers: formHeaders, body: form.toString() }, 303);
    const successPath = consent.location?.replace(origin, "");
    if (!successPath?.includes("/success?j=")) throw new JourneyError(`consent: redirected to ${consent.location}`);
    await timed("success", { path: successPath, method: "GET", headers }, 200);
    if (returning.length < 5000) returning.push(email);
  }

  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const journeyStarted = performance.now();
        try {
          await journey();
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
  await pool.close();
  return { journeys, errors, errorSamples, elapsedMs, perStep, journey: journeyTimes };
}
