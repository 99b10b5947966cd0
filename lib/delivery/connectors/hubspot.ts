// HubSpot contacts, through the CRM v3 API: batch upsert by email (≤100 per call, per-item
// results through multi-status), GDPR delete for erasure, a private-app token or OAuth 2.0 with
// refresh. docs/integrations/hubspot.md says what is sent, when, and the sources relied on.
import "server-only";

import { z } from "zod";

import type { BatchOutcome, Connector, ConnectorContext, DeliveryItem, ItemOutcome, RateLimitHint, WithdrawalSubject, WithdrawOutcome } from "../connector";
import { defaultThrottleMs, failureOutcome, retryAfterMs, vendorFetch } from "../vendor-http";
import { fieldMappingSchema, groupByContact, mappedValues, withdrawalValues, type CrmValue, type FieldMapping } from "./crm-fields";

type Failure = Exclude<BatchOutcome, { kind: "answered" }>;

export const hubspotMaxBatchSize = 100;
/** Refresh an OAuth access token this long before HubSpot's expiry (tokens live 30 minutes). */
const refreshMarginMs = 60_000;
/** A 429 under the DAILY policy lasts until midnight in the account's time zone, which Portico does not know: look again hourly. */
const dailyLimitWaitMs = 60 * 60_000;
/** HubSpot's 423: the record is locked; its docs ask for at least two seconds. */
const lockedWaitMs = 2_000;

/** Portico's defaults: HubSpot's own name and phone (the CRM's users own them once the contact exists) and custom properties Portico owns. */
export const hubspotDefaultFields: FieldMapping = [
  { source: "email", property: "email", owner: "portico" },
  { source: "firstName", property: "firstname", owner: "vendor" },
  { source: "lastName", property: "lastname", owner: "vendor" },
  { source: "phone", property: "phone", owner: "vendor" },
  { source: "guestId", property: "portico_guest_id", owner: "portico" },
  { source: "visitCount", property: "portico_visit_count", owner: "portico" },
  { source: "venueName", property: "portico_last_venue", owner: "portico" },
  { source: "zoneName", property: "portico_last_zone", owner: "portico" },
  { source: "connectedAt", property: "portico_last_connected_at", owner: "portico" },
  { source: "dwellMinutes", property: "portico_last_dwell_minutes", owner: "portico" },
  { source: "deviceType", property: "portico_device_type", owner: "portico" },
  { source: "os", property: "portico_os", owner: "portico" },
  { source: "marketingConsent", property: "portico_marketing_consent", owner: "portico" },
  { source: "marketingConsentAt", property: "portico_marketing_consent_at", owner: "portico" },
  { source: "marketingConsentWording", property: "portico_marketing_consent_wording", owner: "portico" },
  { source: "consentSummary", property: "portico_consents", owner: "portico" },
];

const baseUrlSchema = z
  .url({ protocol: /^https?$/, message: "Enter the API's address, e.g. https://api.hubapi.com." })
  .refine((value) => new URL(value).protocol === "https:" || ["127.0.0.1", "localhost", "[::1]"].includes(new URL(value).hostname), "Use https.")
  .transform((value) => value.replace(/\/+$/, ""));

export const hubspotSettingsSchema = z.object({
  baseUrl: baseUrlSchema.default("https://api.hubapi.com"),
  fields: fieldMappingSchema.default(hubspotDefaultFields),
});
export type HubspotSettings = z.infer<typeof hubspotSettingsSchema>;

const secret = z.string().trim().min(1).max(4096);
export const hubspotSecretsSchema = z.discriminatedUnion("auth", [
  z.object({ auth: z.literal("privateApp"), accessToken: secret }),
  z.object({
    auth: z.literal("oauth"),
    clientId: secret,
    clientSecret: secret,
    refreshToken: secret,
    /** Kept by Portico after each refresh. */
    accessToken: secret.optional().meta({ readOnly: true }),
    accessTokenExpiresAt: z.iso.datetime().optional().meta({ readOnly: true }),
  }),
]);
export type HubspotSecrets = z.infer<typeof hubspotSecretsSchema>;
type HubspotContext = ConnectorContext<HubspotSettings, HubspotSecrets>;

interface HubspotError {
  status?: string;
  category?: string;
  message?: string;
  policyName?: string;
  context?: Record<string, unknown>;
  errors?: Array<{ code?: string; message?: string; in?: string }>;
}
interface UpsertAnswer {
  results?: Array<{ id?: string; objectWriteTraceId?: string; properties?: Record<string, string | null> }>;
  errors?: HubspotError[];
}

export interface HubspotUpsertInput {
  idProperty: "email";
  id: string;
  /** Portico's delivery id: asks HubSpot for per-item (multi-status) errors and ties each one to its input. */
  objectWriteTraceId: string;
  properties: Record<string, string>;
}

