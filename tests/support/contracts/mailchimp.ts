// A local Mailchimp Marketing API 3.0, following the published contract for the endpoints
// Portico uses (docs/integrations/mailchimp.md lists the sources):
//   GET  /3.0/ping                                                  health check
//   GET  /3.0/lists/{list_id}                                       the audience
//   POST /3.0/lists/{list_id}                                       batch subscribe (≤500 members)
//   GET|PATCH /3.0/lists/{list_id}/members/{subscriber_hash}        one member
//   POST /3.0/lists/{list_id}/members/{subscriber_hash}/actions/delete-permanent
// Basic (any user, the key as password) or Bearer auth with a key that ends in this server's
// data center; errors are problem documents (type, title, status, detail, instance). Mailchimp
// answers 429 past 10 simultaneous requests; a call-count window and injected 5xx are test knobs.
import { createHash, randomUUID } from "node:crypto";

import { type CallRecord, type ContractRequest, type ContractResponse, FaultQueue, sleep, startContractServer, WindowLimit } from "./newsletter-server";

export interface MailchimpContractOptions {
  /** The one key this account accepts; its suffix is the server's data center. */
  apiKey?: string;
  lists?: Record<string, { name?: string; doubleOptIn?: boolean; marketingPermissions?: { id: string; text: string }[] }>;
  /** Addresses Mailchimp holds in compliance state (unsubscribed, bounced, under review elsewhere). */
  complianceState?: string[];
  /** Addresses Mailchimp judges fake or invalid. */
  invalidAddresses?: string[];
  /** Addresses that "signed up to a lot of lists very recently" (a transient refusal). */
  signupThrottled?: string[];
  /** Mailchimp's own limit: requests processing at once (10). */
  maxConcurrent?: number;
  /** A test knob: at most `calls` per window, then 429. */
  rateLimit?: { calls: number; windowMs: number };
  /** Time each answer takes. */
  latencyMs?: number;
}

export type MemberStatus = "subscribed" | "unsubscribed" | "cleaned" | "pending" | "transactional";

export interface StoredMember {
  id: string;
  email_address: string;
  unique_email_id: string;
  status: MemberStatus;
  merge_fields: Record<string, unknown>;
  tags: string[];
  language?: string;
  timestamp_signup?: string;
  marketing_permissions: { marketing_permission_id: string; text: string; enabled: boolean }[];
  list_id: string;
  last_changed: string;
}

export const defaultMailchimpKey = "0123456789abcdef0123456789abcdef-us21";
export const defaultListId = "a1b2c3d4e5";
const statuses: MemberStatus[] = ["subscribed", "unsubscribed", "cleaned", "pending", "transactional"];
const errorsType = "https://mailchimp.com/developer/marketing/docs/errors/";

const hashOf = (email: string) => createHash("md5").update(email.trim().toLowerCase()).digest("hex");

function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): ContractResponse {
  return { status, contentType: "application/problem+json; charset=utf-8", body: { type: errorsType, title, status, detail, instance: randomUUID(), ...extra } };
}

const notFound = () => problem(404, "Resource Not Found", "The requested resource could not be found.");

