// Portico's own processes for the benchmarks: the web process (`npm start`'s lib/runtime/start.ts,
// job queue included) and the delivery worker (`npm run worker`), each in its own process group
// so the tsx wrapper and the node it starts stop together, and so their CPU can be read.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessEnv {
  databaseUrl: string;
  /** A direct connection for migrations when databaseUrl is a transaction-mode pooler. */
  directDatabaseUrl?: string;
  poolMax: number;
  /** The same in every process on the database: connector credentials are sealed with it. */
  secretKey: string;
  nextAuthSecret: string;
}

function environment(env: ProcessEnv, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: env.databaseUrl,
    ...(env.directDatabaseUrl ? { DIRECT_DATABASE_URL: env.directDatabaseUrl } : {}),
    DATABASE_POOL_MAX: String(env.poolMax),
    NODE_ENV: "production",
    PORTICO_SECRET_KEY: env.secretKey,
    NEXTAUTH_SECRET: env.nextAuthSecret,
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

/** A web process on 127.0.0.1:`port`, resolved once it answers /healthz. */
export async function startApp(env: ProcessEnv, port: number): Promise<ChildProcess> {
  const server = spawn("node_modules/.bin/tsx", ["lib/runtime/start.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: environment(env, { HOST: "127.0.0.1", PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}` }),
  });
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return server;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not come up within 300 s");
}

/** `npm run worker`; its JSON log goes nowhere but its errors to this process's stderr. */
export function startWorker(env: ProcessEnv): ChildProcess {
  return spawn("node_modules/.bin/tsx", ["lib/runtime/worker.ts"], { stdio: ["ignore", "ignore", "inherit"], detached: true, env: environment(env, {}) });
}

export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

const ticksPerSecond = 100;

/** CPU seconds (user + system) used so far by the processes `pids`, or by every process in the groups `groups`. */
export function cpuSeconds(select: { pids?: number[]; groups?: number[] }): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone since the listing
    }
    // The fields after the command's closing parenthesis: state is the first, pgrp the third, utime/stime the 12th/13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const inGroup = select.groups?.includes(Number(fields[2]));
    if (!inGroup && !select.pids?.includes(pid)) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
}