const emailKey = (email: string) => email.trim().toLowerCase();
const propertyValue = (value: CrmValue) => (typeof value === "string" ? value : String(value));

/** One input per contact (HubSpot refuses a batch naming an email twice); `traces` says which deliveries each input answers. */
export function hubspotUpsertInputs(mapping: FieldMapping, items: DeliveryItem[]): { inputs: HubspotUpsertInput[]; traces: Map<string, string[]> } {
  const traces = new Map<string, string[]>();
  const inputs = groupByContact(items, (record) => emailKey(record.email)).map((group) => {
    const traceId = group.deliveryIds[0]!;
    traces.set(traceId, group.deliveryIds);
    const values = mappedValues(mapping, group.record, group.firstDelivery);
    const properties = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, propertyValue(value)]));
    return { idProperty: "email" as const, id: group.key, objectWriteTraceId: traceId, properties: { ...properties, email: group.key } };
  });
  return { inputs, traces };
}

/** Validation errors never succeed on a retry; anything else HubSpot reports per item (a conflict, a lock) may. */
function itemFailure(deliveryId: string, error: HubspotError): ItemOutcome {
  const codes = (error.errors ?? []).map((detail) => detail.code ?? "");
  const detail = [error.category, ...codes.filter(Boolean)].filter(Boolean).join(" ");
  const message = `HubSpot: ${detail ? `${detail}: ` : ""}${error.message ?? "no message"}`.slice(0, 500);
  const permanent = error.category === "VALIDATION_ERROR" || codes.some((code) => code.startsWith("INVALID_") || code === "PROPERTY_DOESNT_EXIST");
  return permanent ? { deliveryId, result: "rejected", error: message } : { deliveryId, result: "retry", error: message };
}

/**
 * Reads a 200/207 upsert answer into one outcome per delivery. HubSpot does not promise results
 * in input order, so results are matched by trace id (or email) and errors by the
 * `objectWriteTraceId` in their context; an input it said nothing about is tried again.
 */
export function readHubspotUpsertAnswer(inputs: HubspotUpsertInput[], traces: Map<string, string[]>, answer: UpsertAnswer): ItemOutcome[] {
  const byEmail = new Map(inputs.map((input) => [input.id, input.objectWriteTraceId]));
  const outcomes = new Map<string, ItemOutcome>();
  const settle = (traceId: string, outcome: (deliveryId: string) => ItemOutcome) => {
    for (const deliveryId of traces.get(traceId) ?? []) if (!outcomes.has(deliveryId)) outcomes.set(deliveryId, outcome(deliveryId));
  };
  for (const error of answer.errors ?? []) {
    const traceIds = error.context?.objectWriteTraceId;
    if (Array.isArray(traceIds)) for (const traceId of traceIds) settle(String(traceId), (deliveryId) => itemFailure(deliveryId, error));
  }
  for (const result of answer.results ?? []) {
    const email = result.properties?.email;
    const traceId = result.objectWriteTraceId ?? (email ? byEmail.get(emailKey(email)) : undefined);
    if (traceId && result.id) settle(traceId, (deliveryId) => ({ deliveryId, result: "delivered", externalId: result.id }));
  }
  return inputs.flatMap((input) =>
    (traces.get(input.objectWriteTraceId) ?? []).map(
      (deliveryId) => outcomes.get(deliveryId) ?? { deliveryId, result: "retry" as const, error: "HubSpot's answer had no result for this contact" },
    ),
  );
}

