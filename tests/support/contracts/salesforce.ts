// A local Salesforce org that follows the published REST contract for what Portico uses: the
// OAuth 2.0 client credentials token endpoint on My Domain, sObject Collections upsert on an
// external-ID field (≤200 records, allOrNone, per-record UpsertResults in request order, required
// fields on create, invalid emails, duplicate external ids), collections update by id (the
// opt-out of a withdrawal), collections delete (to the Recycle
// Bin), a SOQL lookup by email, describe and limits; 401 INVALID_SESSION_ID for expired tokens,
// Sforce-Limit-Info on every API answer, REQUEST_LIMIT_EXCEEDED (403) past the org's allowance,
// and injected 5xx faults. Sources: docs/integrations/salesforce.md.
//
//   const salesforce = await startSalesforceContract({ apiLimit: { max: 1000 } });
import { randomUUID } from "node:crypto";

import { bearerToken, FaultQueue, looksLikeEmail, parseJson, RollingWindow, startContractServer, type ContractAnswer, type ContractCall, type ContractRequest } from "./crm-contract-kit";

export const salesforceContractClient = { clientId: "3MVG9contract.client.id", clientSecret: "contract-client-secret" };
export const salesforceMaxRecords = 200;

export type SalesforceFieldType = "id" | "string" | "email" | "phone" | "boolean" | "double" | "datetime" | "textarea";
export interface SalesforceFieldDefinition {
  type: SalesforceFieldType;
  externalId?: boolean;
  idLookup?: boolean;
  requiredOnCreate?: boolean;
}
type SObject = "Lead" | "Contact";

/** The custom fields docs/integrations/salesforce.md asks an admin to create (on Lead or Contact). */
export const porticoSalesforceFields: Record<string, SalesforceFieldDefinition> = {
  Portico_Guest_Id__c: { type: "string", externalId: true, idLookup: true },
  Portico_Visit_Count__c: { type: "double" },
  Portico_Last_Venue__c: { type: "string" },
  Portico_Last_Zone__c: { type: "string" },
  Portico_Last_Connected_At__c: { type: "datetime" },
  Portico_Last_Dwell_Minutes__c: { type: "double" },
  Portico_Device_Type__c: { type: "string" },
  Portico_OS__c: { type: "string" },
  Portico_Marketing_Consent__c: { type: "boolean" },
  Portico_Marketing_Consent_At__c: { type: "datetime" },
  Portico_Marketing_Consent_Wording__c: { type: "string" },
  Portico_Consents__c: { type: "textarea" },
};

const standardFields: Record<SObject, Record<string, SalesforceFieldDefinition>> = {
  Lead: {
    Id: { type: "id", idLookup: true },
    FirstName: { type: "string" },
    LastName: { type: "string", requiredOnCreate: true },
    Company: { type: "string", requiredOnCreate: true },
    Email: { type: "email", idLookup: true },
    Phone: { type: "phone" },
    MobilePhone: { type: "phone" },
    LeadSource: { type: "string" },
    HasOptedOutOfEmail: { type: "boolean" },
  },
  Contact: {
    Id: { type: "id", idLookup: true },
    FirstName: { type: "string" },
    LastName: { type: "string", requiredOnCreate: true },
    Email: { type: "email", idLookup: true },
    Phone: { type: "phone" },
    MobilePhone: { type: "phone" },
    LeadSource: { type: "string" },
    HasOptedOutOfEmail: { type: "boolean" },
  },
};
const idPrefix: Record<SObject, string> = { Lead: "00Q", Contact: "003" };

export interface SalesforceContractOptions {
  client?: { clientId: string; clientSecret: string };
  /** The connected app has no "Run As" user for the client credentials flow. */
  noRunAsUser?: boolean;
  /** How long an access token works. Default two hours. */
  tokenTtlMs?: number;
  /** The org's API request allowance over a rolling window (default 24 h). Default 100,000. */
  apiLimit?: { max: number; windowMs?: number };
  /** Custom fields on Lead and Contact. Default: `porticoSalesforceFields`. */
  customFields?: Record<string, SalesforceFieldDefinition>;
  clock?: () => number;
  port?: number;
}

export interface SalesforceStoredRecord {
  Id: string;
  fields: Record<string, unknown>;
  /** Upserts that touched this record. */
  writes: number;
}

