import type { DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/** A namespace's name: who wrote it ("portal", "crm", "loyalty"). */
export const namespacePattern = /^[a-z][a-z0-9_-]{0,39}$/;

/** Portico's own namespace, written by the guest journey; API keys only ever read it. */
export const portalNamespace = "portal";

function assertNamespace(namespace: string): void {
  if (!namespacePattern.test(namespace)) throw new Error(`Invalid visitor data namespace "${namespace}"`);
}

/**
 * The SQL that merges `patch` into one system's namespace of `current` (a jsonb expression:
 * the guest's visitor_data column), leaving every other namespace and key as it is. Evaluated
 * by PostgreSQL on the row under its lock, so two writers at the same moment keep each other's
 * keys; a read-modify-write in application code would lose one of them. Every write of visitor
 * data goes through this expression.
 */
export function visitorDataMerge(current: Prisma.Sql, namespace: string, patch: Prisma.InputJsonObject): Prisma.Sql {
  assertNamespace(namespace);
  return Prisma.sql`${current} || jsonb_build_object(${namespace}::text, COALESCE(${current} -> ${namespace}::text, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb)`;
}

/** Merges `patch` into one system's namespace of a guest's visitor data, in a single UPDATE. */
export async function mergeVisitorData(tx: DbTx, guestId: string, namespace: string, patch: Prisma.InputJsonObject): Promise<void> {
  await tx.$executeRaw`
    UPDATE guest
    SET visitor_data = ${visitorDataMerge(Prisma.sql`visitor_data`, namespace, patch)},
        updated_at = now()
    WHERE id = ${guestId}::uuid`;
}

/**
 * The SQL that replaces whole namespaces of `current`: each of `namespaces` becomes its value
 * in `values`, or disappears when `values` lacks it; every other namespace stays as it is.
 * Like `visitorDataMerge`, PostgreSQL evaluates it on the locked row, so a writer of other
 * namespaces at the same moment keeps its keys (the API's PUT and PATCH, lib/api).
 */
export function visitorDataReplace(current: Prisma.Sql, namespaces: readonly string[], values: Prisma.InputJsonObject): Prisma.Sql {
  for (const namespace of namespaces) assertNamespace(namespace);
  return Prisma.sql`(${current} - ${[...namespaces]}::text[]) || ${JSON.stringify(values)}::jsonb`;
}
