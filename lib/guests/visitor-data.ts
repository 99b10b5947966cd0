import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

const namespacePattern = /^[a-z][a-z0-9_-]{0,39}$/;

/**
 * Merges `patch` into one system's namespace of a guest's visitor data in a single UPDATE.
 * PostgreSQL re-reads the row under its lock, so two systems writing different namespaces
 * (or different keys of one) at the same moment both keep their keys; a read-modify-write
 * in application code would lose one of them.
 */
export async function mergeVisitorData(tx: DbTx, guestId: string, namespace: string, patch: Prisma.InputJsonObject): Promise<void> {
  if (!namespacePattern.test(namespace)) throw new Error(`Invalid visitor data namespace "${namespace}"`);
  await tx.$executeRaw`
    UPDATE guest
    SET visitor_data = visitor_data || jsonb_build_object(${namespace}::text, COALESCE(visitor_data -> ${namespace}::text, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb),
        updated_at = now()
    WHERE id = ${guestId}::uuid`;
}
