import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Who made a change: a staff member, or, for the few changes Portico makes outside any staff
 * session (the staff:create command, the first admin of an embedded database), a description
 * of what made it. Never neither: the table refuses an entry that names nobody.
 */
export type AuditActor = { actorId: string; actorDescription?: undefined } | { actorId: null; actorDescription: string };

export type AuditChange = AuditActor & {
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  ip?: string | null;
};

/**
 * Appends to the audit trail inside the caller's transaction: a change and its audit entry
 * are committed together or not at all. The table rejects updates and deletes.
 */
export async function recordAudit(tx: DbTx, change: AuditChange): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: change.actorId,
      actorDescription: change.actorDescription ?? null,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: change.before ?? undefined,
      after: change.after ?? undefined,
      ip: change.ip ?? null,
    },
  });
}
