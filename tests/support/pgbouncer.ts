// A real PgBouncer (Debian's pgbouncer, installed by the preflight) in front of the test
// PostgreSQL, in transaction mode as production poolers run: each transaction, or each
// statement outside one, may go to a different server connection. Started on a free port with
// its own configuration in a temporary folder; stopped (and the folder removed) by stop().
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { freePort } from "@/bench/support/free-port";

export interface PgBouncer {
  /** `url`'s database, through the pooler. */
  pooledUrl(url: string): string;
  output(): string;
  stop(): Promise<void>;
}

/** PgBouncer refuses to run as root; as root it is started as the postgres user. */
const asUser = process.getuid?.() === 0 ? ["-u", "postgres"] : [];

export async function startPgBouncer(target: { host: string; port: number; user: string }, poolSize = 4): Promise<PgBouncer> {
  const dir = mkdtempSync(path.join(tmpdir(), "portico-pgbouncer-"));
  chmodSync(dir, 0o755);
  const port = await freePort();
  writeFileSync(path.join(dir, "userlist.txt"), `"${target.user}" ""\n`);
  writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${target.host} port=${target.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      `default_pool_size = ${poolSize}`,
      "max_client_conn = 500",
      // node-postgres and pg-boss send these at start-up; PgBouncer would refuse the connection.
      "ignore_startup_parameters = extra_float_digits,options,statement_timeout",
      "",
    ].join("\n"),
  );
  let output = "";
  const child: ChildProcess = spawn("/usr/sbin/pgbouncer", [...asUser, path.join(dir, "pgbouncer.ini")], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (!/listening on 127\.0\.0\.1:\d+/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`PgBouncer did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pooledUrl(url) {
      const pooled = new URL(url);
      pooled.hostname = "127.0.0.1";
      pooled.port = String(port);
      return pooled.toString();
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
