/** How one field differs between an audit entry's before and after snapshots. */
export interface FieldChange {
  /** Dotted path into nested objects, e.g. `fields.headline`. */
  field: string;
  kind: "added" | "removed" | "changed" | "unchanged";
  before?: unknown;
  after?: unknown;
}

type JsonObject = Record<string, unknown>;

/**
 * A field-by-field comparison of two JSON snapshots, so a reader sees "name: Lobby →
 * Front lobby" rather than two blobs to compare by eye. Nested objects are walked into;
 * arrays and scalars are compared as whole values. A missing snapshot (a creation has no
 * before, a deletion no after) counts as an empty object. Fields keep the after snapshot's
 * order, then fields only the before snapshot had.
 */
export function compareSnapshots(before: unknown, after: unknown): FieldChange[] {
  const old = flatten(asObject(before));
  const next = flatten(asObject(after));
  const fields = [...new Set([...next.keys(), ...old.keys()])];
  return fields.map((field): FieldChange => {
    const hadBefore = old.has(field);
    const hasAfter = next.has(field);
    if (!hadBefore) return { field, kind: "added", after: next.get(field) };
    if (!hasAfter) return { field, kind: "removed", before: old.get(field) };
    const [b, a] = [old.get(field), next.get(field)];
    return { field, kind: canonicalJson(b) === canonicalJson(a) ? "unchanged" : "changed", before: b, after: a };
  });
}

function asObject(snapshot: unknown): JsonObject {
  if (snapshot === null || snapshot === undefined) return {};
  if (isObject(snapshot)) return snapshot;
  // A scalar or array snapshot is one value; give it a name so it still compares.
  return { value: snapshot };
}

function flatten(object: JsonObject, prefix = "", into = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value) && Object.keys(value).length > 0) flatten(value, path, into);
    else into.set(path, value);
  }
  return into;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}
