import { shareableNamespaces, type ApiPrincipal } from "@/lib/api-keys";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { portalNamespace, visitorDataReplace } from "@/lib/guests/visitor-data";

import { assertGuestReachable } from "../access";
import { applyMergePatch, jsonEqual, type Json } from "../merge-patch";
import { ApiProblem } from "../problem";
import { maxBodyBytes } from "../read-body";
import { defineRoute, type ApiReply } from "../route-spec";
import { guestIdParams, visitorDataPatchSchema, visitorDataSchema } from "../schemas";

type VisitorData = Record<string, Record<string, Json>>;

/** The namespaces a key sees: the shareable ones and its own. Internal namespaces of others stay hidden. */
async function visibleNamespaces(db: Db, principal: ApiPrincipal): Promise<string[]> {
  return [...new Set([...(await shareableNamespaces(db)), ...principal.namespaces])];
}

/** What the key writes: its own namespaces, never the portal's. */
function writableNamespaces(principal: ApiPrincipal): string[] {
  return principal.namespaces.filter((n) => n !== portalNamespace);
}

/** SQL: the part of a visitor_data value the key may see. */
function projection(column: Prisma.Sql, visible: string[]): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT jsonb_object_agg(x.key, x.value) FROM jsonb_each(${column}) AS x WHERE x.key = ANY(${visible}::text[])), '{}'::jsonb)`;
}

/** SQL: the entity tag of that part: SHA-256 of jsonb's canonical text, so equal data has an equal tag. */
function etagOf(value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`encode(sha256(convert_to((${value})::text, 'UTF8')), 'hex')`;
}

const quote = (tag: string) => `"${tag}"`;

async function readVisitorData(db: Db, guestId: string, visible: string[]): Promise<{ data: VisitorData; etag: string }> {
  const [row] = await db.$queryRaw<{ data: VisitorData; etag: string }[]>`
    SELECT ${projection(Prisma.sql`visitor_data`, visible)} AS data, ${etagOf(projection(Prisma.sql`visitor_data`, visible))} AS etag
    FROM guest WHERE id = ${guestId}::uuid`;
  if (!row) throw new ApiProblem("notFound", "No such guest for this key.");
  return row;
}

function replyWith(principal: ApiPrincipal, status: number, data: VisitorData, etag: string): ApiReply {
  return { status, body: data, headers: { etag: quote(etag), "portico-writable-namespaces": writableNamespaces(principal).join(", ") } };
}

/** The tags If-Match lists (strong ones only: a weak tag never matches for a write). */
function ifMatchTags(request: Request): string[] {
  const header = request.headers.get("if-match");
  if (header === null || header.trim() === "") {
    throw new ApiProblem("preconditionRequired", "Read the visitor data first and send its ETag in If-Match, so no one else's change is lost.");
  }
  if (header.trim() === "*") throw new ApiProblem("preconditionRequired", "If-Match: * cannot protect anyone's change: send the ETag you read.");
  return header
    .split(",")
    .map((t) => t.trim())
    .filter((t) => /^"[0-9a-f]{64}"$/.test(t))
    .map((t) => t.slice(1, -1));
}

const etagHeaders = { ETag: "Entity tag of the visible visitor data (send it back in If-Match)", "Portico-Writable-Namespaces": "The namespaces this key writes" };

export const getVisitorData = defineRoute({
  operationId: "getVisitorData",
  method: "GET",
  path: "/guests/{guestId}/visitor-data",
  tag: "Visitor data",
  summary: "A guest's visitor data, with its ETag",
  description: "The shareable namespaces (the portal's among them) and the key's own internal ones.",
  scopes: ["guests:read", "visitor-data:write"],
  params: guestIdParams,
  responses: { 200: { description: "The namespaced object", schema: visitorDataSchema, headers: etagHeaders }, 404: { description: "No such guest for this key" } },
  async handler({ db, principal, params }) {
    await assertGuestReachable(db, principal, params.guestId);
    const { data, etag } = await readVisitorData(db, params.guestId, await visibleNamespaces(db, principal));
    return replyWith(principal, 200, data, etag);
  },
});

/**
 * The write both PUT and PATCH come down to: the new visible object, checked against what
 * the key may change, then one UPDATE that replaces only the key's namespaces and only if
 * the visible data still has the tag the client read (otherwise 412). The audit entry names
 * the key and the namespaces, never the data.
 */
async function writeVisitorData(
  db: Db,
  principal: ApiPrincipal,
  guestId: string,
  request: Request,
  next: (current: VisitorData) => Record<string, Json>,
): Promise<ApiReply> {
  await assertGuestReachable(db, principal, guestId);
  const tags = ifMatchTags(request);
  const visible = await visibleNamespaces(db, principal);
  const current = await readVisitorData(db, guestId, visible);
  if (!tags.includes(current.etag)) throw new ApiProblem("preconditionFailed", "The visitor data changed since you read it: read it again and reapply your change.");

  const proposed = next(current.data);
  const writable = writableNamespaces(principal);
  for (const namespace of new Set([...Object.keys(current.data), ...Object.keys(proposed)])) {
    if (writable.includes(namespace)) continue;
    if (!jsonEqual(current.data[namespace], proposed[namespace])) {
      throw new ApiProblem("forbidden", `The namespace "${namespace}" is not this key's to write.`);
    }
  }
  const written: Record<string, Json> = {};
  for (const namespace of writable) {
    const value = proposed[namespace];
    if (value === undefined) continue;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new ApiProblem("unprocessable", `The namespace "${namespace}" must be a JSON object.`, {
        errors: [{ in: "body", pointer: `/${namespace}`, detail: "Expected an object" }],
      });
    }
    written[namespace] = value;
  }
  if (Buffer.byteLength(JSON.stringify(written)) > maxBodyBytes) {
    throw new ApiProblem("unprocessable", `This key's namespaces would hold more than ${maxBodyBytes} bytes for this guest.`);
  }
  const changed = writable.filter((n) => !jsonEqual(current.data[n], written[n]));

  const result = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ data: VisitorData; etag: string }[]>`
      UPDATE guest
      SET visitor_data = ${visitorDataReplace(Prisma.sql`visitor_data`, writable, written as Prisma.InputJsonObject)},
          updated_at = now()
      WHERE id = ${guestId}::uuid AND ${etagOf(projection(Prisma.sql`visitor_data`, visible))} = ${current.etag}
      RETURNING ${projection(Prisma.sql`visitor_data`, visible)} AS data, ${etagOf(projection(Prisma.sql`visitor_data`, visible))} AS etag`;
    if (!row) return null;
    await recordAudit(tx, {
      actorId: null,
      actorDescription: `API key "${principal.name}" (${principal.prefix})`.slice(0, 200),
      action: "visitorData.write",
      entityType: "guest",
      entityId: guestId,
      before: { etag: current.etag },
      after: { etag: row.etag, namespaces: changed },
    });
    return row;
  });
  // Another writer got in between the read above and the update: the same answer as a stale tag.
  if (!result) throw new ApiProblem("preconditionFailed", "The visitor data changed since you read it: read it again and reapply your change.");
  return replyWith(principal, 200, result.data, result.etag);
}

