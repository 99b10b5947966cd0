// Keyset ("cursor") pagination over lists ordered newest first by (timestamp, id). A page
// link carries the position of the row it continues from, so rows added meanwhile neither
// shift a page nor make one repeat, and deep pages cost the same as the first.
import { firstParam, type QueryParams } from "./query-params";

/** Where a page continues from: the sort timestamp and id of the boundary row. */
export interface KeysetCursor {
  at: Date;
  id: string;
}

/** "older" continues after the cursor (the next page down); "newer" goes back up. */
export type PageDirection = "older" | "newer";

export interface PageRequest {
  cursor: KeysetCursor | null;
  direction: PageDirection;
  size: number;
}

export interface KeysetPage<T> {
  items: T[];
  /** Cursor for the page after this one (older rows), when there is one. */
  older?: string;
  /** Cursor for the page before this one (newer rows), when there is one. */
  newer?: string;
}

/** Row ids are UUIDs or bigint serials (events, audit entries); a cursor names one or the other. */
export type CursorIdKind = "uuid" | "serial";

const idPatterns: Record<CursorIdKind, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  serial: /^[0-9]{1,19}$/,
};

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor in a page link, or null when the link was edited or mangled. */
export function decodeCursor(raw: string, idKind: CursorIdKind): KeysetCursor | null {
  if (raw.length > 200) return null;
  const [iso, id, extra] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  if (!iso || !id || extra !== undefined || !idPatterns[idKind].test(id)) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || at.toISOString() !== iso) return null;
  return { at, id };
}

/**
 * Reads `older` / `newer` page parameters (prefixed, so one page can paginate several
 * lists). A cursor that does not decode is reported rather than silently ignored.
 */
export function readPageRequest(
  params: QueryParams,
  options: { size: number; idKind: CursorIdKind; prefix?: string },
): PageRequest & { invalid: boolean } {
  const { size, idKind, prefix = "" } = options;
  const older = firstParam(params, `${prefix}older`) || undefined;
  const newer = firstParam(params, `${prefix}newer`) || undefined;
  const raw = older ?? newer;
  if (!raw) return { cursor: null, direction: "older", size, invalid: false };
  const cursor = decodeCursor(raw, idKind);
  return { cursor, direction: older ? "older" : "newer", size, invalid: cursor === null };
}

/**
 * How to fetch a page: the sort order, and the bound on (timestamp, id) past the cursor.
 * Callers build their own Prisma `where` from it so each model keeps its typing.
 */
export function keysetQuery(request: PageRequest): { order: "desc" | "asc"; bound: { op: "lt" | "gt"; cursor: KeysetCursor } | null } {
  if (!request.cursor) return { order: "desc", bound: null };
  return request.direction === "older"
    ? { order: "desc", bound: { op: "lt", cursor: request.cursor } }
    : { order: "asc", bound: { op: "gt", cursor: request.cursor } };
}

/**
 * Turns `size + 1` fetched rows into a page, newest first, with the links either side.
 * The extra row only says whether more exist in the direction fetched.
 */
export function toPage<T>(rows: T[], request: PageRequest, keyOf: (row: T) => KeysetCursor): KeysetPage<T> {
  const more = rows.length > request.size;
  const fetched = rows.slice(0, request.size);
  if (request.cursor && request.direction === "newer") {
    const items = fetched.reverse();
    return {
      items,
      newer: more && items[0] ? encodeCursor(keyOf(items[0])) : undefined,
      older: items.length ? encodeCursor(keyOf(items[items.length - 1]!)) : undefined,
    };
  }
  const items = fetched;
  return {
    items,
    older: more && items.length ? encodeCursor(keyOf(items[items.length - 1]!)) : undefined,
    newer: request.cursor && items[0] ? encodeCursor(keyOf(items[0])) : undefined,
  };
}
