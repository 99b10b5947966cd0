// The one interface every outbound vendor implements (HubSpot, Salesforce, Mailchimp, Brevo,
// webhooks…): one small module per vendor in ./connectors, one line in ./connectors/registry.ts.
// A connector speaks the vendor's published API and nothing else: batching, retries, backoff,
// rate limits, the consent gate and bookkeeping belong to the delivery worker
// (lib/delivery/worker.ts), which reads the outcomes below.
import type { z } from "zod";

import type { ConsentFlag, GuestRecord } from "./guest-record";

export type ConnectorKind = "hubspot" | "salesforce" | "mailchimp" | "brevo" | "webhook";

/** Who owns a field's value: Portico always writes it, or the vendor's copy wins once it exists. */
export type FieldOwner = "portico" | "vendor";

export interface DeliveryItem {
  /** The outbox row's id: the idempotency key for this item (e.g. a webhook's `webhook-id`). */
  deliveryId: string;
  record: GuestRecord;
  /**
   * True when Portico has not delivered this guest to this connector before. Fields a
   * connector's settings mark vendor-owned (e.g. a name the CRM keeps) are sent only then, so
   * Portico introduces a contact but never overwrites what the vendor's users edit.
   */
  firstDelivery: boolean;
}

/** The vendor's own word on how many calls are left (HubSpot's X-HubSpot-RateLimit-*, Salesforce's Sforce-Limit-Info…). */
export interface RateLimitHint {
  remaining: number;
  /** When the window resets, in milliseconds from now. */
  resetAfterMs: number;
}

export type ItemOutcome =
  | { deliveryId: string; result: "delivered"; externalId?: string }
  /** Try this item again later (a transient per-item error inside a batch answer). */
  | { deliveryId: string; result: "retry"; error: string }
  /** Never retried: the vendor refused this item for good (invalid address, compliance state…). */
  | { deliveryId: string; result: "rejected"; error: string }
  /**
   * Not sent at all: the vendor's limit ran out before this item's call (a connector that calls
   * per contact stops there). It waits for the reset in the answer's rateLimit and costs no attempt.
   */
  | { deliveryId: string; result: "notSent"; error: string };

export type BatchOutcome =
  /** The vendor answered: one outcome per item given, read from its per-item results. */
  | { kind: "answered"; items: ItemOutcome[]; rateLimit?: RateLimitHint }
  /** 429 or the vendor's limit error: nothing was taken; try the whole batch after this wait. */
  | { kind: "throttled"; retryAfterMs: number; error: string }
  /** 5xx, timeout or network failure: nothing is known to be taken; try again with backoff. */
  | { kind: "unavailable"; error: string; retryAfterMs?: number }
  /** Credentials refused (401/403, revoked token): pause the connector, alert staff, burn no retries. */
  | { kind: "unauthorized"; error: string }
  /** The endpoint is gone for good (a webhook answering 410): disable the connector. */
  | { kind: "gone"; error: string };

export type EraseOutcome = { kind: "erased" | "notFound" } | Exclude<BatchOutcome, { kind: "answered" }>;

/**
 * A withdrawal's answer: the vendor recorded the opt-out ("withdrawn"), had no such person
 * ("notFound"), or the connection's settings give Portico nothing to record it in
 * ("notMapped": e.g. a CRM mapping with no consent field); otherwise as for a batch.
 */
export type WithdrawOutcome = { kind: "withdrawn" | "notFound" | "notMapped" } | Exclude<BatchOutcome, { kind: "answered" }>;

/** Who withdrew what: enough for the vendor to find the person and record the decision. */
export interface WithdrawalSubject {
  email: string;
  /** The ids the vendor gave back for this person (contact ids, member hashes…). */
  externalIds: string[];
  /** Portico's guest id (a webhook receiver knows guests by it). */
  guestId: string;
  /** The decision withdrawn: its purpose key, granted false, the wording it answered and when. */
  consent: ConsentFlag;
}

export type ConnectionCheck = { ok: true; detail: string } | { ok: false; error: string };

export interface ConnectorContext<Settings, Secrets> {
  settings: Settings;
  secrets: Secrets;
  /** The only way a connector reaches the network (tests point it at contract servers). */
  fetch: typeof fetch;
  /** Keeps rotated credentials (a refreshed OAuth access token), encrypted at rest. */
  saveSecrets(secrets: Secrets): Promise<void>;
  now(): Date;
}

export interface Connector<Settings = unknown, Secrets = unknown> {
  kind: ConnectorKind;
  /** The vendor's name as staff know it. */
  label: string;
  /** Non-secret settings (base URL, list id, field mapping…): validated on save, shown in the UI. */
  settingsSchema: z.ZodType<Settings>;
  /** Credentials: validated on save, encrypted at rest, never shown again. */
  secretsSchema: z.ZodType<Secrets>;
  /**
   * Credentials Portico creates itself rather than the vendor issuing them (a webhook's signing
   * secret): used when staff leave them blank on a new connection, and shown to staff once.
   */
  generateSecrets?(): Secrets;
  /** The vendor's documented maximum per call. */
  maxBatchSize: number;
  deliver(context: ConnectorContext<Settings, Secrets>, items: DeliveryItem[]): Promise<BatchOutcome>;
  /** The vendor's documented deletion for one person (GDPR erasure). */
  erase(context: ConnectorContext<Settings, Secrets>, subject: { email: string; externalIds: string[] }): Promise<EraseOutcome>;
  /**
   * The vendor's documented opt-out for one person who withdrew the consent this connection
   * relies on (docs/RIGHTS.md, "Withdrawal"): unsubscribed, opted out or told, never deleted.
   */
  withdraw(context: ConnectorContext<Settings, Secrets>, subject: WithdrawalSubject): Promise<WithdrawOutcome>;
  /** One cheap authenticated call that proves the settings and credentials work. */
  testConnection(context: ConnectorContext<Settings, Secrets>): Promise<ConnectionCheck>;
}