export interface SalesforceContract {
  baseUrl: string;
  close(): Promise<void>;
  records(object: SObject): SalesforceStoredRecord[];
  /** The live record whose field equals value (case-insensitive), if exactly one. */
  recordBy(object: SObject, field: string, value: string): SalesforceStoredRecord | undefined;
  /** Ids deleted into the Recycle Bin. */
  recycleBin(): string[];
  calls: ContractCall[];
  /** Calls whose path ends with `suffix` (e.g. "/composite/sobjects/Lead/Portico_Guest_Id__c"). */
  callsTo(suffix: string): ContractCall[];
  /** The next `count` API calls (not the token endpoint) answer `status` (default 503). */
  failNext(count: number, fault?: { status?: number; retryAfterSeconds?: number }): void;
  /** Every access token issued so far stops working, as after a session timeout. */
  expireTokens(): void;
  tokensIssued(): number;
  apiUsage(): { used: number; max: number };
}

type ItemError = { statusCode: string; message: string; fields: string[] };
const errors = (status: number, errorCode: string, message: string, headers?: Record<string, string>): ContractAnswer => ({ status, headers, body: [{ message, errorCode }] });

function valueIssue(name: string, value: unknown, definition: SalesforceFieldDefinition): ItemError | null {
  if (value === null || value === "") return null;
  const wrongType = { statusCode: "INVALID_TYPE_ON_FIELD_IN_RECORD", message: `${name}: value not of required type: ${String(value)}`, fields: [name] };
  switch (definition.type) {
    case "email":
      return typeof value === "string" && looksLikeEmail(value) ? null : { statusCode: "INVALID_EMAIL_ADDRESS", message: `${name}: invalid email address: ${String(value)}`, fields: [name] };
    case "boolean":
      return typeof value === "boolean" ? null : wrongType;
    case "double":
      return typeof value === "number" && Number.isFinite(value) ? null : wrongType;
    case "datetime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? null : wrongType;
    default:
      return typeof value === "string" ? null : wrongType;
  }
}

