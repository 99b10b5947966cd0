// A local HubSpot that follows the published CRM v3 contract for what Portico uses: contacts batch
// upsert by email (≤100 inputs, multi-status per-item errors when every input carries an
// objectWriteTraceId, results not in input order), batch update by id or email (an unknown
// contact is a per-input OBJECT_NOT_FOUND error, 207), GDPR delete, contact property batch read,
// the v3 OAuth token endpoint (expiring access tokens), private-app tokens with scopes, 401/403
// bodies in HubSpot's error format, X-HubSpot-RateLimit-* headers and 429s from a rolling
// window, and injected 5xx faults. Sources: docs/integrations/hubspot.md.
//
//   const hubspot = await startHubspotContract({ rateLimit: { max: 100, intervalMs: 10_000 } });
import { randomUUID } from "node:crypto";

import { bearerToken, FaultQueue, looksLikeEmail, parseJson, RollingWindow, startContractServer, type ContractAnswer, type ContractCall, type ContractRequest } from "./crm-contract-kit";

export const hubspotUpsertPath = "/crm/v3/objects/contacts/batch/upsert";
export const hubspotGdprDeletePath = "/crm/v3/objects/contacts/gdpr-delete";
export const hubspotBatchUpdatePath = "/crm/v3/objects/contacts/batch/update";
export const hubspotPropertiesReadPath = "/crm/v3/properties/contacts/batch/read";
export const hubspotMaxInputs = 100;

/** The private-app token the server accepts unless told otherwise. */
export const hubspotContractToken = "pat-na1-00000000-contract-token";
export const hubspotContractOAuth = { clientId: "contract-client-id", clientSecret: "contract-client-secret", refreshToken: "contract-refresh-token" };
const allScopes = ["crm.objects.contacts.read", "crm.objects.contacts.write", "crm.schemas.contacts.read"];

export type HubspotPropertyType = "string" | "number" | "bool" | "datetime";

/** HubSpot's own contact properties a Portico mapping may name. */
const standardProperties: Record<string, HubspotPropertyType> = {
  email: "string",
  firstname: "string",
  lastname: "string",
  phone: "string",
  mobilephone: "string",
  company: "string",
  city: "string",
  country: "string",
};

/** The custom properties docs/integrations/hubspot.md asks an admin to create. */
export const porticoHubspotProperties: Record<string, HubspotPropertyType> = {
  portico_guest_id: "string",
  portico_visit_count: "number",
  portico_last_venue: "string",
  portico_last_zone: "string",
  portico_last_connected_at: "datetime",
  portico_last_dwell_minutes: "number",
  portico_device_type: "string",
  portico_os: "string",
  portico_marketing_consent: "bool",
  portico_marketing_consent_at: "datetime",
  portico_marketing_consent_wording: "string",
  portico_consents: "string",
};

export interface HubspotContractOptions {
  /** Accepted private-app tokens (all scopes unless given). Default: `hubspotContractToken`. */
  privateAppTokens?: Array<string | { token: string; scopes: string[] }>;
  /** The OAuth app the token endpoint knows. Default: `hubspotContractOAuth`, tokens living 1800 s. */
  oauth?: { clientId: string; clientSecret: string; refreshToken: string; accessTokenTtlSeconds?: number };
  /** HubSpot's ten-secondly rolling limit, e.g. `{ max: 100, intervalMs: 10_000 }`. Default 190 per 10 s. */
  rateLimit?: { max: number; intervalMs: number };
  /** Calls per day (the DAILY policy); none by default. */
  dailyLimit?: number;
  /** Custom contact properties that exist. Default: `porticoHubspotProperties`. */
  customProperties?: Record<string, HubspotPropertyType>;
  /** Send Retry-After (seconds) on 429s; HubSpot documents none for API calls, so off by default. */
  retryAfterOn429?: boolean;
  clock?: () => number;
  port?: number;
}

export interface HubspotStoredContact {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /** Upserts that touched this contact. */
  writes: number;
}

export interface HubspotContract {
  baseUrl: string;
  close(): Promise<void>;
  contacts(): HubspotStoredContact[];
  contactByEmail(email: string): HubspotStoredContact | undefined;
  calls: ContractCall[];
  callsTo(path: string): ContractCall[];
  /** The next `count` API calls (not the token endpoint) answer `status` (default 503). */
  failNext(count: number, fault?: { status?: number; retryAfterSeconds?: number }): void;
  /** Every OAuth access token issued so far stops working, as after its 30 minutes. */
  expireAccessTokens(): void;
  accessTokensIssued(): number;
  /** Addresses a GDPR delete by email blocklisted. */
  blocklist(): string[];
}

