// The real FreeRADIUS for tests: Debian's radiusd started on the repository's own configuration
// (docs/freeradius/raddb, exactly as an operator runs it) on free ports, pointed at a Portico
// RADIUS endpoint the test serves, and driven with Debian's radclient. The preflight
// (tests/support/preflight.ts) installs freeradius, freeradius-rest and freeradius-utils.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import type { RadiusEndpoints } from "@/lib/network/radius/endpoint";

const configDir = path.resolve(import.meta.dirname, "../../docs/freeradius/raddb");

export interface FreeRadius {
  authPort: number;
  acctPort: number;
  secret: string;
  /** What radiusd printed so far (its log, for failing tests). */
  output(): string;
  stop(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Starts radiusd in the foreground; resolves once it reports "Ready to process requests". */
export async function startFreeRadius(input: { porticoUrl: string; token: string; secret: string }): Promise<FreeRadius> {
  const runDir = mkdtempSync(path.join(tmpdir(), "portico-radius-"));
  const authPort = await freeUdpPort();
  let acctPort = await freeUdpPort();
  while (acctPort === authPort) acctPort = await freeUdpPort();
  const child: ChildProcess = spawn("freeradius", ["-f", "-l", "stdout", "-d", configDir], {
    env: {
      PATH: process.env.PATH ?? "/usr/sbin:/usr/bin",
      PORTICO_URL: input.porticoUrl,
      PORTICO_RADIUS_TOKEN: input.token,
      PORTICO_RADIUS_SECRET: input.secret,
      PORTICO_RADIUS_CLIENTS: "127.0.0.1/32",
      PORTICO_RADIUS_LISTEN: "127.0.0.1",
      PORTICO_RADIUS_AUTH_PORT: String(authPort),
      PORTICO_RADIUS_ACCT_PORT: String(acctPort),
      PORTICO_RADIUS_RUN_DIR: runDir,
    } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`radiusd did not start within 15 s:\n${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to process requests")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`radiusd exited with ${code}:\n${output}`));
    });
  });
  await ready;
  return {
    authPort,
    acctPort,
    secret: input.secret,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

export interface RadiusAnswer {
  /** "Access-Accept", "Access-Reject", "Accounting-Response", or null when no answer came. */
  code: string | null;
  attributes: Record<string, string>;
  output: string;
}

/**
 * One request with radclient, as a NAS would send it. A `CHAP-Password` is given in clear text
 * and radclient sends the CHAP response; a Message-Authenticator is always added (FreeRADIUS
 * requires one, BlastRADIUS). Asynchronous: the Portico endpoint FreeRADIUS calls may be served
 * by the test's own process.
 */
export async function radclient(server: { port: number; secret: string }, type: "auth" | "acct", attributes: Record<string, string | number>): Promise<RadiusAnswer> {
  const lines = Object.entries(attributes).map(([name, value]) => `${name} = ${typeof value === "number" ? value : JSON.stringify(value)}`);
  if (type === "auth") lines.push("Message-Authenticator = 0x00");
  const child = spawn("radclient", ["-x", "-r", "1", "-t", "3", `127.0.0.1:${server.port}`, type, server.secret], { stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once("close", resolve));
  child.stdin.end(`${lines.join("\n")}\n`);
  await exited;
  const received = /Received (Access-Accept|Access-Reject|Accounting-Response)/.exec(output);
  const answer: Record<string, string> = {};
  if (received) {
    const after = output.slice(received.index);
    for (const match of after.matchAll(/^\s+([A-Za-z0-9-]+) = (.*)$/gm)) answer[match[1]!] = match[2]!.replace(/^"(.*)"$/, "$1");
  }
  return { code: received?.[1] ?? null, attributes: answer, output };
}

export interface RadiusForPortico {
  radius: FreeRadius;
  /** Where a NAS sends Access-Requests and Accounting-Requests, with the shared secret. */
  auth: { port: number; secret: string };
  acct: { port: number; secret: string };
  /** Requests FreeRADIUS made to Portico so far. */
  porticoCalls(): number;
  stop(): Promise<void>;
}

/**
 * FreeRADIUS in front of Portico's RADIUS endpoints: the endpoints are served on a local HTTP
 * port as the app serves /api/radius/authorize and /api/radius/accounting, and radiusd's rlm_rest
 * calls them with `token`, as an operator's FreeRADIUS would.
 */
export async function startRadiusForPortico(endpoints: RadiusEndpoints, token: string): Promise<RadiusForPortico> {
  let calls = 0;
  const portico = createServer(async (request, response) => {
    calls += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const handler = request.url === "/api/radius/authorize" ? endpoints.authorize : request.url === "/api/radius/accounting" ? endpoints.accounting : null;
    if (!handler || request.method !== "POST") return void response.writeHead(404).end();
    const answer = await handler(
      new Request(`http://127.0.0.1${request.url}`, { method: "POST", headers: request.headers as Record<string, string>, body: Buffer.concat(chunks) }),
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => portico.listen(0, "127.0.0.1", resolve));
  const secret = randomBytes(12).toString("hex");
  const radius = await startFreeRadius({ porticoUrl: `http://127.0.0.1:${(portico.address() as AddressInfo).port}`, token, secret });
  return {
    radius,
    auth: { port: radius.authPort, secret },
    acct: { port: radius.acctPort, secret },
    porticoCalls: () => calls,
    async stop() {
      await radius.stop();
      await new Promise((resolve) => portico.close(resolve));
    },
  };
}
