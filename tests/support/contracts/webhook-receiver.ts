// A webhook receiver that does what the Standard Webhooks specification tells receivers to do,
// with the specification's own library (`standardwebhooks`): verify `webhook-signature`
// against the raw body with each secret it knows (any one `v1,` signature may match, which is
// what makes rotation work), refuse a `webhook-timestamp` more than five minutes off, and
// process each `webhook-id` once, acknowledging repeats without processing them again.
// Tests script its next answers (410, 429, 5xx, slow answers) and read what it accepted.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { Webhook, WebhookVerificationError } from "standardwebhooks";

export interface ReceivedMessage {
  id: string;
  /** `webhook-timestamp`, seconds. */
  timestamp: number;
  type: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  headers: Record<string, string>;
  /** The raw body, exactly as signed. */
  body: string;
}

export interface ReceivedRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
  /** The status this receiver answered. */
  status: number;
  /** Why verification refused it (the library's words). */
  refusal?: string;
  duplicate?: boolean;
}

/** What to answer instead of processing: a status (with Retry-After, a body), after a delay, or only a delay. */
export interface ScriptedAnswer {
  status?: number;
  retryAfter?: string;
  location?: string;
  body?: string;
  delayMs?: number;
}

export interface WebhookReceiverOptions {
  /** The `whsec_` secrets this receiver trusts. */
  secrets: string[];
  /** Where it listens (default /webhooks/portico). */
  path?: string;
}

export interface WebhookReceiver {
  url: string;
  /** Accepted messages, one per webhook-id, in arrival order. */
  messages: ReceivedMessage[];
  /** Every request, refused, scripted and repeated ones included. */
  requests: ReceivedRequest[];
  /** webhook-ids that arrived again after being accepted. */
  duplicates: string[];
  /** The next `count` requests get `answer` (queued after answers already scripted). */
  answerNext(count: number, answer: ScriptedAnswer): void;
  /** Resolves once `count` messages are accepted (for tests where a worker sends in the background). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  close(): Promise<void>;
}

const maxBody = 1024 * 1024;

function flatHeaders(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The library's verdict with each known secret: the first that verifies wins; otherwise the most telling refusal. */
function verify(secrets: Webhook[], body: string, headers: Record<string, string>): { ok: true } | { ok: false; refusal: string } {
  let refusal = "No matching signature found";
  for (const secret of secrets) {
    try {
      secret.verify(body, headers, { jsonParse: false });
      return { ok: true };
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      // Missing headers or a stale timestamp are the same whichever secret is tried.
      if (error.message !== "No matching signature found") refusal = error.message;
    }
  }
  return { ok: false, refusal };
}

function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const path = options.path ?? "/webhooks/portico";
  const secrets = options.secrets.map((secret) => new Webhook(secret));
  const messages: ReceivedMessage[] = [];
  const requests: ReceivedRequest[] = [];
  const duplicates: string[] = [];
  const script: ScriptedAnswer[] = [];
  const seen = new Set<string>();
  const waiters = new Set<() => void>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const headers = flatHeaders(request);
    const body = await readBody(request);
    const record = (status: number, extra: Partial<ReceivedRequest> = {}) => requests.push({ method: request.method ?? "", headers, body, status, ...extra });

    const scripted = script.shift();
    if (scripted?.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (scripted?.status) {
      record(scripted.status);
      const extra: Record<string, string> = {};
      if (scripted.retryAfter) extra["retry-after"] = scripted.retryAfter;
      if (scripted.location) extra.location = scripted.location;
      return answer(response, scripted.status, scripted.body ?? { error: `scripted ${scripted.status}` }, extra);
    }
    if (new URL(request.url ?? "/", "http://receiver").pathname !== path) {
      record(404);
      return answer(response, 404, { error: "no such endpoint" });
    }
    if (request.method !== "POST") {
      record(405);
      return answer(response, 405, { error: "POST only" }, { allow: "POST" });
    }

    // Verify before anything else, the body exactly as received (never re-serialised JSON).
    const verdict = verify(secrets, body, headers);
    if (!verdict.ok) {
      record(401, { refusal: verdict.refusal });
      return answer(response, 401, { error: verdict.refusal });
    }
    const id = headers["webhook-id"]!;
    if (seen.has(id)) {
      duplicates.push(id);
      record(200, { duplicate: true });
      return answer(response, 200, { received: true, duplicate: true });
    }
    seen.add(id);
    const payload = JSON.parse(body) as ReceivedMessage["payload"];
    messages.push({ id, timestamp: Number(headers["webhook-timestamp"]), type: payload.type, payload, headers, body });
    record(200);
    for (const wake of waiters) wake();
    answer(response, 200, { received: true });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      requests.push({ method: request.method ?? "", headers: flatHeaders(request), body: "", status: 400, refusal: String(error) });
      answer(response, 400, { error: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${path}`,
    messages,
    requests,
    duplicates,
    answerNext(count, scriptedAnswer) {
      for (let index = 0; index < count; index++) script.push(scriptedAnswer);
    },
    waitForMessages(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          cleanup();
          resolve(messages);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`the receiver got ${messages.length} of ${count} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
