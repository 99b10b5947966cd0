import "server-only";

import { db } from "@/lib/db";

import { handleApiRequest } from "./handle";
import type { ApiRouteSpec } from "./route-spec";

/** An App Router handler for one operation, over the app's database client. */
export function apiRoute(route: ApiRouteSpec) {
  // A route without dynamic segments gets no params at all from Next.
  return async (request: Request, context: { params?: Promise<Record<string, string | string[]>> }) =>
    handleApiRequest(db, route, request, (await context.params) ?? {});
}
