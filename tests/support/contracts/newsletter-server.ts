// The plumbing the Mailchimp and Brevo contract servers share: a node:http server that hands
// each request over parsed, a call log, a fixed-window call limit and "the next K calls fail".
// Each vendor's file speaks its own paths, auth, payloads and error bodies.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ContractRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; `invalidJson` when a body was sent that does not parse. */
  body: unknown;
  invalidJson: boolean;
}

export interface ContractResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; absent for an empty body (204). */
  body?: unknown;
  contentType?: string;
}

/** One request as the vendor saw it. */
export interface CallRecord {
  method: string;
  path: string;
  status: number;
  /** Members or contacts in the request, for batch endpoints. */
  batchSize?: number;
  /** Milliseconds since the server started. */
  at: number;
}

export async function startContractServer(handle: (request: ContractRequest) => Promise<ContractResponse>): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      let invalidJson = false;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          invalidJson = true;
        }
      }
      const url = new URL(req.url ?? "/", "http://contract.invalid");
      handle({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body, invalidJson })
        .catch((error: unknown): ContractResponse => ({ status: 500, body: { message: `contract server bug: ${String(error)}` } }))
        .then((response) => {
          const headers: Record<string, string> = { ...response.headers };
          if (response.body !== undefined) headers["content-type"] = response.contentType ?? "application/json; charset=utf-8";
          res.writeHead(response.status, headers);
          res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from fetch would hold the server open.
        server.closeAllConnections();
      }),
  };
}

/** At most `limit` calls per fixed window of `windowMs`, as the vendors count them. */
export class WindowLimit {
  private windowStart = 0;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one call; `allowed` is false once the window's calls are used up. */
  take(now = Date.now()): { allowed: boolean; remaining: number; resetMs: number } {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    const resetMs = this.windowStart + this.windowMs - now;
    if (this.used >= this.limit) return { allowed: false, remaining: 0, resetMs };
    this.used += 1;
    return { allowed: true, remaining: this.limit - this.used, resetMs };
  }
}

/** "The next K calls answer 500/503" (optionally after letting a few calls through), for fault tests. */
export class FaultQueue {
  private queue: (number | null)[] = [];

  failNext(count: number, status = 503, afterCalls = 0): void {
    for (let i = 0; i < afterCalls; i++) this.queue.push(null);
    for (let i = 0; i < count; i++) this.queue.push(status);
  }

  take(): number | undefined {
    return this.queue.shift() ?? undefined;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