interface Issue {
  message: string;
  code: string;
  name: string;
}

function error(status: number, category: string, message: string, extra: Record<string, unknown> = {}): ContractAnswer {
  return { status, body: { status: "error", message, correlationId: randomUUID(), category, ...extra } };
}

function checkValue(name: string, value: unknown, type: HubspotPropertyType): Issue | null {
  const text = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : null;
  if (text === null) return { name, code: "INVALID_PROPERTY_VALUE", message: `Property "${name}" must be a string` };
  if (name === "email" && text !== "" && !looksLikeEmail(text)) return { name, code: "INVALID_EMAIL", message: `Email address ${text} is invalid` };
  if (type === "number" && text !== "" && !/^-?\d+(\.\d+)?$/.test(text)) return { name, code: "INVALID_LONG", message: `${text} was not a valid number.` };
  if (type === "bool" && text !== "" && text !== "true" && text !== "false") return { name, code: "INVALID_OPTION", message: `${text} was not one of the allowed options: [true, false]` };
  if (type === "datetime" && text !== "" && Number.isNaN(/^\d+$/.test(text) ? Number(text) : Date.parse(text))) return { name, code: "INVALID_DATETIME", message: `${text} is not a valid datetime` };
  return null;
}

const validationMessage = (issues: Issue[]) =>
  `Property values were not valid: ${JSON.stringify(issues.map((issue) => ({ isValid: false, message: issue.message, error: issue.code, name: issue.name, localizedErrorMessage: issue.message })))}`;