export async function startMailchimpContract(options: MailchimpContractOptions = {}) {
  let apiKey = options.apiKey ?? defaultMailchimpKey;
  const datacenter = apiKey.split("-").pop()!;
  const lists = new Map(
    Object.entries(options.lists ?? { [defaultListId]: {} }).map(([id, list]) => [
      id,
      { id, name: list.name ?? "Harbour Hotel guests", doubleOptIn: list.doubleOptIn ?? false, permissions: list.marketingPermissions ?? [], members: new Map<string, StoredMember>(), forgotten: new Set<string>() },
    ]),
  );
  const lower = (values?: string[]) => new Set((values ?? []).map((value) => value.toLowerCase()));
  const compliance = lower(options.complianceState);
  const invalid = lower(options.invalidAddresses);
  const throttledSignups = lower(options.signupThrottled);
  const window = options.rateLimit ? new WindowLimit(options.rateLimit.calls, options.rateLimit.windowMs) : undefined;
  const faults = new FaultQueue();
  const calls: CallRecord[] = [];
  const counters = { calls: 0, throttled: 0, faults: 0, created: 0, updated: 0, deleted: 0 };
  const started = Date.now();
  let inFlight = 0;

  const authenticate = (request: ContractRequest): ContractResponse | undefined => {
    const header = String(request.headers.authorization ?? "");
    let key = "";
    if (/^basic /i.test(header)) key = Buffer.from(header.slice(6), "base64").toString("utf8").split(":").slice(1).join(":");
    else if (/^bearer /i.test(header)) key = header.slice(7).trim();
    if (!key) return problem(401, "API Key Missing", "Your request did not include an API key.");
    if (key !== apiKey || key.split("-").pop() !== datacenter) return problem(401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
    return undefined;
  };

  const memberJson = (member: StoredMember) => ({ ...member, tags: member.tags.map((name, i) => ({ id: i + 1, name })), tags_count: member.tags.length });

  const batchSubscribe = (list: NonNullable<ReturnType<typeof lists.get>>, request: ContractRequest): ContractResponse => {
    const body = request.body as { members?: unknown; update_existing?: boolean } | undefined;
    if (!body || typeof body !== "object" || !Array.isArray(body.members)) {
      return problem(400, "Invalid Resource", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", {
        errors: [{ field: "members", message: "Required fields were not provided: members" }],
      });
    }
    if (body.members.length > 500) {
      return problem(400, "Invalid Resource", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", {
        errors: [{ field: "members", message: `Schema describes array with at most 500 items, ${body.members.length} found instead` }],
      });
    }
    const schemaErrors = body.members.flatMap((raw, i) => {
      const m = raw as Record<string, unknown>;
      if (typeof m?.email_address !== "string") return [{ field: `members.item:${i}.email_address`, message: "Schema describes string, NULL found instead" }];
      if (m.status === undefined && m.status_if_new === undefined) return [{ field: `members.item:${i}`, message: "Either status or status_if_new is required" }];
      for (const key of ["status", "status_if_new"]) {
        if (m[key] !== undefined && !statuses.includes(m[key] as MemberStatus)) return [{ field: `members.item:${i}.${key}`, message: "Value is not one of enum values" }];
      }
      return [];
    });
    if (schemaErrors.length > 0) return problem(400, "Invalid Resource", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", { errors: schemaErrors });

    const newMembers: StoredMember[] = [];
    const updatedMembers: StoredMember[] = [];
    const errors: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    const skipDuplicates = request.query.get("skip_duplicate_check") === "true";
    const refuse = (email: string, error: string, extra: Record<string, unknown> = {}) => errors.push({ email_address: email, error, error_code: "ERROR_GENERIC", ...extra });
    for (const raw of body.members as Record<string, unknown>[]) {
      const email = String(raw.email_address).trim();
      const key = email.toLowerCase();
      if (seen.has(key)) {
        if (!skipDuplicates) refuse(email, `${email} was included more than once in this request`);
        continue;
      }
      seen.add(key);
      const existing = list.members.get(hashOf(email));
      const wanted = (existing ? raw.status : (raw.status_if_new ?? raw.status)) as MemberStatus | undefined;
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || invalid.has(key)) {
        refuse(email, `${email} looks fake or invalid, please enter a real email address.`, { field: "email_address", field_message: "Please provide a valid email address." });
      } else if (list.forgotten.has(key)) {
        refuse(email, `${email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.`);
      } else if (compliance.has(key) || (existing && ["unsubscribed", "cleaned"].includes(existing.status) && wanted === "subscribed")) {
        refuse(email, `${email} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`);
      } else if (throttledSignups.has(key)) {
        refuse(email, `${email} has signed up to a lot of lists very recently; we're not allowing more signups for now`);
      } else if (raw.timestamp_signup !== undefined && Number.isNaN(Date.parse(String(raw.timestamp_signup)))) {
        refuse(email, "Invalid timestamp_signup", { field: "timestamp_signup", field_message: "Please provide a date and time in ISO 8601 format." });
      } else if (existing && !body.update_existing) {
        errors.push({ email_address: email, error: `${email} is already a list member, do you want to update? please provide update_existing:true in the request body`, error_code: "ERROR_CONTACT_EXISTS" });
      } else {
        const member: StoredMember = existing ?? {
          id: hashOf(email),
          email_address: email,
          unique_email_id: randomUUID().slice(0, 10),
          status: wanted!,
          merge_fields: {},
          tags: [],
          marketing_permissions: list.permissions.map((p) => ({ marketing_permission_id: p.id, text: p.text, enabled: false })),
          list_id: list.id,
          last_changed: "",
        };
        // status_if_new only names a new member's status; `status` changes an existing one.
        if (existing && raw.status !== undefined) member.status = raw.status as MemberStatus;
        Object.assign(member.merge_fields, raw.merge_fields ?? {});
        for (const tag of (raw.tags as string[] | undefined) ?? []) if (!member.tags.includes(tag)) member.tags.push(tag);
        if (typeof raw.language === "string") member.language = raw.language;
        if (typeof raw.timestamp_signup === "string") member.timestamp_signup = raw.timestamp_signup;
        member.last_changed = new Date().toISOString();
        list.members.set(member.id, member);
        (existing ? updatedMembers : newMembers).push(member);
      }
    }
    counters.created += newMembers.length;
    counters.updated += updatedMembers.length;
    return {
      status: 200,
      body: {
        new_members: newMembers.map(memberJson),
        updated_members: updatedMembers.map(memberJson),
        errors,
        total_created: newMembers.length,
        total_updated: updatedMembers.length,
        error_count: errors.length,
        _links: [],
      },
    };
  };

  const patchMember = (list: NonNullable<ReturnType<typeof lists.get>>, member: StoredMember, body: Record<string, unknown>): ContractResponse => {
    const permissions = (body.marketing_permissions as { marketing_permission_id?: string; enabled?: boolean }[] | undefined) ?? [];
    const unknown = permissions.find((p) => !member.marketing_permissions.some((own) => own.marketing_permission_id === p.marketing_permission_id));
    if (unknown) return problem(400, "Invalid Resource", `Marketing permission ${String(unknown.marketing_permission_id)} does not exist on this list.`);
    if (body.status === "subscribed" && ["unsubscribed", "cleaned"].includes(member.status)) {
      return problem(400, "Member In Compliance State", `${member.email_address} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`);
    }
    for (const p of permissions) member.marketing_permissions.find((own) => own.marketing_permission_id === p.marketing_permission_id)!.enabled = p.enabled === true;
    if (typeof body.status === "string") member.status = body.status as MemberStatus;
    Object.assign(member.merge_fields, body.merge_fields ?? {});
    member.last_changed = new Date().toISOString();
    list.members.set(member.id, member);
    return { status: 200, body: memberJson(member) };
  };

  const route = (request: ContractRequest): ContractResponse => {
    const parts = request.path.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== "3.0") return notFound();
    if (parts.length === 2 && parts[1] === "ping") return request.method === "GET" ? { status: 200, body: { health_status: "Everything's Chimpy!" } } : methodNotAllowed();
    if (parts[1] !== "lists" || !parts[2]) return notFound();
    const list = lists.get(parts[2]);
    if (!list) return notFound();
    if (request.invalidJson) return problem(400, "JSON Parse Exception", "We encountered an unspecified JSON parsing error.");
    if (parts.length === 3) {
      if (request.method === "GET") return { status: 200, body: { id: list.id, name: list.name, double_optin: list.doubleOptIn, marketing_permissions: list.permissions.length > 0, stats: { member_count: list.members.size } } };
      if (request.method === "POST") return batchSubscribe(list, request);
      return methodNotAllowed();
    }
    if (parts[3] !== "members" || !parts[4]) return notFound();
    const hash = parts[4].includes("@") ? hashOf(parts[4]) : parts[4].toLowerCase();
    const member = list.members.get(hash);
    if (parts.length === 7 && parts[5] === "actions" && parts[6] === "delete-permanent") {
      if (request.method !== "POST") return methodNotAllowed();
      if (!member) return notFound();
      list.members.delete(hash);
      list.forgotten.add(member.email_address.toLowerCase());
      counters.deleted += 1;
      return { status: 204 };
    }
    if (parts.length !== 5) return notFound();
    if (!member) return notFound();
    if (request.method === "GET") return { status: 200, body: memberJson(member) };
    if (request.method === "PATCH") return patchMember(list, member, (request.body ?? {}) as Record<string, unknown>);
    return methodNotAllowed();
  };

  const throttle = (): ContractResponse | undefined => {
    if (inFlight <= (options.maxConcurrent ?? 10) && (!window || window.take().allowed)) return undefined;
    counters.throttled += 1;
    return problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.");
  };

  const fault = (): ContractResponse | undefined => {
    const status = faults.take();
    if (status === undefined) return undefined;
    counters.faults += 1;
    return problem(status, status === 503 ? "Service Unavailable" : "Internal Server Error", "A deep, internal error has occurred during the processing of your request. Please contact support.");
  };

  const server = await startContractServer(async (request) => {
    inFlight += 1;
    counters.calls += 1;
    let response: ContractResponse;
    try {
      response = authenticate(request) ?? throttle() ?? fault() ?? route(request);
      if (options.latencyMs) await sleep(options.latencyMs);
    } finally {
      inFlight -= 1;
    }
    const members = (request.body as { members?: unknown[] } | undefined)?.members;
    calls.push({ method: request.method, path: request.path, status: response.status, batchSize: Array.isArray(members) ? members.length : undefined, at: Date.now() - started });
    return response;
  });

  const listOf = (listId = defaultListId) => {
    const list = lists.get(listId);
    if (!list) throw new Error(`No list ${listId} on this contract server`);
    return list;
  };

  return {
    ...server,
    apiKey,
    /** Settings the connector needs to reach this server. */
    connectorSettings: (listId = defaultListId) => ({ listId, baseUrl: server.baseUrl }),
    members: (listId?: string) => [...listOf(listId).members.values()],
    member: (email: string, listId?: string) => listOf(listId).members.get(hashOf(email)),
    /** A member already in the audience (signed up elsewhere, unsubscribed…). */
    seedMember(email: string, fields: Partial<Pick<StoredMember, "status" | "merge_fields" | "tags">> = {}, listId?: string) {
      const list = listOf(listId);
      list.members.set(hashOf(email), {
        id: hashOf(email),
        email_address: email,
        unique_email_id: randomUUID().slice(0, 10),
        status: fields.status ?? "subscribed",
        merge_fields: { ...fields.merge_fields },
        tags: [...(fields.tags ?? [])],
        marketing_permissions: list.permissions.map((p) => ({ marketing_permission_id: p.id, text: p.text, enabled: false })),
        list_id: list.id,
        last_changed: new Date().toISOString(),
      });
    },
    /** What a venue's staff changes in Mailchimp's own screens. */
    editMember(email: string, mergeFields: Record<string, unknown>, listId?: string) {
      Object.assign(listOf(listId).members.get(hashOf(email))!.merge_fields, mergeFields);
    },
    forgotten: (listId?: string) => [...listOf(listId).forgotten],
    /** The key is revoked in Mailchimp; only `newKey` works from now on. */
    rotateKey(newKey: string) {
      apiKey = newKey;
    },
    /** The next `count` calls (after `afterCalls` that go through) answer `status`. */
    failNext: (count: number, status: 500 | 503 = 503, afterCalls = 0) => faults.failNext(count, status, afterCalls),
    calls,
    counters,
  };
}

export type MailchimpContract = Awaited<ReturnType<typeof startMailchimpContract>>;

function methodNotAllowed(): ContractResponse {
  return problem(405, "Method Not Allowed", "The requested method and resource are not compatible. See the Allow header for this resource's available methods.");
}
