// One API operation, described once: the handlers run from it (lib/api/handle.ts) and the
// OpenAPI document is generated from it (lib/api/openapi.ts), so they cannot disagree.
import type { z } from "zod";

import type { ApiPrincipal, ApiScope } from "@/lib/api-keys";
import type { Db } from "@/lib/db/client";

export interface ApiContext<Query, Params, Body> {
  db: Db;
  principal: ApiPrincipal;
  query: Query;
  params: Params;
  body: Body;
  request: Request;
}

export interface ApiReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponseSpec {
  description: string;
  /** The JSON body's schema (output side); none for bodiless answers. */
  schema?: z.ZodType;
  /** Response headers worth documenting (ETag, …): name → description. */
  headers?: Record<string, string>;
}

export interface ApiRouteSpec<
  Query extends z.ZodType = z.ZodType,
  Params extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: "GET" | "PUT" | "PATCH";
  /** OpenAPI path template under /api/v1, e.g. "/guests/{guestId}". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** The key needs one of these scopes; "any": any live key. */
  scopes: readonly ApiScope[] | "any";
  params?: Params;
  query?: Query;
  body?: { schema: Body; contentTypes: readonly string[]; description: string };
  /** Request headers the operation reads, for the document: name → [required, description]. */
  requestHeaders?: Record<string, [boolean, string]>;
  /** Successful and route-specific answers; 400/401/403/429/500 are added to every operation. */
  responses: Record<number, ApiResponseSpec>;
  handler(context: ApiContext<z.output<Query>, z.output<Params>, z.output<Body>>): Promise<ApiReply>;
}

/** Keeps each route's own types while collecting them in one list. */
export function defineRoute<Query extends z.ZodType, Params extends z.ZodType, Body extends z.ZodType>(
  spec: ApiRouteSpec<Query, Params, Body>,
): ApiRouteSpec {
  return spec as unknown as ApiRouteSpec;
}
