// Salesforce Leads or Contacts through the REST API: sObject Collections upsert on an external-ID
// field (≤200 per call, allOrNone false, per-record results), OAuth 2.0 client credentials on
// the org's My Domain, REQUEST_LIMIT_EXCEEDED and Sforce-Limit-Info, and delete for erasure.
// docs/integrations/salesforce.md says what is sent, when, and the sources relied on.
import "server-only";

import { z } from "zod";

import type { BatchOutcome, Connector, ConnectorContext, DeliveryItem, EraseOutcome, ItemOutcome, RateLimitHint, WithdrawalSubject, WithdrawOutcome } from "../connector";
import { defaultThrottleMs, failureOutcome, retryAfterMs, vendorFetch } from "../vendor-http";
import { fieldMappingSchema, groupByContact, mappedValues, withdrawalValues, type CrmValue, type FieldMapping } from "./crm-fields";

type Failure = Exclude<BatchOutcome, { kind: "answered" }>;
type Group = ReturnType<typeof groupByContact<DeliveryItem>>[number];

export const salesforceMaxBatchSize = 200;
/** Client-credentials tokens carry no expiry; Salesforce's default session timeout is two hours (a 401 sooner refreshes too). */
const assumedSessionMs = 2 * 60 * 60_000;
/** The org's 24-hour request allowance is spent: it frees up as the oldest calls age out, so look again in a while. */
const requestLimitWaitMs = 5 * 60_000;
/** Sforce-Limit-Info counts calls over a rolling 24 hours. */
const dailyWindowMs = 24 * 60 * 60_000;
/** Per-record errors that can pass on a later try; every other one is a refusal of the data. */
const retryableStatusCodes = new Set(["UNABLE_TO_LOCK_ROW", "ALL_OR_NONE_OPERATION_ROLLED_BACK", "REQUEST_RUNNING_TOO_LONG", "SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION"]);
const goneStatusCodes = new Set(["ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY", "NOT_FOUND", "MALFORMED_ID", "INVALID_ID_FIELD"]);

/** Portico's defaults: Salesforce's name and mobile (owned by the org's users once the record exists) and custom fields Portico owns. */
export const salesforceDefaultFields: FieldMapping = [
  { source: "email", property: "Email", owner: "portico" },
  { source: "firstName", property: "FirstName", owner: "vendor" },
  { source: "lastName", property: "LastName", owner: "vendor" },
  { source: "phone", property: "MobilePhone", owner: "vendor" },
  { source: "visitCount", property: "Portico_Visit_Count__c", owner: "portico" },
  { source: "venueName", property: "Portico_Last_Venue__c", owner: "portico" },
  { source: "zoneName", property: "Portico_Last_Zone__c", owner: "portico" },
  { source: "connectedAt", property: "Portico_Last_Connected_At__c", owner: "portico" },
  { source: "dwellMinutes", property: "Portico_Last_Dwell_Minutes__c", owner: "portico" },
  { source: "deviceType", property: "Portico_Device_Type__c", owner: "portico" },
  { source: "os", property: "Portico_OS__c", owner: "portico" },
  { source: "marketingConsent", property: "Portico_Marketing_Consent__c", owner: "portico" },
  { source: "marketingConsentAt", property: "Portico_Marketing_Consent_At__c", owner: "portico" },
  { source: "marketingConsentWording", property: "Portico_Marketing_Consent_Wording__c", owner: "portico" },
  { source: "consentSummary", property: "Portico_Consents__c", owner: "portico" },
];

const loopback = ["127.0.0.1", "localhost", "[::1]"];
const myDomainSchema = z
  .url({ protocol: /^https?$/, message: "Enter the org's My Domain address, e.g. https://acme.my.salesforce.com." })
  .refine((value) => new URL(value).protocol === "https:" || loopback.includes(new URL(value).hostname), "Use https.")
  .refine((value) => !["login.salesforce.com", "test.salesforce.com"].includes(new URL(value).hostname), "Use the org's My Domain: the client credentials flow does not run on login.salesforce.com.")
  .transform((value) => value.replace(/\/+$/, ""));

