// A local Brevo API v3, following the published contract for the endpoints Portico uses
// (docs/integrations/brevo.md lists the sources):
//   GET    /v3/account                              account details
//   GET    /v3/contacts/lists/{listId}              one list
//   POST   /v3/contacts                             create (201 {id}), or update with updateEnabled (204)
//   POST   /v3/contacts/doubleOptinConfirmation     double opt-in request (201 new, 204 known contact)
//   GET|PUT|DELETE /v3/contacts/{identifier}        email (identifierType=email_id) or contact id
// Auth is the `api-key` header; errors are { code, message }; every answer carries
// x-sib-ratelimit-limit/-remaining/-reset (seconds) and a call past the window's limit is 429.
// Injected 5xx answers are a test knob.
import { type CallRecord, type ContractRequest, type ContractResponse, FaultQueue, sleep, startContractServer, WindowLimit } from "./newsletter-server";

export interface BrevoContractOptions {
  apiKey?: string;
  /** The account's lists by id. */
  lists?: Record<number, string>;
  /** The account's contact attributes; an attribute not listed is ignored, as Brevo does. */
  attributes?: string[];
  /** Addresses Brevo refuses as invalid. */
  invalidAddresses?: string[];
  /** Double opt-in template ids that exist in the account. */
  doiTemplates?: number[];
  /** Brevo's window: calls per window (general plans: 10 a second on contact endpoints). */
  rateLimit?: { limit: number; windowMs: number };
  latencyMs?: number;
}

export interface StoredContact {
  id: number;
  email: string;
  attributes: Record<string, unknown>;
  listIds: number[];
  emailBlacklisted: boolean;
  createdAt: string;
  modifiedAt: string;
}

export interface PendingConfirmation {
  email: string;
  attributes: Record<string, unknown>;
  includeListIds: number[];
  templateId: number;
  redirectionUrl: string;
}

export const defaultBrevoKey = "xkeysib-0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab-AbCdEfGh12345678";
const defaultAttributes = ["EMAIL", "FIRSTNAME", "LASTNAME", "SMS", "VISITS", "LASTVISIT", "VENUE", "ZONE", "DWELL"];

const error = (status: number, code: string, message: string): ContractResponse => ({ status, body: { code, message } });
const isEmail = (value: unknown): value is string => typeof value === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);

