// Signed webhooks per the Standard Webhooks specification (standardwebhooks.com, v1.0.0):
// one JSON POST per message with `webhook-id`, `webhook-timestamp` (seconds) and
// `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per signing
// secret, space-separated, so a receiver mid-rotation verifies with either). Statuses as the
// spec suggests: 2xx delivered; 410 the endpoint is gone; 429 and 502/503/504 slow down;
// redirects are not followed. docs/integrations/webhooks.md is the receiver's side.
import "server-only";

import { createHmac, randomBytes, randomUUID } from "node:crypto";

import { z } from "zod";

import type { BatchOutcome, ConnectionCheck, Connector, ConnectorContext, DeliveryItem, EraseOutcome, ItemOutcome, WithdrawalSubject, WithdrawOutcome } from "../connector";
import type { GuestRecord } from "../guest-record";
import { defaultThrottleMs, failureOutcome, vendorFetch } from "../vendor-http";

/** Messages in flight at once per batch: a receiver is one endpoint, often a small one. */
export const webhookConcurrency = 4;

/**
 * http:// only where the request never leaves this machine (tests, a local relay); anywhere
 * else a guest's data and the signature would cross networks readable by anyone on the path.
 */
function isLoopback(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

const secureUrl = z
  .url({ protocol: /^https?$/ })
  .refine((value) => new URL(value).protocol === "https:" || isLoopback(new URL(value)), "must start with https:// (http:// is accepted only for localhost and 127.0.0.1)")
  .refine((value) => !new URL(value).username && !new URL(value).password, "must not carry a user name or password");

/** Headers Portico sets itself, and those HTTP does not let a sender choose. */
const reservedHeader = /^(webhook-.*|content-type|content-length|content-encoding|host|user-agent|transfer-encoding|connection|expect|te|upgrade)$/i;

const customHeaders = z
  .record(
    z
      .string()
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "is not an HTTP header name")
      .refine((name) => !reservedHeader.test(name), "is set by Portico"),
    z.string().max(1024).regex(/^[\t\x20-\x7e]*$/, "must be printable ASCII on one line"),
  )
  .refine((headers) => Object.keys(headers).length <= 20, "at most 20 headers");

export const webhookSettingsSchema = z
  .object({
    /** Where messages are POSTed. */
    endpointUrl: secureUrl,
    /** thin: ids, venue, consent flags and the URL to GET the guest from; full: the whole guest record. */
    payload: z.enum(["thin", "full"]).default("thin"),
    /** Portico's public address (e.g. https://wifi.example.com); thin payloads point at <it>/api/v1/guests/<guestId>. */
    pullApiBaseUrl: secureUrl.optional(),
    /** Sent with every message (not secret: shown in the staff area). */
    headers: customHeaders.default({}),
  })
  .refine((settings) => settings.payload === "full" || settings.pullApiBaseUrl, {
    path: ["pullApiBaseUrl"],
    message: "thin payloads need Portico's public address, where the receiver fetches the guest",
  });
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

/** `whsec_` + base64 of 24 to 64 random bytes (the spec's symmetric secret). */
const signingSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be whsec_ followed by base64")
  .refine((secret) => {
    const length = Buffer.from(secret.slice("whsec_".length), "base64").length;
    return length >= 24 && length <= 64;
  }, "must hold 24 to 64 random bytes");

export const webhookSecretsSchema = z.object({
  /** Every message is signed with each, so a rotation needs no downtime; list the newest first. */
  signingSecrets: z
    .array(signingSecret)
    .min(1)
    .max(3)
    .refine((secrets) => new Set(secrets).size === secrets.length, "lists the same secret twice"),
});
export type WebhookSecrets = z.infer<typeof webhookSecretsSchema>;
type WebhookContext = ConnectorContext<WebhookSettings, WebhookSecrets>;

/** A new signing secret to show staff once (and give the receiver). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The `webhook-signature` header: one `v1,` signature per secret, space-separated. */
export function webhookSignature(secrets: string[], id: string, timestampSeconds: number, body: string): string {
  const signed = `${id}.${timestampSeconds}.${body}`;
  return secrets
    .map((secret) => `v1,${createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64")).update(signed, "utf8").digest("base64")}`)
    .join(" ");
}

export interface WebhookEvent {
  type: "guest.consented" | "guest.erased" | "consent.withdrawn" | "portico.test";
  /** When the event happened (ISO 8601); `webhook-timestamp` is when this attempt was made. */
  timestamp: string;
  data: Record<string, unknown>;
}

/** Where the receiver GETs the guest (the pull API, GET /api/v1/guests/:guestId). */
export function guestUrl(pullApiBaseUrl: string, guestId: string): string {
  return `${pullApiBaseUrl.replace(/\/+$/, "")}/api/v1/guests/${encodeURIComponent(guestId)}`;
}

/**
 * `guest.consented`. The thin payload names the guest, venue and consent flags and where to
 * fetch the rest (no email, name or phone travels); the full one carries the record as the
 * consent gate left it. The event time is the latest consent decision, so a retried message
 * has the same body.
 */