export async function startSalesforceContract(options: SalesforceContractOptions = {}): Promise<SalesforceContract> {
  const clock = options.clock ?? Date.now;
  const calls: ContractCall[] = [];
  const faults = new FaultQueue();
  const client = options.client ?? salesforceContractClient;
  const tokenTtlMs = options.tokenTtlMs ?? 2 * 60 * 60_000;
  const usage = new RollingWindow(options.apiLimit?.max ?? 100_000, options.apiLimit?.windowMs ?? 24 * 60 * 60_000);
  const custom = options.customFields ?? porticoSalesforceFields;
  const schema: Record<SObject, Record<string, SalesforceFieldDefinition>> = { Lead: { ...standardFields.Lead, ...custom }, Contact: { ...standardFields.Contact, ...custom } };
  const tokens = new Map<string, number>();
  const store: Record<SObject, Map<string, SalesforceStoredRecord>> = { Lead: new Map(), Contact: new Map() };
  const recycleBin = new Map<string, SObject>();
  let issued = 0;
  let nextId = 1;
  let baseUrl = "";

  const isObject = (name: string): name is SObject => name === "Lead" || name === "Contact";
  const matches = (object: SObject, field: string, value: string) =>
    [...store[object].values()].filter((record) => typeof record.fields[field] === "string" && (record.fields[field] as string).toLowerCase() === value.toLowerCase());

  function token(request: ContractRequest): ContractAnswer {
    const form = new URLSearchParams(request.text);
    const refuse = (error: string, description: string): ContractAnswer => ({ status: 400, body: { error, error_description: description } });
    if (form.get("grant_type") !== "client_credentials") return refuse("unsupported_grant_type", "grant type not supported");
    if (form.get("client_id") !== client.clientId || form.get("client_secret") !== client.clientSecret) return refuse("invalid_client", "invalid client credentials");
    if (options.noRunAsUser) return refuse("invalid_grant", "no client credentials user enabled");
    const accessToken = `00D000000000001!${randomUUID().replace(/-/g, "")}.${++issued}`;
    tokens.set(accessToken, clock() + tokenTtlMs);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        signature: Buffer.from(randomUUID()).toString("base64"),
        scope: "api",
        instance_url: baseUrl,
        id: `${baseUrl}/id/00D000000000001AAA/005000000000001AAA`,
        token_type: "Bearer",
        issued_at: String(clock()),
        token_format: "opaque",
      },
    };
  }

  function upsert(object: SObject, field: string, payload: unknown): ContractAnswer {
    const { allOrNone, records } = (payload ?? {}) as { allOrNone?: unknown; records?: unknown };
    if (!Array.isArray(records)) return errors(400, "JSON_PARSER_ERROR", "records: the list of sObjects is required");
    const batchSize = records.length;
    if (batchSize > salesforceMaxRecords) return { ...errors(400, "EXCEEDED_ID_LIMIT", `record limit reached. cannot submit more than ${salesforceMaxRecords} records into this call`), batchSize };
    const definitions = schema[object];
    const key = definitions[field];
    if (!key || !(key.externalId || key.idLookup) || field === "Id") return { ...errors(404, "NOT_FOUND", `Provided external ID field does not exist or is not accessible: ${field}`), batchSize };
    const typed = records as Array<Record<string, unknown> & { attributes?: { type?: unknown } }>;
    for (const record of typed) {
      if (record.attributes?.type !== object) return { ...errors(400, "INVALID_TYPE", `sObject type '${String(record.attributes?.type)}' is not the type in the request URI (${object})`), batchSize };
      const unknown = Object.keys(record).find((name) => name !== "attributes" && !definitions[name]);
      if (unknown) return { ...errors(400, "INVALID_FIELD", `No such column '${unknown}' on sobject of type ${object}`), batchSize };
    }
    const keys = typed.map((record) => (typeof record[field] === "string" ? (record[field] as string) : ""));
    const counts = new Map<string, number>();
    for (const value of keys) counts.set(value.toLowerCase(), (counts.get(value.toLowerCase()) ?? 0) + 1);

    // Plan every record first: allOrNone must be able to refuse them all without writing any.
    const plans = typed.map((record, index): { issues: ItemError[]; existing?: SalesforceStoredRecord } => {
      const value = keys[index]!;
      if (!value) return { issues: [{ statusCode: "MISSING_ARGUMENT", message: `${field} not specified`, fields: [field] }] };
      if (counts.get(value.toLowerCase())! > 1) return { issues: [{ statusCode: "DUPLICATE_EXTERNAL_ID", message: `Duplicate external id specified: ${value}`, fields: [field] }] };
      const found = matches(object, field, value);
      if (found.length > 1) return { issues: [{ statusCode: "DUPLICATE_EXTERNAL_ID", message: `${field}: more than one record found for external id field: [${found.map((entry) => entry.Id).join(", ")}]`, fields: [] }] };
      const issues = Object.entries(record).flatMap(([name, fieldValue]) => (name === "attributes" ? [] : (valueIssue(name, fieldValue, definitions[name]!) ?? [])));
      if (!found[0]) {
        const missing = Object.entries(definitions).filter(([name, definition]) => definition.requiredOnCreate && (record[name] === undefined || record[name] === null || record[name] === "")).map(([name]) => name);
        if (missing.length > 0) issues.push({ statusCode: "REQUIRED_FIELD_MISSING", message: `Required fields are missing: [${missing.join(", ")}]`, fields: missing });
      }
      return { issues, existing: found[0] };
    });
    const refused = allOrNone === true && plans.some((plan) => plan.issues.length > 0);
    const results = typed.map((record, index) => {
      const plan = plans[index]!;
      if (plan.issues.length > 0) return { success: false, errors: plan.issues };
      if (refused) {
        return { success: false, errors: [{ statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK", message: "Record rolled back because not all records were valid and the request was using AllOrNone header", fields: [] }] };
      }
      const fields = Object.fromEntries(Object.entries(record).filter(([name]) => name !== "attributes"));
      const now = new Date(clock()).toISOString();
      const stored = plan.existing ?? { Id: `${idPrefix[object]}${String(nextId++).padStart(12, "0")}AAA`, fields: { CreatedDate: now }, writes: 0 };
      stored.fields = { ...stored.fields, ...fields, LastModifiedDate: now };
      stored.writes += 1;
      store[object].set(stored.Id, stored);
      return { id: stored.Id, success: true, errors: [], created: !plan.existing };
    });
    return { status: 200, body: results, batchSize };
  }

  function remove(query: URLSearchParams): ContractAnswer {
    const ids = (query.get("ids") ?? "").split(",").filter(Boolean);
    if (ids.length === 0) return errors(400, "MISSING_ARGUMENT", "ids: at least one id is required");
    if (ids.length > salesforceMaxRecords) return { ...errors(400, "EXCEEDED_ID_LIMIT", `record limit reached. cannot submit more than ${salesforceMaxRecords} records into this call`), batchSize: ids.length };
    const results = ids.map((id) => {
      const object = (Object.keys(store) as SObject[]).find((name) => store[name].has(id));
      if (object) {
        store[object].delete(id);
        recycleBin.set(id, object);
        return { id, success: true, errors: [] };
      }
      if (recycleBin.has(id)) return { id, success: false, errors: [{ statusCode: "ENTITY_IS_DELETED", message: "entity is deleted", fields: [] }] };
      return { id, success: false, errors: [{ statusCode: "INVALID_CROSS_REFERENCE_KEY", message: "invalid cross reference id", fields: [] }] };
    });
    return { status: 200, body: results, batchSize: ids.length };
  }

  /** sObject Collections update (PATCH /composite/sobjects): existing records by id, per-record results. */
  function update(payload: unknown): ContractAnswer {
    const { records } = (payload ?? {}) as { records?: unknown };
    if (!Array.isArray(records)) return errors(400, "JSON_PARSER_ERROR", "records: the list of sObjects is required");
    if (records.length > salesforceMaxRecords) return { ...errors(400, "EXCEEDED_ID_LIMIT", `record limit reached. cannot submit more than ${salesforceMaxRecords} records into this call`), batchSize: records.length };
    const results = (records as Array<Record<string, unknown> & { attributes?: { type?: unknown } }>).map((record) => {
      const id = typeof record.id === "string" ? record.id : "";
      const object = record.attributes?.type;
      if (typeof object !== "string" || !isObject(object)) return { success: false, errors: [{ statusCode: "INVALID_TYPE", message: "sObject type is required", fields: [] }] };
      const stored = store[object].get(id);
      if (!stored) {
        const statusCode = recycleBin.has(id) ? "ENTITY_IS_DELETED" : "INVALID_CROSS_REFERENCE_KEY";
        return { id, success: false, errors: [{ statusCode, message: statusCode === "ENTITY_IS_DELETED" ? "entity is deleted" : "invalid cross reference id", fields: [] }] };
      }
      const definitions = schema[object];
      const fields = Object.fromEntries(Object.entries(record).filter(([name]) => name !== "attributes" && name !== "id"));
      const unknown = Object.keys(fields).find((name) => !definitions[name]);
      if (unknown) return { id, success: false, errors: [{ statusCode: "INVALID_FIELD", message: `No such column '${unknown}' on sobject of type ${object}`, fields: [unknown] }] };
      const issues = Object.entries(fields).flatMap(([name, value]) => valueIssue(name, value, definitions[name]!) ?? []);
      if (issues.length > 0) return { id, success: false, errors: issues };
      stored.fields = { ...stored.fields, ...fields, LastModifiedDate: new Date(clock()).toISOString() };
      stored.writes += 1;
      return { id, success: true, errors: [] };
    });
    return { status: 200, body: results, batchSize: records.length };
  }

  function soql(query: URLSearchParams): ContractAnswer {
    // Only the one query shape Portico sends.
    const match = /^SELECT Id FROM (\w+) WHERE Email = '((?:[^'\\]|\\.)*)'$/i.exec(query.get("q") ?? "");
    if (!match || !isObject(match[1]!)) return errors(400, "MALFORMED_QUERY", `unexpected token in: ${query.get("q") ?? ""}`);
    const object = match[1] as SObject;
    const email = match[2]!.replace(/\\(.)/g, "$1");
    const found = matches(object, "Email", email);
    return { status: 200, body: { totalSize: found.length, done: true, records: found.map((record) => ({ attributes: { type: object, url: `/services/data/v66.0/sobjects/${object}/${record.Id}` }, Id: record.Id })) } };
  }

  function describe(object: SObject): ContractAnswer {
    const fields = Object.entries(schema[object]).map(([name, definition]) => ({
      name,
      label: name,
      type: definition.type,
      externalId: definition.externalId ?? false,
      idLookup: definition.idLookup ?? false,
      unique: definition.externalId ?? false,
      nillable: !definition.requiredOnCreate,
      createable: name !== "Id",
      updateable: name !== "Id",
    }));
    return { status: 200, body: { name: object, label: object, custom: false, fields } };
  }

  function handle(request: ContractRequest): ContractAnswer {
    if (request.method === "POST" && request.path === "/services/oauth2/token") return token(request);
    const api = /^\/services\/data\/v(\d+)\.0(\/.*)$/.exec(request.path);
    if (!api) return errors(404, "NOT_FOUND", "The requested resource does not exist");
    const bearer = bearerToken(request.headers);
    const expiresAt = bearer ? tokens.get(bearer) : undefined;
    if (expiresAt === undefined || expiresAt <= clock()) return errors(401, "INVALID_SESSION_ID", "Session expired or invalid");
    const now = clock();
    const allowed = usage.take(now);
    const headers = { "Sforce-Limit-Info": `api-usage=${usage.used(now)}/${usage.max}` };
    if (!allowed) return errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", headers);
    const fault = faults.next();
    if (fault) {
      const answer =
        fault.status === 503
          ? errors(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable")
          : errors(fault.status, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)");
      return { ...answer, headers: { ...headers, ...(fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {}) } };
    }
    const version = Number(api[1]);
    const path = api[2]!;
    const withHeaders = (answer: ContractAnswer): ContractAnswer => ({ ...answer, headers: { ...headers, ...answer.headers } });
    const upsertRoute = /^\/composite\/sobjects\/(\w+)\/(\w+)$/.exec(path);
    if (request.method === "PATCH" && upsertRoute) {
      if (version < 46 || !isObject(upsertRoute[1]!)) return withHeaders(errors(404, "NOT_FOUND", "The requested resource does not exist"));
      const payload = parseJson(request.text);
      if (!payload.ok) return withHeaders(errors(400, "JSON_PARSER_ERROR", "The request body is not valid JSON"));
      return withHeaders(upsert(upsertRoute[1] as SObject, upsertRoute[2]!, payload.value));
    }
    if (request.method === "DELETE" && path === "/composite/sobjects") return withHeaders(remove(request.query));
    if (request.method === "PATCH" && path === "/composite/sobjects") {
      const payload = parseJson(request.text);
      if (!payload.ok) return withHeaders(errors(400, "JSON_PARSER_ERROR", "The request body is not valid JSON"));
      return withHeaders(update(payload.value));
    }
    if (request.method === "GET" && path === "/query") return withHeaders(soql(request.query));
    const describeRoute = /^\/sobjects\/(\w+)\/describe$/.exec(path);
    if (request.method === "GET" && describeRoute && isObject(describeRoute[1]!)) return withHeaders(describe(describeRoute[1] as SObject));
    if (request.method === "GET" && path === "/limits") {
      return withHeaders({ status: 200, body: { DailyApiRequests: { Max: usage.max, Remaining: usage.remaining(now) } } });
    }
    return withHeaders(errors(404, "NOT_FOUND", "The requested resource does not exist"));
  }

  const server = await startContractServer(options.port ?? 0, handle, calls, clock);
  baseUrl = server.baseUrl;
  return {
    ...server,
    records: (object) => [...store[object].values()].map((record) => ({ ...record, fields: { ...record.fields } })),
    recordBy: (object, field, value) => {
      const found = matches(object, field, value);
      return found.length === 1 ? { ...found[0]!, fields: { ...found[0]!.fields } } : undefined;
    },
    recycleBin: () => [...recycleBin.keys()],
    calls,
    callsTo: (suffix) => calls.filter((call) => call.path.endsWith(suffix)),
    failNext: (count, fault = {}) => faults.inject(count, { status: fault.status ?? 503, retryAfterSeconds: fault.retryAfterSeconds }),
    expireTokens: () => {
      for (const key of tokens.keys()) tokens.set(key, clock() - 1);
    },
    tokensIssued: () => issued,
    apiUsage: () => ({ used: usage.used(clock()), max: usage.max }),
  };
}
