// bench:burst's figures and checks, once the outbox has drained: the journeys as the guests saw
// them, where the CPU went, and then, by SQL against the database and from what each contract
// server received, whether every journey, consent record and delivery is there exactly once.
import type { Histogram } from "hdr-histogram-js";
import type pg from "pg";

import { connectorCalls, consentedEmails, jobStates, ledgerCounts, outbox, sizes } from "./burst-checks";
import type { VendorAccount } from "./burst-vendors";
import { steps, type JourneyOutcome, type Step } from "./journey-driver";

export interface BurstFigures {
  guestCount: number;
  windowSeconds: number;
  outcomes: JourneyOutcome[];
  warmups: JourneyOutcome[];
  errors: number;
  errorSamples: string[];
  /** From each guest's scheduled arrival to the success page. */
  journeyTimes: Histogram;
  perStep: Record<Step, Histogram>;
  /** How late the load driver fired each arrival. */
  lateness: Histogram;
  firedSeconds: number;
  burstSeconds: number;
  maxInFlight: number;
  drainSeconds: number;
  startedAt: Date;
  journeysDoneAt: Date;
  cpu: { app: number; worker: number; postgres: number; bench: number; machineBusyShare: number; cores: number };
  connections: { active: number; lockWaits: number }[];
  poolSize: number;
}