export function guestConsentedEvent(record: GuestRecord, settings: WebhookSettings): WebhookEvent {
  const timestamp = record.consents.map((consent) => consent.recordedAt).sort().at(-1) ?? record.connectedAt;
  if (settings.payload === "full") return { type: "guest.consented", timestamp, data: { ...record } };
  return {
    type: "guest.consented",
    timestamp,
    data: { guestId: record.guestId, venue: record.venue, consents: record.consents, url: guestUrl(settings.pullApiBaseUrl!, record.guestId) },
  };
}

/** What one message's answer means for it, and whether the rest of the batch should wait. */
type Answer =
  | { kind: "delivered"; status: number }
  | { kind: "rejected"; error: string }
  | { kind: "retry"; cause: "throttled" | "unavailable"; error: string; retryAfterMs?: number; slowDown: boolean }
  /** About the whole endpoint, not this message. */
  | { kind: "endpoint"; outcome: Extract<BatchOutcome, { kind: "gone" | "unauthorized" }> };

/** At most this much of an error answer is read, for the message staff see. */
async function readDetail(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  let text = "";
  const decoder = new TextDecoder();
  try {
    while (text.length < 300) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body cut off mid-way still leaves the status to go by.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return text.replace(/\s+/g, " ").trim().slice(0, 300);
}

async function send(context: WebhookContext, event: WebhookEvent, id: string): Promise<Answer> {
  const timestamp = Math.floor(context.now().getTime() / 1000);
  const body = JSON.stringify(event);
  const response = await vendorFetch(context.fetch, context.settings.endpointUrl, {
    method: "POST",
    // 3xx is a failure: the endpoint should be updated instead (the spec's advice).
    redirect: "manual",
    headers: {
      ...context.settings.headers,
      "content-type": "application/json",
      "user-agent": "Portico-Webhooks/1",
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": webhookSignature(context.secrets.signingSecrets, id, timestamp, body),
    },
    body,
  });
  if (!(response instanceof Response)) return { kind: "retry", cause: "unavailable", error: response.error, slowDown: true };
  if (response.ok) {
    void response.body?.cancel().catch(() => undefined);
    return { kind: "delivered", status: response.status };
  }
  const detail = await readDetail(response);
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("location");
    return { kind: "rejected", error: `HTTP ${response.status}: redirected${location ? ` to ${location.slice(0, 200)}` : ""}; redirects are not followed, set the endpoint to the final address` };
  }
  const failure = failureOutcome(response.status, response.headers, context.now(), detail);
  if (!failure) return { kind: "rejected", error: `HTTP ${response.status}${detail ? `: ${detail}` : ""}` };
  if (failure.kind === "gone" || failure.kind === "unauthorized") return { kind: "endpoint", outcome: failure };
  if (failure.kind === "throttled") return { kind: "retry", cause: "throttled", error: failure.error, retryAfterMs: failure.retryAfterMs, slowDown: true };
  // 502/503/504 say the receiver is overloaded or down; another 5xx may be this message alone.
  const overloaded = [502, 503, 504].includes(response.status);
  return { kind: "retry", cause: "unavailable", error: failure.error, retryAfterMs: "retryAfterMs" in failure ? failure.retryAfterMs : undefined, slowDown: overloaded };
}

/** webhook-id travels in the signed content, delimited by full stops: ids must not contain one. */
const messageId = /^[A-Za-z0-9_-]{1,200}$/;

async function deliver(context: WebhookContext, items: DeliveryItem[]): Promise<BatchOutcome> {
  const outcomes = new Map<string, ItemOutcome>();
  const retries: Extract<Answer, { kind: "retry" }>[] = [];
  let endpoint: Extract<Answer, { kind: "endpoint" }> | undefined;
  let slowDown: Extract<Answer, { kind: "retry" }> | undefined;

  const handle = async ({ deliveryId, record }: DeliveryItem) => {
    if (!messageId.test(deliveryId)) {
      outcomes.set(deliveryId, { deliveryId, result: "rejected", error: "the delivery id cannot be a webhook-id" });
      return;
    }
    const answer = await send(context, guestConsentedEvent(record, context.settings), deliveryId);
    if (answer.kind === "delivered") outcomes.set(deliveryId, { deliveryId, result: "delivered", externalId: record.guestId });
    else if (answer.kind === "rejected") outcomes.set(deliveryId, { deliveryId, result: "rejected", error: answer.error });
    else if (answer.kind === "endpoint") endpoint ??= answer;
    else {
      retries.push(answer);
      outcomes.set(deliveryId, { deliveryId, result: "retry", error: answer.error });
      if (answer.slowDown) slowDown ??= answer;
    }
  };
  // A few at a time; once the endpoint is gone, refuses us or asks to slow down, nothing new starts.
  let next = 0;
  const lane = async () => {
    while (!endpoint && !slowDown && next < items.length) await handle(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(webhookConcurrency, items.length) }, lane));

  if (endpoint) return endpoint.outcome;
  const unsent = slowDown ? `not sent: ${slowDown.error}` : "not sent";
  const results = items.map((item) => outcomes.get(item.deliveryId) ?? { deliveryId: item.deliveryId, result: "retry" as const, error: unsent });
  if (results.some((result) => result.result !== "retry")) return { kind: "answered", items: results };
  // Nothing got through: the whole batch waits, as long as the longest Retry-After asked.
  const waits = retries.flatMap((retry) => (retry.retryAfterMs === undefined ? [] : [retry.retryAfterMs]));
  const wait = waits.length > 0 ? Math.max(...waits) : undefined;
  const error = (slowDown ?? retries[0])?.error ?? "not sent";
  if (retries.some((retry) => retry.cause === "throttled")) return { kind: "throttled", retryAfterMs: wait ?? defaultThrottleMs, error };
  return wait === undefined ? { kind: "unavailable", error } : { kind: "unavailable", error, retryAfterMs: wait };
}