export async function startHubspotContract(options: HubspotContractOptions = {}): Promise<HubspotContract> {
  const clock = options.clock ?? Date.now;
  const calls: ContractCall[] = [];
  const faults = new FaultQueue();
  const window = new RollingWindow(options.rateLimit?.max ?? 190, options.rateLimit?.intervalMs ?? 10_000);
  const daily = options.dailyLimit ? new RollingWindow(options.dailyLimit, 24 * 60 * 60_000) : null;
  const appTokens = new Map((options.privateAppTokens ?? [hubspotContractToken]).map((entry) => (typeof entry === "string" ? [entry, allScopes] : [entry.token, entry.scopes])));
  const oauth = { ...hubspotContractOAuth, accessTokenTtlSeconds: 1800, ...options.oauth };
  const accessTokens = new Map<string, number>();
  let issued = 0;
  const properties: Record<string, HubspotPropertyType> = { ...standardProperties, ...(options.customProperties ?? porticoHubspotProperties) };
  const contacts = new Map<string, HubspotStoredContact>();
  const idsByEmail = new Map<string, string>();
  const blocklist = new Set<string>();
  let nextId = 1001;

  function rateLimitHeaders(now: number): Record<string, string> {
    return {
      "X-HubSpot-RateLimit-Max": String(window.max),
      "X-HubSpot-RateLimit-Remaining": String(window.remaining(now)),
      "X-HubSpot-RateLimit-Interval-Milliseconds": String(window.intervalMs),
      ...(daily ? { "X-HubSpot-RateLimit-Daily": String(daily.max), "X-HubSpot-RateLimit-Daily-Remaining": String(daily.remaining(now)) } : {}),
    };
  }

  function token(request: ContractRequest): ContractAnswer {
    const form = new URLSearchParams(request.text);
    const fields = { grant_type: form.get("grant_type"), client_id: form.get("client_id"), client_secret: form.get("client_secret"), refresh_token: form.get("refresh_token") };
    const refuse = (status: string, code: string, message: string): ContractAnswer => ({
      status: 400,
      body: { status, message, correlationId: randomUUID(), error: code, error_description: message },
    });
    if (fields.grant_type !== "refresh_token") return refuse("BAD_GRANT_TYPE", "unsupported_grant_type", "grant_type must be refresh_token on this server");
    if (fields.client_id !== oauth.clientId) return refuse("BAD_CLIENT_ID", "invalid_client", "missing or invalid client_id");
    if (fields.client_secret !== oauth.clientSecret) return refuse("BAD_CLIENT_SECRET", "invalid_client", "missing or invalid client secret");
    if (fields.refresh_token !== oauth.refreshToken) return refuse("BAD_REFRESH_TOKEN", "invalid_grant", "missing or unknown refresh token");
    const accessToken = `oauth-access-${++issued}-${randomUUID()}`;
    accessTokens.set(accessToken, clock() + oauth.accessTokenTtlSeconds * 1000);
    return { status: 200, body: { token_type: "bearer", refresh_token: oauth.refreshToken, access_token: accessToken, expires_in: oauth.accessTokenTtlSeconds } };
  }

  /** The scopes the caller's token carries, or the 401 HubSpot answers. */
  function authenticate(request: ContractRequest): string[] | ContractAnswer {
    const bearer = bearerToken(request.headers);
    if (bearer && appTokens.has(bearer)) return appTokens.get(bearer)!;
    const expiresAt = bearer ? accessTokens.get(bearer) : undefined;
    if (expiresAt !== undefined && expiresAt > clock()) return allScopes;
    if (expiresAt !== undefined) {
      const minutes = Math.max(1, Math.round((clock() - expiresAt) / 60_000));
      return error(401, "EXPIRED_AUTHENTICATION", `The OAuth token used to make this call expired ${minutes} minute(s) ago.`);
    }
    return error(
      401,
      "INVALID_AUTHENTICATION",
      "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
    );
  }

  function upsert(payload: unknown): ContractAnswer {
    const inputs = (payload as { inputs?: unknown })?.inputs;
    if (!Array.isArray(inputs)) return error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1: inputs is required");
    const batchSize = inputs.length;
    if (batchSize > hubspotMaxInputs) {
      return { ...error(400, "VALIDATION_ERROR", `The maximum number of inputs supported in a batch request is ${hubspotMaxInputs}. Please reduce the number of items and try again`), batchSize };
    }
    const typed = inputs as Array<{ id?: unknown; idProperty?: unknown; objectWriteTraceId?: unknown; properties?: Record<string, unknown> }>;
    const badIdProperty = typed.find((input) => input.idProperty !== "email");
    if (badIdProperty) return { ...error(400, "VALIDATION_ERROR", `Unable to perform update/upsert by non-unique 0-1 property ${String(badIdProperty.idProperty)}`), batchSize };
    const ids = typed.map((input) => String(input.id ?? "").trim().toLowerCase());
    const duplicates = [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
    if (duplicates.length > 0) return { ...error(400, "VALIDATION_ERROR", `Duplicate IDs found in batch input: [${duplicates.join(", ")}]. IDs must be unique`), batchSize };
    // Multi-status is HubSpot's opt-in: every input names an objectWriteTraceId.
    const multiStatus = typed.every((input) => typeof input.objectWriteTraceId === "string" && input.objectWriteTraceId !== "");

    const issuesOf = typed.map((input, index) => {
      const issues: Issue[] = [];
      if (!looksLikeEmail(ids[index]!)) issues.push({ name: "email", code: "INVALID_EMAIL", message: `Email address ${String(input.id ?? "")} is invalid` });
      for (const [name, value] of Object.entries(input.properties ?? {})) {
        const type = properties[name];
        const issue = type ? checkValue(name, value, type) : { name, code: "PROPERTY_DOESNT_EXIST", message: `Property "${name}" does not exist` };
        if (issue && !issues.some((known) => known.name === issue.name)) issues.push(issue);
      }
      return issues;
    });
    if (!multiStatus) {
      const first = issuesOf.find((issues) => issues.length > 0);
      if (first) return { ...error(400, "VALIDATION_ERROR", validationMessage(first), { errors: first.map((issue) => ({ message: issue.message, code: issue.code, in: issue.name })) }), batchSize };
    }

    const startedAt = new Date(clock()).toISOString();
    const results: unknown[] = [];
    const errors: unknown[] = [];
    typed.forEach((input, index) => {
      const issues = issuesOf[index]!;
      if (issues.length > 0) {
        errors.push({
          status: "error",
          category: "VALIDATION_ERROR",
          message: validationMessage(issues),
          context: { objectWriteTraceId: [input.objectWriteTraceId] },
          errors: issues.map((issue) => ({ message: issue.message, code: issue.code, in: issue.name })),
        });
        return;
      }
      const email = ids[index]!;
      const written = Object.fromEntries(Object.entries(input.properties ?? {}).map(([name, value]) => [name, String(value)]));
      const now = new Date(clock()).toISOString();
      const existingId = idsByEmail.get(email);
      const contact = existingId ? contacts.get(existingId)! : { id: String(nextId++), properties: {}, createdAt: now, updatedAt: now, writes: 0 };
      contact.properties = { ...contact.properties, ...written, email, hs_object_id: contact.id, lastmodifieddate: now };
      contact.updatedAt = now;
      contact.writes += 1;
      contacts.set(contact.id, contact);
      idsByEmail.set(email, contact.id);
      results.push({
        id: contact.id,
        properties: { ...written, email, hs_object_id: contact.id, lastmodifieddate: now },
        createdAt: contact.createdAt,
        updatedAt: now,
        archived: false,
        new: !existingId,
        ...(multiStatus ? { objectWriteTraceId: input.objectWriteTraceId } : {}),
      });
    });
    const completedAt = new Date(clock()).toISOString();
    // HubSpot does not promise input order; answering in reverse keeps connectors honest.
    results.reverse();
    const body = { status: "COMPLETE", results, startedAt, completedAt, requestedAt: startedAt, ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}) };
    return { status: errors.length > 0 ? 207 : 200, body, batchSize };
  }

  function gdprDelete(payload: unknown): ContractAnswer {
    const { objectId, idProperty } = (payload ?? {}) as { objectId?: unknown; idProperty?: unknown };
    if (typeof objectId !== "string" || objectId === "") return error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1: objectId is required");
    if (idProperty === "email") {
      const email = objectId.trim().toLowerCase();
      const id = idsByEmail.get(email);
      // The documented behaviour: an address no contact has is blocklisted instead.
      if (id) {
        contacts.delete(id);
        idsByEmail.delete(email);
      } else blocklist.add(email);
      return { status: 204, batchSize: 1 };
    }
    if (idProperty !== undefined) return error(400, "VALIDATION_ERROR", `idProperty ${String(idProperty)} is not supported for GDPR delete`);
    const contact = contacts.get(objectId);
    if (!contact) return error(404, "OBJECT_NOT_FOUND", "resource not found");
    contacts.delete(objectId);
    idsByEmail.delete(contact.properties.email ?? "");
    return { status: 204, batchSize: 1 };
  }

  /** Batch update: changes existing contacts only; `idProperty: "email"` looks them up by email. */
  function batchUpdate(payload: unknown): ContractAnswer {
    const inputs = (payload as { inputs?: Array<{ id?: unknown; idProperty?: unknown; properties?: unknown }> })?.inputs;
    if (!Array.isArray(inputs)) return error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1: inputs is required");
    if (inputs.length > hubspotMaxInputs) return error(400, "VALIDATION_ERROR", `Batch input can have at most ${hubspotMaxInputs} inputs`);
    const results: Array<{ id: string; properties: Record<string, string>; updatedAt: string }> = [];
    const errors: Array<Record<string, unknown>> = [];
    for (const input of inputs) {
      const key = String(input.id ?? "");
      const id = input.idProperty === "email" ? idsByEmail.get(key.trim().toLowerCase()) : key;
      const contact = id ? contacts.get(id) : undefined;
      if (!contact) {
        errors.push({ status: "error", category: "OBJECT_NOT_FOUND", message: `Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.`, context: { ids: [key] } });
        continue;
      }
      const changes = (input.properties ?? {}) as Record<string, unknown>;
      const issues = Object.entries(changes).flatMap(([name, value]) => {
        const type = properties[name];
        if (!type) return [{ name, message: `Property "${name}" does not exist`, code: "PROPERTY_DOESNT_EXIST" }];
        return checkValue(name, value, type) ? [{ name, message: `Property values were not valid`, code: "INVALID_OPTION" }] : [];
      });
      if (issues.length > 0) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", message: issues.map((issue) => issue.message).join("; "), errors: issues.map((issue) => ({ code: issue.code, message: issue.message })), context: { ids: [key] } });
        continue;
      }
      contact.properties = { ...contact.properties, ...Object.fromEntries(Object.entries(changes).map(([name, value]) => [name, String(value)])) };
      contact.updatedAt = new Date(clock()).toISOString();
      contact.writes += 1;
      results.push({ id: contact.id, properties: { ...contact.properties }, updatedAt: contact.updatedAt });
    }
    const body = { status: "COMPLETE", results, ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}) };
    return { status: errors.length > 0 ? 207 : 200, body, batchSize: inputs.length };
  }

  function readProperties(payload: unknown): ContractAnswer {
    const inputs = (payload as { inputs?: Array<{ name?: unknown }> })?.inputs;
    if (!Array.isArray(inputs)) return error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1: inputs is required");
    const names = inputs.map((input) => String(input.name ?? ""));
    const known = names.filter((name) => properties[name]);
    const unknown = names.filter((name) => !properties[name]);
    const typeNames = { string: ["string", "text"], number: ["number", "number"], bool: ["bool", "booleancheckbox"], datetime: ["datetime", "date"] } as const;
    const results = known.map((name) => ({ name, label: name, type: typeNames[properties[name]!][0], fieldType: typeNames[properties[name]!][1], groupName: "contactinformation", hidden: false }));
    const errors = unknown.map((name) => ({ status: "error", category: "OBJECT_NOT_FOUND", message: `Unable to find property ${name}`, context: { name: [name] } }));
    const body = { status: "COMPLETE", results, ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}) };
    return { status: errors.length > 0 ? 207 : 200, body, batchSize: names.length };
  }

  const routes: Record<string, { scope: string; handle: (payload: unknown) => ContractAnswer }> = {
    [`POST ${hubspotUpsertPath}`]: { scope: "crm.objects.contacts.write", handle: upsert },
    [`POST ${hubspotGdprDeletePath}`]: { scope: "crm.objects.contacts.write", handle: gdprDelete },
    [`POST ${hubspotBatchUpdatePath}`]: { scope: "crm.objects.contacts.write", handle: batchUpdate },
    [`POST ${hubspotPropertiesReadPath}`]: { scope: "crm.schemas.contacts.read", handle: readProperties },
  };

  function handle(request: ContractRequest): ContractAnswer {
    if (request.method === "POST" && (request.path === "/oauth/v3/token" || request.path === "/oauth/v1/token")) return token(request);
    const scopes = authenticate(request);
    if (!Array.isArray(scopes)) return scopes;
    const now = clock();
    const withinWindow = window.take(now);
    const withinDay = daily ? daily.take(now) : true;
    const headers = rateLimitHeaders(now);
    if (!withinWindow || !withinDay) {
      const policy = withinDay ? "TEN_SECONDLY_ROLLING" : "DAILY";
      const wait = withinDay ? window.resetAfter(now) : daily!.resetAfter(now);
      return {
        status: 429,
        headers: { ...headers, ...(options.retryAfterOn429 ? { "Retry-After": String(Math.ceil(wait / 1000)) } : {}) },
        body: { status: "error", message: `You have reached your ${policy.toLowerCase()} limit.`, errorType: "RATE_LIMIT", correlationId: randomUUID(), policyName: policy, groupName: "api:contract" },
      };
    }
    const fault = faults.next();
    if (fault) {
      const answer = fault.status === 503 ? error(503, "SERVICE_UNAVAILABLE", "Service Unavailable") : error(fault.status, "INTERNAL_ERROR", "internal error");
      return { ...answer, headers: { ...headers, ...(fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {}) } };
    }
    const route = routes[`${request.method} ${request.path}`];
    if (!route) return { ...error(404, "OBJECT_NOT_FOUND", `Unable to route ${request.method} ${request.path}`), headers };
    if (!scopes.includes(route.scope)) {
      return {
        ...error(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
          errors: [{ message: "One or more of the following scopes are required.", context: { requiredGranularScopes: [route.scope] } }],
        }),
        headers,
      };
    }
    const payload = parseJson(request.text);
    if (!payload.ok) return { ...error(400, "VALIDATION_ERROR", "Invalid input JSON: the body is not JSON"), headers };
    const answer = route.handle(payload.value);
    return { ...answer, headers: { ...headers, ...answer.headers } };
  }

  const server = await startContractServer(options.port ?? 0, handle, calls, clock);
  return {
    ...server,
    contacts: () => [...contacts.values()].map((contact) => ({ ...contact, properties: { ...contact.properties } })),
    contactByEmail: (email) => {
      const id = idsByEmail.get(email.trim().toLowerCase());
      return id ? { ...contacts.get(id)! } : undefined;
    },
    calls,
    callsTo: (path) => calls.filter((call) => call.path === path),
    failNext: (count, fault = {}) => faults.inject(count, { status: fault.status ?? 503, retryAfterSeconds: fault.retryAfterSeconds }),
    expireAccessTokens: () => {
      for (const key of accessTokens.keys()) accessTokens.set(key, clock() - 1);
    },
    accessTokensIssued: () => issued,
    blocklist: () => [...blocklist],
  };
}