export async function startBrevoContract(options: BrevoContractOptions = {}) {
  let apiKey = options.apiKey ?? defaultBrevoKey;
  const lists = new Map(Object.entries(options.lists ?? { 2: "Harbour Hotel guests", 7: "Newsletter" }).map(([id, name]) => [Number(id), name]));
  const knownAttributes = new Set(options.attributes ?? defaultAttributes);
  const invalid = new Set((options.invalidAddresses ?? []).map((email) => email.toLowerCase()));
  const templates = new Set(options.doiTemplates ?? [1]);
  const window = new WindowLimit(options.rateLimit?.limit ?? 36_000, options.rateLimit?.windowMs ?? 3_600_000);
  const faults = new FaultQueue();
  const contacts = new Map<string, StoredContact>();
  const pending = new Map<string, PendingConfirmation>();
  const calls: CallRecord[] = [];
  const counters = { calls: 0, throttled: 0, faults: 0, created: 0, updated: 0, deleted: 0, confirmationsRequested: 0 };
  const started = Date.now();
  let nextId = 1;

  const keep = (attributes: unknown) => Object.fromEntries(Object.entries((attributes ?? {}) as Record<string, unknown>).filter(([name]) => knownAttributes.has(name)));
  const unknownList = (ids: unknown) => (Array.isArray(ids) ? ids.find((id) => !lists.has(id as number)) : undefined);
  const smsTakenBy = (attributes: Record<string, unknown>, email: string) =>
    attributes.SMS !== undefined && [...contacts.values()].some((c) => c.attributes.SMS === attributes.SMS && c.email.toLowerCase() !== email.toLowerCase());

  const find = (request: ContractRequest, identifier: string) =>
    request.query.get("identifierType") === "contact_id" || (!request.query.has("identifierType") && /^\d+$/.test(identifier))
      ? [...contacts.values()].find((c) => c.id === Number(identifier))
      : contacts.get(identifier.toLowerCase());

  const write = (email: string, attributes: Record<string, unknown>, listIds: number[]) => {
    const now = new Date().toISOString();
    const existing = contacts.get(email.toLowerCase());
    const contact = existing ?? { id: nextId++, email, attributes: {}, listIds: [], emailBlacklisted: false, createdAt: now, modifiedAt: now };
    Object.assign(contact.attributes, attributes);
    for (const id of listIds) if (!contact.listIds.includes(id)) contact.listIds.push(id);
    contact.modifiedAt = now;
    contacts.set(email.toLowerCase(), contact);
    if (existing) counters.updated += 1;
    else counters.created += 1;
    return { contact, created: !existing };
  };

  const createContact = (body: Record<string, unknown>): ContractResponse => {
    if (body.email === undefined) return error(400, "missing_parameter", "email is missing");
    if (!isEmail(body.email) || invalid.has(body.email.toLowerCase())) return error(400, "invalid_parameter", "Invalid email address");
    if (body.listIds !== undefined && !Array.isArray(body.listIds)) return error(400, "invalid_parameter", "listIds should be an array of integers");
    if (unknownList(body.listIds) !== undefined) return error(404, "document_not_found", "List ID does not exist");
    const attributes = keep(body.attributes);
    if (smsTakenBy(attributes, body.email)) return error(400, "duplicate_parameter", "SMS is already associated with another Contact");
    const existing = contacts.get(body.email.toLowerCase());
    if (existing && body.updateEnabled !== true) return error(400, "duplicate_parameter", "Contact already exist");
    const { contact, created } = write(body.email, attributes, (body.listIds as number[] | undefined) ?? []);
    if (typeof body.emailBlacklisted === "boolean") contact.emailBlacklisted = body.emailBlacklisted;
    return created ? { status: 201, body: { id: contact.id } } : { status: 204 };
  };

  const requestConfirmation = (body: Record<string, unknown>): ContractResponse => {
    for (const field of ["email", "includeListIds", "templateId", "redirectionUrl"]) {
      if (body[field] === undefined) return error(400, "missing_parameter", `${field} is missing`);
    }
    if (!isEmail(body.email) || invalid.has(body.email.toLowerCase())) return error(400, "invalid_parameter", "Invalid email address");
    if (!Array.isArray(body.includeListIds) || body.includeListIds.length === 0) return error(400, "invalid_parameter", "includeListIds should be a non-empty array of integers");
    if (unknownList(body.includeListIds) !== undefined) return error(404, "document_not_found", "List ID does not exist");
    if (!templates.has(body.templateId as number)) return error(400, "invalid_parameter", "templateId is not valid");
    const known = contacts.has(body.email.toLowerCase());
    // Brevo mails the template; the contact joins the lists when the link is clicked.
    pending.set(body.email.toLowerCase(), {
      email: body.email,
      attributes: keep(body.attributes),
      includeListIds: body.includeListIds as number[],
      templateId: body.templateId as number,
      redirectionUrl: String(body.redirectionUrl),
    });
    counters.confirmationsRequested += 1;
    return { status: known ? 204 : 201 };
  };

  const route = (request: ContractRequest): ContractResponse => {
    const parts = request.path.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== "v3") return error(404, "not_found", "Invalid route");
    if (request.invalidJson) return error(400, "bad_request", "Invalid JSON body");
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (parts[1] === "account" && parts.length === 2) {
      return request.method === "GET"
        ? { status: 200, body: { email: "owner@harbour.example", firstName: "Harbour", lastName: "Hotel", companyName: "Harbour Hotel", plan: [{ type: "free", credits: 300, creditsType: "sendLimit" }] } }
        : error(405, "method_not_allowed", "Method not allowed");
    }
    if (parts[1] !== "contacts") return error(404, "not_found", "Invalid route");
    if (parts[2] === "lists" && parts.length === 4) {
      const name = lists.get(Number(parts[3]));
      if (request.method !== "GET") return error(405, "method_not_allowed", "Method not allowed");
      if (name === undefined) return error(404, "document_not_found", "List ID does not exist");
      const members = [...contacts.values()].filter((c) => c.listIds.includes(Number(parts[3])));
      return { status: 200, body: { id: Number(parts[3]), name, totalBlacklisted: members.filter((c) => c.emailBlacklisted).length, totalSubscribers: members.length, uniqueSubscribers: members.length, folderId: 1 } };
    }
    if (parts.length === 2) return request.method === "POST" ? createContact(body) : error(405, "method_not_allowed", "Method not allowed");
    if (parts[2] === "doubleOptinConfirmation" && parts.length === 3) return request.method === "POST" ? requestConfirmation(body) : error(405, "method_not_allowed", "Method not allowed");
    if (parts.length !== 3) return error(404, "not_found", "Invalid route");
    const contact = find(request, parts[2]!);
    if (!contact) return error(404, "document_not_found", "Contact does not exist");
    if (request.method === "GET") return { status: 200, body: contact };
    if (request.method === "DELETE") {
      contacts.delete(contact.email.toLowerCase());
      counters.deleted += 1;
      return { status: 204 };
    }
    if (request.method === "PUT") {
      if (unknownList(body.listIds) !== undefined) return error(404, "document_not_found", "List ID does not exist");
      const attributes = keep(body.attributes);
      if (smsTakenBy(attributes, contact.email)) return error(400, "duplicate_parameter", "SMS is already associated with another Contact");
      write(contact.email, attributes, (body.listIds as number[] | undefined) ?? []);
      contact.listIds = contact.listIds.filter((id) => !((body.unlinkListIds as number[] | undefined) ?? []).includes(id));
      if (typeof body.emailBlacklisted === "boolean") contact.emailBlacklisted = body.emailBlacklisted;
      return { status: 204 };
    }
    return error(405, "method_not_allowed", "Method not allowed");
  };

  const server = await startContractServer(async (request) => {
    counters.calls += 1;
    const given = request.headers["api-key"];
    let response: ContractResponse;
    let limitHeaders: Record<string, string> = {};
    if (!given) response = error(401, "unauthorized", "authentication not found in headers");
    else if (given !== apiKey) response = error(401, "unauthorized", "Key not found");
    else {
      const slot = window.take();
      limitHeaders = {
        "x-sib-ratelimit-limit": String(window.limit),
        "x-sib-ratelimit-remaining": String(slot.remaining),
        "x-sib-ratelimit-reset": String(Math.ceil(slot.resetMs / 1000)),
      };
      const fault = slot.allowed ? faults.take() : undefined;
      if (!slot.allowed) {
        counters.throttled += 1;
        response = error(429, "too_many_requests", "The expected rate limit is exceeded.");
      } else if (fault) {
        counters.faults += 1;
        response = error(fault, "internal_error", "Internal server error");
      } else response = route(request);
    }
    if (options.latencyMs) await sleep(options.latencyMs);
    calls.push({ method: request.method, path: request.path, status: response.status, at: Date.now() - started });
    return { ...response, headers: { ...limitHeaders, ...response.headers } };
  });

  return {
    ...server,
    apiKey,
    connectorSettings: (listIds: number[] = [2]) => ({ listIds, baseUrl: server.baseUrl }),
    contacts: () => [...contacts.values()],
    contact: (email: string) => contacts.get(email.toLowerCase()),
    pendingConfirmations: () => [...pending.values()],
    /** The guest clicks the double opt-in link. */
    confirm(email: string) {
      const request = pending.get(email.toLowerCase());
      if (!request) throw new Error(`No confirmation pending for ${email}`);
      pending.delete(email.toLowerCase());
      write(request.email, request.attributes, request.includeListIds);
    },
    /** What a venue's staff changes in Brevo's own screens. */
    editContact(email: string, attributes: Record<string, unknown>, changes: Partial<Pick<StoredContact, "emailBlacklisted">> = {}) {
      const contact = contacts.get(email.toLowerCase())!;
      Object.assign(contact.attributes, attributes);
      Object.assign(contact, changes);
    },
    rotateKey(newKey: string) {
      apiKey = newKey;
    },
    /** The next `count` calls (after `afterCalls` that go through) answer `status`. */
    failNext: (count: number, status: 500 | 502 | 503 = 503, afterCalls = 0) => faults.failNext(count, status, afterCalls),
    calls,
    counters,
  };
}

export type BrevoContract = Awaited<ReturnType<typeof startBrevoContract>>;
