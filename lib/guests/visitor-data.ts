import type { DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

const namespacePattern = /^[a-z][a-z0-9_-]{0,39}$/;

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