export const salesforceSettingsSchema = z.object({
  myDomainUrl: myDomainSchema,
  apiVersion: z
    .string()
    .regex(/^v\d{2,3}\.0$/, "An API version such as v66.0.")
    .refine((value) => Number(value.slice(1)) >= 46, "sObject Collections upsert needs API version 46.0 or later.")
    .default("v66.0"),
  object: z.enum(["Lead", "Contact"]).default("Lead"),
  /** A custom External ID field, or Email (a standard field Salesforce allows upserts on). */
  externalIdField: z
    .string()
    .trim()
    .regex(/^(Email|[A-Za-z][A-Za-z0-9_]*__c)$/, "A custom External ID field (ending in __c) or Email.")
    .default("Portico_Guest_Id__c"),
  /** Written into a field Salesforce requires to create a record (Last Name, a Lead's Company) when Portico has no value. */
  placeholder: z.string().trim().min(1).max(80).default("[not provided]"),
  fields: fieldMappingSchema.default(salesforceDefaultFields),
});
export type SalesforceSettings = z.infer<typeof salesforceSettingsSchema>;

const secret = z.string().trim().min(1).max(4096);
export const salesforceSecretsSchema = z.object({
  clientId: secret,
  clientSecret: secret,
  /** Kept by Portico after each token request. */
  accessToken: secret.optional().meta({ readOnly: true }),
  instanceUrl: z.url().optional().meta({ readOnly: true }),
  issuedAt: z.iso.datetime().optional().meta({ readOnly: true }),
});
export type SalesforceSecrets = z.infer<typeof salesforceSecretsSchema>;
type SalesforceContext = ConnectorContext<SalesforceSettings, SalesforceSecrets>;

/** Salesforce's REST error body: an array of these. */
interface SalesforceError {
  errorCode?: string;
  message?: string;
}
/** One record's result in a collections answer. */
export interface SalesforceSaveResult {
  id?: string | null;
  success?: boolean;
  created?: boolean;
  errors?: Array<{ statusCode?: string; message?: string; fields?: string[] }>;
}

const emailKey = (email: string) => email.trim().toLowerCase();
const keyValue = (settings: SalesforceSettings, group: Pick<Group, "record">) => (settings.externalIdField === "Email" ? emailKey(group.record.email) : group.record.guestId);

/**
 * The records for one collections upsert. Vendor-owned fields, and what Salesforce needs to
 * create a record (LastName, a Lead's Company), go only with contacts being introduced.
 */
export function salesforceRecords(settings: SalesforceSettings, groups: Group[], introduce: (group: Group) => boolean): Array<Record<string, CrmValue | { type: string }>> {
  return groups.map((group) => {
    const key = settings.externalIdField.toLowerCase();
    const fields = Object.fromEntries(Object.entries(mappedValues(settings.fields, group.record, introduce(group))).filter(([name]) => name.toLowerCase() !== key));
    if (introduce(group)) {
      if (fields.LastName === undefined) {
        // A one-word name is the person's only name, and Salesforce requires a last name.
        fields.LastName = fields.FirstName ?? settings.placeholder;
        delete fields.FirstName;
      }
      if (settings.object === "Lead") fields.Company ??= settings.placeholder;
    }
    return { attributes: { type: settings.object }, ...fields, [settings.externalIdField]: keyValue(settings, group) };
  });
}

function recordOutcome(deliveryId: string, result: SalesforceSaveResult | undefined): ItemOutcome {
  if (!result) return { deliveryId, result: "retry", error: "Salesforce's answer had no result for this record" };
  if (result.success && result.id) return { deliveryId, result: "delivered", externalId: result.id };
  const errors = result.errors ?? [];
  const error = `Salesforce: ${errors.map((entry) => `${entry.statusCode ?? "ERROR"}: ${entry.message ?? ""}${entry.fields?.length ? ` [${entry.fields.join(", ")}]` : ""}`).join("; ") || "the record was not saved"}`.slice(0, 500);
  return errors.length > 0 && errors.every((entry) => retryableStatusCodes.has(entry.statusCode ?? "")) ? { deliveryId, result: "retry", error } : { deliveryId, result: "rejected", error };
}