function headerNumber(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

/** X-HubSpot-RateLimit-Remaining in the window X-HubSpot-RateLimit-Interval-Milliseconds (absent on some APIs). */
export function hubspotRateLimit(headers: Headers): RateLimitHint | undefined {
  const remaining = headerNumber(headers, "x-hubspot-ratelimit-remaining");
  const interval = headerNumber(headers, "x-hubspot-ratelimit-interval-milliseconds");
  return remaining === null || interval === null ? undefined : { remaining, resetAfterMs: interval };
}

/** A non-success answer as an outcome; null for the 4xx a caller reads itself (a refused batch, a missing contact). */
export function hubspotFailure(status: number, headers: Headers, body: HubspotError | null, now: Date): Failure | null {
  const detail = body?.message ?? "";
  if (status === 429) {
    const wait =
      retryAfterMs(headers.get("retry-after"), now) ??
      (body?.policyName === "DAILY" ? dailyLimitWaitMs : headerNumber(headers, "x-hubspot-ratelimit-interval-milliseconds")) ??
      defaultThrottleMs;
    return { kind: "throttled", retryAfterMs: wait, error: `HTTP 429: ${body?.policyName ?? "rate limit"}: ${detail}`.slice(0, 300) };
  }
  if (status === 423) return { kind: "unavailable", error: `HTTP 423: ${detail}`.slice(0, 300), retryAfterMs: lockedWaitMs };
  // 477: a data migration is in progress; Retry-After says for how long.
  if (status === 477) return { kind: "unavailable", error: `HTTP 477: ${detail}`.slice(0, 300), retryAfterMs: retryAfterMs(headers.get("retry-after"), now) ?? defaultThrottleMs };
  return failureOutcome(status, headers, now, body?.category ? `${body.category}: ${detail}` : detail);
}

async function readBody<T>(response: Response): Promise<T | null> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

/** A token refresh through HubSpot's token endpoint; the new token is kept for later batches. */
async function refreshAccessToken(context: HubspotContext, secrets: Extract<HubspotSecrets, { auth: "oauth" }>): Promise<string | Failure> {
  const body = new URLSearchParams({ grant_type: "refresh_token", client_id: secrets.clientId, client_secret: secrets.clientSecret, refresh_token: secrets.refreshToken });
  const response = await vendorFetch(context.fetch, `${context.settings.baseUrl}/oauth/v3/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body,
  });
  if (!(response instanceof Response)) return response;
  const answer = await readBody<{ access_token?: string; refresh_token?: string; expires_in?: number; message?: string; error_description?: string }>(response);
  if (!response.ok || !answer?.access_token) {
    const detail = answer?.message ?? answer?.error_description ?? "";
    // 400 (BAD_REFRESH_TOKEN, BAD_CLIENT_ID…): the app was uninstalled or its credentials changed.
    if (response.status === 400 || response.status === 401 || response.status === 403) return { kind: "unauthorized", error: `HubSpot refused the OAuth refresh: HTTP ${response.status}: ${detail}`.slice(0, 300) };
    return hubspotFailure(response.status, response.headers, answer, context.now()) ?? { kind: "unavailable", error: `HubSpot's token endpoint answered HTTP ${response.status}` };
  }
  const refreshed: HubspotSecrets = {
    ...secrets,
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? secrets.refreshToken,
    accessTokenExpiresAt: new Date(context.now().getTime() + (answer.expires_in ?? 1800) * 1000).toISOString(),
  };
  await context.saveSecrets(refreshed);
  // The same context may carry the worker's next batches.
  context.secrets = refreshed;
  return answer.access_token;
}

async function accessToken(context: HubspotContext, forceRefresh: boolean): Promise<{ token: string; refreshed: boolean } | Failure> {
  const secrets = context.secrets;
  if (secrets.auth === "privateApp") return { token: secrets.accessToken, refreshed: false };
  const expiresAt = secrets.accessTokenExpiresAt ? Date.parse(secrets.accessTokenExpiresAt) : 0;
  if (!forceRefresh && secrets.accessToken && expiresAt - refreshMarginMs > context.now().getTime()) return { token: secrets.accessToken, refreshed: false };
  const token = await refreshAccessToken(context, secrets);
  return typeof token === "string" ? { token, refreshed: true } : token;
}

/** One authenticated JSON call; an OAuth token HubSpot no longer accepts is refreshed once and the call repeated. */
async function hubspotCall(context: HubspotContext, path: string, payload: unknown): Promise<Response | Failure> {
  let auth = await accessToken(context, false);
  for (;;) {
    if (!("token" in auth)) return auth;
    const response = await vendorFetch(context.fetch, `${context.settings.baseUrl}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${auth.token}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(payload),
    });
    if (!(response instanceof Response) || response.status !== 401 || context.secrets.auth !== "oauth" || auth.refreshed) return response;
    await response.body?.cancel();
    auth = await accessToken(context, true);
  }
}

async function deliver(context: HubspotContext, items: DeliveryItem[]): Promise<BatchOutcome> {
  if (items.length === 0) return { kind: "answered", items: [] };
  if (items.length > hubspotMaxBatchSize) throw new RangeError(`HubSpot takes at most ${hubspotMaxBatchSize} contacts per call; the worker sent ${items.length}.`);
  const { inputs, traces } = hubspotUpsertInputs(context.settings.fields, items);
  const response = await hubspotCall(context, "/crm/v3/objects/contacts/batch/upsert", { inputs });
  if (!(response instanceof Response)) return response;
  const body = await readBody<UpsertAnswer & HubspotError>(response);
  const rateLimit = hubspotRateLimit(response.headers);
  const answered = (outcomes: ItemOutcome[]): BatchOutcome => (rateLimit ? { kind: "answered", items: outcomes, rateLimit } : { kind: "answered", items: outcomes });
  if (response.ok) return answered(readHubspotUpsertAnswer(inputs, traces, body ?? {}));
  const failure = hubspotFailure(response.status, response.headers, body, context.now());
  if (failure) return failure;
  // Per-item problems come back as 207; a 400 refuses the request itself (a property that does
  // not exist, a bad id property), which no item can pass until the settings change.
  const error = `HubSpot refused the batch: HTTP ${response.status}: ${body?.category ?? ""} ${body?.message ?? ""}`.trim().slice(0, 500);
  if (response.status === 400 || response.status === 422) return answered(items.map((item) => ({ deliveryId: item.deliveryId, result: "rejected", error })));
  // Another 4xx (404, 405, 413…) is not HubSpot's batch API answering as documented.
  return { kind: "unavailable", error };
}

/**
 * HubSpot's GDPR delete of every contact id Portico stored for this guest; with none (or none
 * found), by email, for which HubSpot also blocklists the address if no contact has it.
 */
async function erase(context: HubspotContext, subject: { email: string; externalIds: string[] }) {
  const gdprDelete = async (target: { objectId: string; idProperty?: "email" }): Promise<"erased" | "notFound" | Failure> => {
    const response = await hubspotCall(context, "/crm/v3/objects/contacts/gdpr-delete", target);
    if (!(response instanceof Response)) return response;
    const body = await readBody<HubspotError>(response);
    if (response.ok) return "erased";
    // 404, or 400 for an id HubSpot cannot read: no contact under that id.
    if (response.status === 404 || response.status === 400) return "notFound";
    return hubspotFailure(response.status, response.headers, body, context.now()) ?? { kind: "unavailable", error: `HubSpot answered HTTP ${response.status}: ${body?.message ?? ""}`.slice(0, 300) };
  };
  let erased = false;
  for (const objectId of subject.externalIds) {
    const outcome = await gdprDelete({ objectId });
    if (typeof outcome !== "string") return outcome;
    erased ||= outcome === "erased";
  }
  if (erased) return { kind: "erased" as const };
  const outcome = await gdprDelete({ objectId: emailKey(subject.email), idProperty: "email" });
  return typeof outcome === "string" ? { kind: outcome } : outcome;
}

/**
 * A withdrawal: the contact's mapped consent properties set to the withdrawn decision (false,
 * when, which wording), through the batch update by email (`idProperty: "email"`), which
 * changes an existing contact and never creates one. HubSpot answers a contact it does not
 * have with a per-input OBJECT_NOT_FOUND error.
 */
async function withdraw(context: HubspotContext, subject: WithdrawalSubject): Promise<WithdrawOutcome> {
  const values = withdrawalValues(context.settings.fields, subject.consent);
  if (Object.keys(values).length === 0) return { kind: "notMapped" };
  const properties = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, propertyValue(value)]));
  const response = await hubspotCall(context, "/crm/v3/objects/contacts/batch/update", { inputs: [{ id: emailKey(subject.email), idProperty: "email", properties }] });
  if (!(response instanceof Response)) return response;
  const body = await readBody<UpsertAnswer & HubspotError>(response);
  if (response.status === 200 && (body?.results ?? []).length > 0) return { kind: "withdrawn" };
  if ((response.status === 207 || response.status === 404 || response.status === 400) && (body?.errors ?? [body]).some((error) => error?.category === "OBJECT_NOT_FOUND")) return { kind: "notFound" };
  return hubspotFailure(response.status, response.headers, body, context.now()) ?? { kind: "unavailable", error: `HubSpot answered HTTP ${response.status} to the update: ${body?.message ?? ""}`.slice(0, 300) };
}

/** Reads the mapped properties' definitions: proves the credentials and that every property exists. */
async function testConnection(context: HubspotContext) {
  const names = [...new Set(context.settings.fields.map((entry) => entry.property))];
  const response = await hubspotCall(context, "/crm/v3/properties/contacts/batch/read", { archived: false, inputs: names.map((name) => ({ name })) });
  if (!(response instanceof Response)) return { ok: false as const, error: response.error };
  const body = await readBody<{ results?: Array<{ name?: string }> } & HubspotError>(response);
  if (!response.ok && response.status !== 207) return { ok: false as const, error: `HubSpot answered HTTP ${response.status}: ${body?.message ?? ""}`.slice(0, 300) };
  const found = new Set((body?.results ?? []).map((property) => property.name?.toLowerCase()));
  const missing = names.filter((name) => !found.has(name.toLowerCase()));
  if (missing.length > 0) return { ok: false as const, error: `HubSpot has no contact properties named ${missing.join(", ")}: create them or change the field mapping.` };
  return { ok: true as const, detail: `Connected to HubSpot; all ${names.length} mapped contact properties exist.` };
}

export const hubspotConnector: Connector<HubspotSettings, HubspotSecrets> = {
  kind: "hubspot",
  label: "HubSpot",
  settingsSchema: hubspotSettingsSchema,
  secretsSchema: hubspotSecretsSchema,
  maxBatchSize: hubspotMaxBatchSize,
  deliver,
  erase,
  withdraw,
  testConnection,
};
