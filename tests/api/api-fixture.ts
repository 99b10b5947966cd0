// Calls API v1 operations the way the App Router does (a Request in, a Response out),
// against a test database, with keys made by the same domain function staff use.
import { randomBytes } from "node:crypto";

import { createApiKey } from "@/lib/api-keys";
import type { ApiScope } from "@/lib/api-keys/scopes";
import { handleApiRequest } from "@/lib/api/handle";
import type { ApiRouteSpec } from "@/lib/api/route-spec";
import type { Db } from "@/lib/db/client";

export async function createAdmin(db: Db): Promise<{ id: string; role: "ADMIN" }> {
  const admin = await db.staffUser.create({ data: { email: `admin-${randomBytes(4).toString("hex")}@portico.test`, role: "ADMIN" } });
  return { id: admin.id, role: "ADMIN" };
}

export interface KeyOptions {
  venueId?: string | null;
  scopes?: ApiScope[];
  shareable?: string;
  internal?: string;
  rateLimitPerMinute?: number;
  expiresOn?: Date | null;
}

export async function createKey(db: Db, actor: { id: string; role: "ADMIN" }, options: KeyOptions = {}) {
  return createApiKey(db, actor, {
    name: `test key ${randomBytes(3).toString("hex")}`,
    venueId: options.venueId ?? "",
    scopes: options.scopes ?? ["guests:read", "events:read", "visitor-data:write"],
    shareableNamespaces: options.shareable ?? "",
    internalNamespaces: options.internal ?? "",
    expiresOn: options.expiresOn ?? null,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 10_000,
  });
}

export interface CallOptions {
  token?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json unless a content-type is given) or raw text. */
  body?: unknown;
  rawBody?: string;
}

export async function call(db: Db, route: ApiRouteSpec, options: CallOptions = {}) {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? ""));
  const url = new URL(`http://portico.test/api/v1${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new Request(url, { method: route.method, headers, body });
  const response = await handleApiRequest(db, route, request, options.params ?? {});
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : null, text };
}