/** Results come back in the order the records were sent; each group's outcome goes to all its deliveries. */
export function readSalesforceResults(groups: Group[], results: SalesforceSaveResult[]): Map<string, ItemOutcome> {
  const outcomes = new Map<string, ItemOutcome>();
  groups.forEach((group, index) => {
    for (const deliveryId of group.deliveryIds) outcomes.set(deliveryId, recordOutcome(deliveryId, results[index]));
  });
  return outcomes;
}

/** `Sforce-Limit-Info: api-usage=18/5000` as the calls left in the org's rolling 24 hours. */
export function salesforceRateLimit(headers: Headers): RateLimitHint | undefined {
  const match = /api-usage=(\d+)\/(\d+)/.exec(headers.get("sforce-limit-info") ?? "");
  return match ? { remaining: Math.max(0, Number(match[2]) - Number(match[1])), resetAfterMs: dailyWindowMs } : undefined;
}

/** REQUEST_LIMIT_EXCEEDED (HTTP 403) is a limit, not refused credentials; everything else as every vendor's statuses. */
export function salesforceFailure(status: number, headers: Headers, errors: SalesforceError[] | null, now: Date): Failure | null {
  const list = Array.isArray(errors) ? errors : [];
  const detail = list.map((entry) => `${entry.errorCode ?? "ERROR"}: ${entry.message ?? ""}`).join("; ");
  const limit = list.find((entry) => entry.errorCode === "REQUEST_LIMIT_EXCEEDED");
  if (status === 403 && limit) {
    // "ConcurrentPerOrgLongTxn Limit exceeded" clears in seconds; "TotalRequests Limit exceeded" as the 24 hours roll on.
    const wait = retryAfterMs(headers.get("retry-after"), now) ?? (/concurrent/i.test(limit.message ?? "") ? defaultThrottleMs : requestLimitWaitMs);
    return { kind: "throttled", retryAfterMs: wait, error: `HTTP 403: ${detail}`.slice(0, 300) };
  }
  return failureOutcome(status, headers, now, detail);
}

async function readBody<T>(response: Response): Promise<T | null> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

/** A new access token by the client credentials flow on the org's My Domain, kept for later batches. */
async function requestToken(context: SalesforceContext): Promise<{ token: string; instanceUrl: string } | Failure> {
  const { clientId, clientSecret } = context.secrets;
  const response = await vendorFetch(context.fetch, `${context.settings.myDomainUrl}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  if (!(response instanceof Response)) return response;
  const answer = await readBody<{ access_token?: string; instance_url?: string; issued_at?: string; error?: string; error_description?: string }>(response);
  if (!response.ok || !answer?.access_token) {
    const detail = `${answer?.error ?? ""}${answer?.error_description ? `: ${answer.error_description}` : ""}`;
    // invalid_client, invalid_grant ("no client credentials user enabled"), unsupported_grant_type: the app's settings or secret.
    if (response.status === 400 || response.status === 401 || response.status === 403) return { kind: "unauthorized", error: `Salesforce refused the client credentials: HTTP ${response.status}: ${detail}`.slice(0, 300) };
    return failureOutcome(response.status, response.headers, context.now(), detail) ?? { kind: "unavailable", error: `Salesforce's token endpoint answered HTTP ${response.status}` };
  }
  const instanceUrl = (answer.instance_url ?? context.settings.myDomainUrl).replace(/\/+$/, "");
  const issuedAt = Number(answer.issued_at);
  const refreshed: SalesforceSecrets = {
    ...context.secrets,
    accessToken: answer.access_token,
    instanceUrl,
    issuedAt: new Date(Number.isFinite(issuedAt) && issuedAt > 0 ? issuedAt : context.now().getTime()).toISOString(),
  };
  await context.saveSecrets(refreshed);
  // The same context may carry the worker's next batches.
  context.secrets = refreshed;
  return { token: answer.access_token, instanceUrl };
}