/**
 * `guest.erased` for each guest id this endpoint was sent (deliver returns it as the
 * externalId). An endpoint that never received the guest is told nothing: notFound. The
 * webhook-id is the same for every attempt, so a receiver sees a retried erasure as one.
 */
async function erase(context: WebhookContext, subject: { email: string; externalIds: string[] }): Promise<EraseOutcome> {
  const guestIds = [...new Set(subject.externalIds)];
  if (guestIds.length === 0) return { kind: "notFound" };
  for (const guestId of guestIds) {
    const event: WebhookEvent = { type: "guest.erased", timestamp: context.now().toISOString(), data: { guestId } };
    const answer = await send(context, event, `erase_${guestId.replace(/[^A-Za-z0-9_-]/g, "_")}`);
    if (answer.kind === "endpoint") return answer.outcome;
    if (answer.kind === "retry") {
      if (answer.cause === "throttled") return { kind: "throttled", retryAfterMs: answer.retryAfterMs ?? defaultThrottleMs, error: answer.error };
      return answer.retryAfterMs === undefined ? { kind: "unavailable", error: answer.error } : { kind: "unavailable", error: answer.error, retryAfterMs: answer.retryAfterMs };
    }
    // An erasure is never reported done without a 2xx: any other answer is tried again.
    if (answer.kind === "rejected") return { kind: "unavailable", error: answer.error };
  }
  return { kind: "erased" };
}

/**
 * `consent.withdrawn`: the guest withdrew the consent this endpoint relies on. The message id is
 * stable per decision, so a retry is recognisable as the same message.
 */
async function withdraw(context: WebhookContext, subject: WithdrawalSubject): Promise<WithdrawOutcome> {
  const { consent } = subject;
  const event: WebhookEvent = { type: "consent.withdrawn", timestamp: consent.recordedAt, data: { guestId: subject.guestId, purpose: consent.purpose, granted: false, wording: consent.wording, recordedAt: consent.recordedAt } };
  const answer = await send(context, event, `withdraw_${subject.guestId}_${consent.purpose}_${Date.parse(consent.recordedAt)}`.replace(/[^A-Za-z0-9_-]/g, "_"));
  if (answer.kind === "endpoint") return answer.outcome;
  if (answer.kind === "retry") {
    if (answer.cause === "throttled") return { kind: "throttled", retryAfterMs: answer.retryAfterMs ?? defaultThrottleMs, error: answer.error };
    return answer.retryAfterMs === undefined ? { kind: "unavailable", error: answer.error } : { kind: "unavailable", error: answer.error, retryAfterMs: answer.retryAfterMs };
  }
  if (answer.kind === "rejected") return { kind: "unavailable", error: answer.error };
  return { kind: "withdrawn" };
}

async function testConnection(context: WebhookContext): Promise<ConnectionCheck> {
  const event: WebhookEvent = { type: "portico.test", timestamp: context.now().toISOString(), data: { message: "Portico checks that this endpoint verifies its signatures." } };
  const answer = await send(context, event, `test_${randomUUID()}`);
  const host = new URL(context.settings.endpointUrl).host;
  if (answer.kind === "delivered") return { ok: true, detail: `${host} accepted a signed portico.test message (HTTP ${answer.status}).` };
  if (answer.kind === "endpoint") {
    return answer.outcome.kind === "gone"
      ? { ok: false, error: `${host} answered 410 Gone: it no longer accepts messages.` }
      : { ok: false, error: `${host} refused the message (${answer.outcome.error}): check that it has this signing secret.` };
  }
  return { ok: false, error: `${host}: ${answer.error}` };
}

export const webhookConnector: Connector<WebhookSettings, WebhookSecrets> = {
  kind: "webhook",
  label: "Webhook (Standard Webhooks)",
  settingsSchema: webhookSettingsSchema,
  secretsSchema: webhookSecretsSchema,
  generateSecrets: () => ({ signingSecrets: [generateWebhookSecret()] }),
  // No batch call: each item is its own POST, a few in flight at a time.
  maxBatchSize: 20,
  deliver,
  erase,
  withdraw,
  testConnection,
};
