// What the CRM contract servers (hubspot.ts, salesforce.ts) share: a loopback HTTP server, a call
// log, a rolling-window rate limit and injected faults. Each vendor's file speaks its own API.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ContractCall {
  method: string;
  /** Without the query string. */
  path: string;
  /** Records (inputs, ids) the call carried, for batch endpoints. */
  batchSize?: number;
  status: number;
  at: number;
}

export interface ContractAnswer {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string; absent for 204. */
  body?: unknown;
  batchSize?: number;
}

export interface ContractRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  text: string;
}

/** Calls per rolling window (the oldest call leaves the window `intervalMs` after it was made). */
export class RollingWindow {
  private readonly stamps: number[] = [];
  constructor(
    readonly max: number,
    readonly intervalMs: number,
  ) {}

  private prune(now: number) {
    while (this.stamps.length > 0 && this.stamps[0]! <= now - this.intervalMs) this.stamps.shift();
  }

  /** Counts a call; false when the window was already full (the call still counts, as vendors count refused calls). */
  take(now: number): boolean {
    this.prune(now);
    const allowed = this.stamps.length < this.max;
    this.stamps.push(now);
    return allowed;
  }

  used(now: number): number {
    this.prune(now);
    return this.stamps.length;
  }

  remaining(now: number): number {
    return Math.max(0, this.max - this.used(now));
  }

  /** Milliseconds until the oldest call leaves the window. */
  resetAfter(now: number): number {
    this.prune(now);
    return this.stamps.length === 0 ? 0 : this.stamps[0]! + this.intervalMs - now;
  }

  clear() {
    this.stamps.length = 0;
  }
}

export interface InjectedFault {
  status: number;
  retryAfterSeconds?: number;
}

/** The next K calls answer with a server error instead of doing their work. */
export class FaultQueue {
  private readonly queue: InjectedFault[] = [];

  inject(count: number, fault: InjectedFault) {
    for (let i = 0; i < count; i++) this.queue.push(fault);
  }

  next(): InjectedFault | undefined {
    return this.queue.shift();
  }

  get pending() {
    return this.queue.length;
  }
}

export async function startContractServer(
  port: number,
  handle: (request: ContractRequest) => ContractAnswer | Promise<ContractAnswer>,
  log: ContractCall[],
  clock: () => number,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://contract.local");
      const request: ContractRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, text: Buffer.concat(chunks).toString("utf8") };
      let answer: ContractAnswer;
      try {
        answer = await handle(request);
      } catch (error) {
        answer = { status: 500, body: { message: error instanceof Error ? error.message : String(error) } };
      }
      log.push({ method: request.method, path: request.path, batchSize: answer.batchSize, status: answer.status, at: clock() });
      const body = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { ...(body ? { "content-type": "application/json;charset=UTF-8" } : {}), ...answer.headers });
      res.end(body);
    });
  });
  // Keep-alive sockets would hold close() open until they time out.
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function bearerToken(headers: IncomingMessage["headers"]): string | null {
  const match = /^Bearer (.+)$/i.exec(headers.authorization ?? "");
  return match ? match[1]!.trim() : null;
}

/** A plausible address, as the vendors check it (not RFC 5322). */
export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value);