async function session(context: SalesforceContext, renew: boolean): Promise<{ token: string; instanceUrl: string; renewed: boolean } | Failure> {
  const { accessToken, instanceUrl, issuedAt } = context.secrets;
  const fresh = accessToken && instanceUrl && issuedAt && Date.parse(issuedAt) + assumedSessionMs > context.now().getTime();
  if (!renew && fresh) return { token: accessToken, instanceUrl, renewed: false };
  const token = await requestToken(context);
  return "token" in token ? { ...token, renewed: true } : token;
}

/** One authenticated REST call to the instance; a token Salesforce no longer accepts (401) is replaced once. */
async function salesforceCall(context: SalesforceContext, method: string, path: string, payload?: unknown): Promise<Response | Failure> {
  let auth = await session(context, false);
  for (;;) {
    if (!("token" in auth)) return auth;
    const response = await vendorFetch(context.fetch, `${auth.instanceUrl}/services/data/${context.settings.apiVersion}${path}`, {
      method,
      headers: { authorization: `Bearer ${auth.token}`, accept: "application/json", ...(payload === undefined ? {} : { "content-type": "application/json" }) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    if (!(response instanceof Response) || response.status !== 401 || auth.renewed) return response;
    await response.body?.cancel();
    auth = await session(context, true);
  }
}

type UpsertAnswer = { results: Map<string, ItemOutcome>; rateLimit?: RateLimitHint } | Failure;

async function upsert(context: SalesforceContext, groups: Group[], introduce: (group: Group) => boolean): Promise<UpsertAnswer> {
  const { object, externalIdField } = context.settings;
  const records = salesforceRecords(context.settings, groups, introduce);
  const response = await salesforceCall(context, "PATCH", `/composite/sobjects/${object}/${externalIdField}`, { allOrNone: false, records });
  if (!(response instanceof Response)) return response;
  const body = await readBody<unknown>(response);
  const rateLimit = salesforceRateLimit(response.headers);
  if (response.ok && Array.isArray(body)) return { results: readSalesforceResults(groups, body as SalesforceSaveResult[]), rateLimit };
  const errors = Array.isArray(body) ? (body as SalesforceError[]) : [];
  const failure = salesforceFailure(response.status, response.headers, errors, context.now());
  if (failure) return failure;
  // The request itself is refused: 400 for a mapped field that does not exist, 404 NOT_FOUND for
  // an external-ID field that does not. No record can pass until the settings change.
  const error = `Salesforce refused the request: HTTP ${response.status}: ${errors.map((entry) => `${entry.errorCode}: ${entry.message}`).join("; ")}`.slice(0, 500);
  if (response.status !== 400 && !(response.status === 404 && errors.length > 0)) return { kind: "unavailable", error };
  const results = new Map<string, ItemOutcome>(groups.flatMap((group) => group.deliveryIds.map((deliveryId) => [deliveryId, { deliveryId, result: "rejected", error }] as const)));
  return { results, rateLimit };
}

async function deliver(context: SalesforceContext, items: DeliveryItem[]): Promise<BatchOutcome> {
  if (items.length === 0) return { kind: "answered", items: [] };
  if (items.length > salesforceMaxBatchSize) throw new RangeError(`Salesforce takes at most ${salesforceMaxBatchSize} records per call; the worker sent ${items.length}.`);
  const groups = groupByContact(items, (record) => keyValue(context.settings, { record }));
  const first = await upsert(context, groups, (group) => group.firstDelivery);
  if (!("results" in first)) return first;
  // A record Portico delivered before but Salesforce no longer has (deleted, merged) needs the
  // fields a create requires: send those once more as introductions; nothing is overwritten.
  const missing = groups.filter((group) => !group.firstDelivery && /REQUIRED_FIELD_MISSING/.test(outcomeError(first.results.get(group.deliveryIds[0]!))));
  let rateLimit = first.rateLimit;
  if (missing.length > 0) {
    const second = await upsert(context, missing, () => true);
    for (const group of missing) {
      for (const deliveryId of group.deliveryIds) {
        first.results.set(deliveryId, "results" in second ? second.results.get(deliveryId)! : { deliveryId, result: "retry", error: second.error });
      }
    }
    if ("results" in second) rateLimit = second.rateLimit ?? rateLimit;
  }
  const outcomes = items.map((item) => first.results.get(item.deliveryId)!);
  return rateLimit ? { kind: "answered", items: outcomes, rateLimit } : { kind: "answered", items: outcomes };
}

const outcomeError = (outcome: ItemOutcome | undefined) => (outcome && outcome.result !== "delivered" ? outcome.error : "");

/** SOQL string literal: backslash and quote escaped. */
const soqlString = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

async function deleteRecords(context: SalesforceContext, ids: string[]): Promise<"erased" | "notFound" | Failure> {
  let erased = false;
  for (let start = 0; start < ids.length; start += salesforceMaxBatchSize) {
    const chunk = ids.slice(start, start + salesforceMaxBatchSize).map(encodeURIComponent).join(",");
    const response = await salesforceCall(context, "DELETE", `/composite/sobjects?ids=${chunk}&allOrNone=false`);
    if (!(response instanceof Response)) return response;
    const body = await readBody<unknown>(response);
    if (!response.ok || !Array.isArray(body)) {
      const errors = Array.isArray(body) ? (body as SalesforceError[]) : null;
      return salesforceFailure(response.status, response.headers, errors, context.now()) ?? { kind: "unavailable", error: `Salesforce answered HTTP ${response.status} to a delete` };
    }
    for (const result of body as SalesforceSaveResult[]) {
      if (result.success) erased = true;
      else if (!(result.errors ?? []).every((entry) => goneStatusCodes.has(entry.statusCode ?? ""))) {
        const error = `Salesforce did not delete ${result.id ?? "a record"}: ${(result.errors ?? []).map((entry) => `${entry.statusCode}: ${entry.message}`).join("; ")}`.slice(0, 300);
        // Without delete permission staff must act; anything else (a lock, a related record) may pass later.
        return (result.errors ?? []).some((entry) => entry.statusCode?.startsWith("INSUFFICIENT_ACCESS")) ? { kind: "unauthorized", error } : { kind: "unavailable", error };
      }
    }
  }
  return erased ? "erased" : "notFound";
}

/** Deletes the records Portico stored ids for; with none (or none left), those with the guest's email. */
async function erase(context: SalesforceContext, subject: { email: string; externalIds: string[] }): Promise<EraseOutcome> {
  if (subject.externalIds.length > 0) {
    const outcome = await deleteRecords(context, subject.externalIds);
    if (outcome === "erased" || typeof outcome !== "string") return typeof outcome === "string" ? { kind: outcome } : outcome;
  }
  const query = `SELECT Id FROM ${context.settings.object} WHERE Email = ${soqlString(emailKey(subject.email))}`;
  const response = await salesforceCall(context, "GET", `/query?q=${encodeURIComponent(query)}`);
  if (!(response instanceof Response)) return response;
  const body = await readBody<{ records?: Array<{ Id?: string }> }>(response);
  if (!response.ok) return salesforceFailure(response.status, response.headers, Array.isArray(body) ? (body as SalesforceError[]) : null, context.now()) ?? { kind: "unavailable", error: `Salesforce answered HTTP ${response.status} to the lookup` };
  const ids = (body?.records ?? []).flatMap((record) => (record.Id ? [record.Id] : []));
  if (ids.length === 0) return { kind: "notFound" };
  const outcome = await deleteRecords(context, ids);
  return typeof outcome === "string" ? { kind: outcome } : outcome;
}

/** The ids of the records with this email (SOQL on the connection's object). */
async function idsByEmail(context: SalesforceContext, email: string): Promise<string[] | Failure> {
  const query = `SELECT Id FROM ${context.settings.object} WHERE Email = ${soqlString(emailKey(email))}`;
  const response = await salesforceCall(context, "GET", `/query?q=${encodeURIComponent(query)}`);
  if (!(response instanceof Response)) return response;
  const body = await readBody<{ records?: Array<{ Id?: string }> }>(response);
  if (!response.ok) return salesforceFailure(response.status, response.headers, Array.isArray(body) ? (body as SalesforceError[]) : null, context.now()) ?? { kind: "unavailable", error: `Salesforce answered HTTP ${response.status} to the lookup` };
  return (body?.records ?? []).flatMap((record) => (record.Id ? [record.Id] : []));
}

/**
 * A withdrawal: Salesforce's own email opt-out (HasOptedOutOfEmail, a standard field of Lead
 * and Contact) set on the records Portico stored ids for, else (none left) on those with the
 * guest's email, with the mapped consent fields, in one sObject Collections update.
 */
async function withdraw(context: SalesforceContext, subject: WithdrawalSubject): Promise<WithdrawOutcome> {
  if (subject.externalIds.length > 0) {
    const outcome = await optOut(context, subject.externalIds, subject);
    if (outcome.kind !== "notFound") return outcome;
  }
  const found = await idsByEmail(context, subject.email);
  if (!Array.isArray(found)) return found;
  return found.length === 0 ? { kind: "notFound" } : optOut(context, found, subject);
}

async function optOut(context: SalesforceContext, ids: string[], subject: WithdrawalSubject): Promise<WithdrawOutcome> {
  const values = withdrawalValues(context.settings.fields, subject.consent);
  const records = ids.slice(0, salesforceMaxBatchSize).map((id) => ({ attributes: { type: context.settings.object }, id, ...values, HasOptedOutOfEmail: true }));
  const response = await salesforceCall(context, "PATCH", "/composite/sobjects", { allOrNone: false, records });
  if (!(response instanceof Response)) return response;
  const body = await readBody<unknown>(response);
  if (!response.ok || !Array.isArray(body)) {
    const errors = Array.isArray(body) ? (body as SalesforceError[]) : null;
    return salesforceFailure(response.status, response.headers, errors, context.now()) ?? { kind: "unavailable", error: `Salesforce answered HTTP ${response.status} to the update` };
  }
  const results = body as SalesforceSaveResult[];
  if (results.some((result) => result.success)) return { kind: "withdrawn" };
  if (results.every((result) => (result.errors ?? []).every((entry) => goneStatusCodes.has(entry.statusCode ?? "")))) return { kind: "notFound" };
  const error = `Salesforce did not record the opt-out: ${results.flatMap((result) => (result.errors ?? []).map((entry) => `${entry.statusCode}: ${entry.message}`)).join("; ")}`.slice(0, 300);
  return { kind: "unavailable", error };
}

/** Describes the object: proves the credentials and that the external-ID field and every mapped field exist. */
async function testConnection(context: SalesforceContext) {
  const { object, externalIdField } = context.settings;
  const response = await salesforceCall(context, "GET", `/sobjects/${object}/describe`);
  if (!(response instanceof Response)) return { ok: false as const, error: response.error };
  const body = await readBody<{ fields?: Array<{ name?: string; externalId?: boolean; idLookup?: boolean }> }>(response);
  if (!response.ok) {
    const failure = salesforceFailure(response.status, response.headers, Array.isArray(body) ? (body as SalesforceError[]) : null, context.now());
    return { ok: false as const, error: failure?.error ?? `Salesforce answered HTTP ${response.status}` };
  }
  const fields = new Map((body?.fields ?? []).map((field) => [field.name?.toLowerCase(), field]));
  const key = fields.get(externalIdField.toLowerCase());
  if (!key || !(key.externalId || key.idLookup)) return { ok: false as const, error: `${object} has no External ID field ${externalIdField}: create it (docs/integrations/salesforce.md) or change the setting.` };
  const missing = [...new Set(context.settings.fields.map((entry) => entry.property))].filter((name) => !fields.has(name.toLowerCase()));
  if (missing.length > 0) return { ok: false as const, error: `${object} has no fields named ${missing.join(", ")}: create them or change the field mapping.` };
  return { ok: true as const, detail: `Connected to ${context.secrets.instanceUrl ?? context.settings.myDomainUrl}; ${object} has ${externalIdField} and all mapped fields.` };
}

export const salesforceConnector: Connector<SalesforceSettings, SalesforceSecrets> = {
  kind: "salesforce",
  label: "Salesforce",
  settingsSchema: salesforceSettingsSchema,
  secretsSchema: salesforceSecretsSchema,
  maxBatchSize: salesforceMaxBatchSize,
  deliver,
  erase,
  withdraw,
  testConnection,
};