const ms = (h: Histogram, p: number) => (h.totalCount ? (h.getValueAtPercentile(p) / 1000).toFixed(1) : "-");
const trio = (h: Histogram) => `${ms(h, 50)} / ${ms(h, 95)} / ${ms(h, 99)}`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Prints everything; resolves 0 when every check holds, 1 otherwise. */
export async function printBurstReport(db: pg.Pool, accounts: VendorAccount[], f: BurstFigures): Promise<number> {
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
    if (!ok) failures.push(what);
  };
  const completed = f.outcomes.length;
  const rate = (n: number, seconds: number) => (n / seconds).toFixed(1);
  console.log(`
Arrivals: ${f.guestCount} scheduled over ${f.windowSeconds} s; the last fired at ${f.firedSeconds.toFixed(1)} s (achieved arrival rate ${rate(f.guestCount, f.firedSeconds)}/s), fired late by p50/p99/max ${ms(f.lateness, 50)} / ${ms(f.lateness, 99)} / ${(f.lateness.maxValue / 1000).toFixed(1)} ms
Journeys: ${completed} completed, ${f.errors} errors; the last ended ${(f.burstSeconds - f.firedSeconds).toFixed(1)} s after the last arrival (${rate(completed, f.burstSeconds)} completed/s over ${f.burstSeconds.toFixed(1)} s); at most ${f.maxInFlight} guests in flight
  journey, from arrival to success page (ms) p50 / p95 / p99: ${trio(f.journeyTimes)}   max ${(f.journeyTimes.maxValue / 1000).toFixed(1)}
${steps.map((s) => `  ${s.padEnd(24)} p50 / p95 / p99 (ms): ${trio(f.perStep[s])}`).join("\n")}`);
  if (f.errorSamples.length) console.log(`  errors: ${f.errorSamples.join("; ")}`);
  const busy = f.connections.map((c) => c.active);
  const saturated = busy.filter((n) => n >= f.poolSize).length;
  console.log(`CPU during the burst (${f.burstSeconds.toFixed(1)} s, ${f.cpu.cores} cores): app ${f.cpu.app.toFixed(1)} s (${((f.cpu.app / completed) * 1000).toFixed(1)} ms/journey), worker ${f.cpu.worker.toFixed(1)} s, PostgreSQL backends of this database ${f.cpu.postgres.toFixed(1)} s (${((f.cpu.postgres / completed) * 1000).toFixed(1)} ms/journey), load driver ${f.cpu.bench.toFixed(1)} s; machine busy ${(f.cpu.machineBusyShare * 100).toFixed(0)}% (other sessions included)
Connections to this database running a statement, sampled every 0.5 s: mean ${(busy.reduce((a, b) => a + b, 0) / Math.max(1, busy.length)).toFixed(1)}, max ${Math.max(0, ...busy)} (app pools ${f.poolSize} in all; ${saturated} of ${busy.length} samples at or over that), lock waits seen in ${f.connections.filter((c) => c.lockWaits > 0).length} samples`);

  const ledger = await ledgerCounts(db);
  const all = [...f.outcomes, ...f.warmups];
  const purposes = new Map((await db.query<{ id: string; key: string }>("SELECT id, key FROM consent_purpose")).rows.map((r) => [r.id, r.key]));
  const tickedByKey = new Map<string, number>();
  for (const outcome of all) for (const id of outcome.granted) tickedByKey.set(purposes.get(id) ?? id, (tickedByKey.get(purposes.get(id) ?? id) ?? 0) + 1);
  console.log(`\nChecks, by SQL against the database (${f.warmups.length} warm-up journeys, which ticked nothing, included):`);
  check(f.errors === 0 && completed === f.guestCount, `every journey completed: ${completed} of ${f.guestCount}, ${f.errors} errors`);
  check(ledger.journeysCompleted === all.length && ledger.journeysOpen === 0, `journeys COMPLETED in the database: ${ledger.journeysCompleted} (expected ${all.length}), not completed: ${ledger.journeysOpen}`);
  check(ledger.visits === all.length && ledger.guests === all.length, `visits ${ledger.visits}, guests ${ledger.guests} (expected ${all.length} each: every guest new)`);
  const shown = all.reduce((sum, o) => sum + o.shown, 0);
  check(ledger.consentRecords === shown, `consent records ${ledger.consentRecords} (expected ${shown}: one per purpose shown)`);
  for (const [key, n] of tickedByKey) check(ledger.grantedByPurpose.get(key) === n, `granted ${key}: ${ledger.grantedByPurpose.get(key) ?? 0} in the ledger, ${n} ticked`);

  const rows = await outbox(db);
  const owedTo = new Map<string, string[]>();
  for (const key of new Set(accounts.flatMap((a) => a.purposes.map((p) => p.key)))) owedTo.set(key, await consentedEmails(db, key));
  let lastDelivered = 0;
  const honoured: boolean[] = [];
  console.log("\nDelivery:");
  for (const account of accounts) {
    for (const { key, connectorId } of account.purposes) {
      const mine = rows.filter((r) => r.connectorId === connectorId);
      const sent = mine.find((r) => r.status === "SENT")?.n ?? 0;
      const calls = await connectorCalls(db, connectorId);
      lastDelivered = Math.max(lastDelivered, calls.lastDelivered?.getTime() ?? 0);
      // A few milliseconds of slack: the worker's clock stamps the call, the database's the rows.
      honoured.push(calls.throttled === 0 || (calls.shortestWaitMs ?? 0) >= account.minimumWaitMs - 50);
      check(
        sent === owedTo.get(key)!.length && mine.every((r) => r.status === "SENT"),
        `${account.name} / ${key}: outbox ${mine.map((r) => `${r.status} ${r.n}`).join(", ") || "empty"} (owed ${owedTo.get(key)!.length}); ` +
          `${calls.calls} calls, ${calls.throttled} throttled, shortest wait after a throttle ${calls.shortestWaitMs === null ? "-" : `${(calls.shortestWaitMs / 1000).toFixed(2)} s`}; consent → delivered p50 ${calls.p50?.toFixed(1) ?? "-"} s, p99 ${calls.p99?.toFixed(1) ?? "-"} s`,
      );
    }
    const owed = new Map<string, number>();
    for (const { key } of account.purposes) for (const email of owedTo.get(key)!) owed.set(email, (owed.get(email) ?? 0) + 1);
    const got = account.writesByEmail();
    const missing = [...owed].filter(([email, n]) => (got.get(email) ?? 0) < n).length;
    const extra = [...got].filter(([email, n]) => n > (owed.get(email) ?? 0));
    const unconsented = extra.filter(([email]) => !owed.has(email)).length;
    const duplicated = extra.length - unconsented + account.repeats();
    check(missing === 0 && duplicated === 0 && unconsented === 0, `${account.name} received each consented guest exactly once: ${got.size} guests, missing ${missing}, duplicated ${duplicated}, without consent ${unconsented}`);
    console.log(`       ${account.throttled()} calls answered 429 (the vendor's hint: ${account.throttleHint})`);
  }
  const totalThrottled = accounts.reduce((sum, a) => sum + a.throttled(), 0);
  check(totalThrottled > 0, `the vendors throttled: ${totalThrottled} answers 429 in all`);
  check(honoured.every(Boolean), "each throttled connector waited at least the vendor's hint before calling again (shortest waits above)");
  const jobs = await jobStates(db);
  const open = jobs.filter((j) => j.name === "delivery-drain" && !["completed", "cancelled"].includes(j.state));
  check(open.length === 0, `no drain job left: ${jobs.filter((j) => j.name === "delivery-drain").map((j) => `${j.state} ${j.n}`).join(", ") || "none"}`);
  const drainAfterLast = lastDelivered ? (lastDelivered - f.journeysDoneAt.getTime()) / 1000 : 0;
  console.log(`\nDrain: the last record delivered ${((lastDelivered - f.startedAt.getTime()) / 1000).toFixed(1)} s after the first arrival, ${drainAfterLast.toFixed(1)} s after the last journey ended (outbox seen empty ${f.drainSeconds.toFixed(1)} s after it)`);
  const size = await sizes(db);
  console.log(`Database: ${mb(size.database)}; ${size.tables.map((t) => `${t.name} ${mb(t.bytes)}`).join(", ")}`);
  if (failures.length) console.log(`\n${failures.length} check(s) failed.`);
  return failures.length ? 1 : 0;
}
