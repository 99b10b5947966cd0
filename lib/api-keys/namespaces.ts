import type { Db, DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { namespacePattern, portalNamespace } from "@/lib/guests/visitor-data";

/**
 * Visitor-data namespaces are shareable or internal. A key declares the namespaces it writes
 * as one or the other when it is created; the declaration is global (one row per name), so a
 * namespace means the same thing to every export and webhook. A namespace that was never
 * declared (a connector's own, say) counts as internal: nothing leaves unless someone said so.
 */
export async function shareableNamespaces(db: Db | DbTx): Promise<string[]> {
  const rows = await db.visitorDataNamespace.findMany({ where: { shareable: true }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

/** Keeps only the shareable namespaces of a guest's visitor data (what exports and webhooks may send). */
export function shareablePart(visitorData: Record<string, unknown>, shareable: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(visitorData).filter(([name]) => shareable.includes(name)));
}

/** Splits "crm, loyalty" into checked namespace names; the portal's is refused. */
export function parseNamespaceList(text: string, field: string): string[] {
  const names = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  for (const namespace of names) {
    if (!namespacePattern.test(namespace)) {
      throw DomainError.of({ code: "apiKeyNamespaceInvalid", params: { namespace } }, { [field]: [{ code: "apiKeyNamespaceInvalid", params: { namespace } }] });
    }
    if (namespace === portalNamespace) {
      throw DomainError.of({ code: "apiKeyNamespaceReserved", params: { namespace } }, { [field]: [{ code: "apiKeyNamespaceReserved", params: { namespace } }] });
    }
  }
  return names;
}

/**
 * Declares namespaces (in the caller's transaction) with the shareability asked for; one
 * already declared the other way is refused rather than silently flipped, since exports
 * already rely on it.
 */
export async function declareNamespaces(tx: DbTx, declared: { name: string; shareable: boolean; field: string }[]): Promise<void> {
  for (const { name, shareable, field } of declared) {
    await tx.visitorDataNamespace.createMany({ data: [{ name, shareable }], skipDuplicates: true });
    const row = await tx.visitorDataNamespace.findUniqueOrThrow({ where: { name } });
    if (row.shareable !== shareable) {
      const problem = { code: "apiKeyNamespaceShareability" as const, params: { namespace: name, shareable: row.shareable } };
      throw DomainError.of(problem, { [field]: [problem] });
    }
  }
}
