import "server-only";

import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { keysetQuery, toPage, type KeysetPage, type PageRequest } from "@/lib/pagination/keyset-cursor";
import { escapeLikePattern } from "@/lib/guests/like-pattern";

import type { AuditFilter } from "./schemas";

export interface AuditListEntry {
  id: string;
  at: Date;
  /** Null for changes Portico made outside a staff session; `actorDescription` says what made them. */
  actor: { email: string; name: string | null; role: StaffRole } | null;
  actorDescription: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

const dayMs = 24 * 60 * 60 * 1000;

/** The audit trail, newest first, narrowed by the filters. Read-only: the table refuses edits. */
export async function listAuditEntries(db: Db, actor: { role: StaffRole }, filter: AuditFilter, page: PageRequest): Promise<KeysetPage<AuditListEntry>> {
  assertPermission(actor, "audit.view");
  const { order, bound } = keysetQuery(page);
  const at: Prisma.DateTimeFilter = {
    ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
    // The end date is included: everything before the next day starts.
    ...(filter.to ? { lt: new Date(Date.parse(`${filter.to}T00:00:00Z`) + dayMs) } : {}),
  };
  const where: Prisma.AuditEntryWhereInput = {
    AND: [
      filter.actor ? { actor: { email: { contains: escapeLikePattern(filter.actor) } } } : {},
      filter.entityType ? { entityType: filter.entityType } : {},
      filter.action ? { action: filter.action } : {},
      filter.entityId ? { entityId: filter.entityId } : {},
      filter.from || filter.to ? { at } : {},
      bound ? { OR: [{ at: { [bound.op]: bound.cursor.at } }, { at: bound.cursor.at, id: { [bound.op]: BigInt(bound.cursor.id) } }] } : {},
    ],
  };
  const rows = await db.auditEntry.findMany({
    where,
    orderBy: [{ at: order }, { id: order }],
    take: page.size + 1,
    include: { actor: { select: { email: true, name: true, role: true } } },
  });
  const result = toPage(rows, page, (row) => ({ at: row.at, id: row.id.toString() }));
  return {
    ...result,
    items: result.items.map((row) => ({
      id: row.id.toString(),
      at: row.at,
      actor: row.actor,
      actorDescription: row.actorDescription,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
      ip: row.ip,
    })),
  };
}

/** The entity types and actions the log holds, for the filter form's choices. */
export async function listAuditFacets(db: Db, actor: { role: StaffRole }): Promise<{ entityTypes: string[]; actions: string[] }> {
  assertPermission(actor, "audit.view");
  const [entityTypes, actions] = await Promise.all([
    // GROUP BY in SQL rather than fetching every entry to de-duplicate.
    db.auditEntry.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
    db.auditEntry.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  return { entityTypes: entityTypes.map((e) => e.entityType), actions: actions.map((a) => a.action) };
}