const writeResponses = {
  200: { description: "Written; the new object and ETag", schema: visitorDataSchema, headers: etagHeaders },
  404: { description: "No such guest for this key" },
  412: { description: "The ETag in If-Match is stale: nothing was written" },
  413: { description: "The body is larger than 64 KB: nothing was written" },
  415: { description: "Wrong content type" },
  422: { description: "Too deep, not an object per namespace, or too large once merged: nothing was written" },
  428: { description: "If-Match missing: nothing was written" },
};
const ifMatch: Record<string, [boolean, string]> = { "If-Match": [true, "The ETag from the last read"] };

export const putVisitorData = defineRoute({
  operationId: "putVisitorData",
  method: "PUT",
  path: "/guests/{guestId}/visitor-data",
  tag: "Visitor data",
  summary: "Replace the key's namespaces with those in the whole object",
  description:
    "Send the whole object as read, changed in the key's own namespaces. A namespace of the key's that is missing is removed; other namespaces may be left out or sent back unchanged — changing one is 403.",
  scopes: ["visitor-data:write"],
  params: guestIdParams,
  body: { schema: visitorDataSchema, contentTypes: ["application/json"], description: "The whole namespaced object" },
  requestHeaders: ifMatch,
  responses: writeResponses,
  async handler({ db, principal, params, body, request }) {
    // Namespaces the key does not write may be left out of the whole object: they stay as they are.
    const others = (current: VisitorData) => Object.fromEntries(Object.entries(current).filter(([n]) => !writableNamespaces(principal).includes(n)));
    return writeVisitorData(db, principal, params.guestId, request, (current) => ({ ...others(current), ...(body as Record<string, Json>) }));
  },
});

export const patchVisitorData = defineRoute({
  operationId: "patchVisitorData",
  method: "PATCH",
  path: "/guests/{guestId}/visitor-data",
  tag: "Visitor data",
  summary: "Merge-patch the key's namespaces (RFC 7396)",
  scopes: ["visitor-data:write"],
  params: guestIdParams,
  body: { schema: visitorDataPatchSchema, contentTypes: ["application/merge-patch+json", "application/json"], description: "An RFC 7396 merge patch" },
  requestHeaders: ifMatch,
  responses: writeResponses,
  async handler({ db, principal, params, body, request }) {
    return writeVisitorData(db, principal, params.guestId, request, (current) => applyMergePatch(current as Json, body as Json) as Record<string, Json>);
  },
});
