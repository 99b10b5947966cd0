import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { PortalCopy } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";

import { copySnapshot, type CopyActor } from "./actor";
import { refuseConcurrentChange } from "./concurrent-change";
import { archiveLive } from "./publish-copy";

export interface RollBackPortalCopy {
  copyId: string;
  ip?: string | null;
}

/**
 * Puts an older version's fields live again as a NEW published version: history is never
 * rewritten, so the audit trail and the version list keep showing what guests saw when.
 * A draft in progress keeps its content but moves to the number after the restored version,
 * so the draft stays the newest version and publishing it later cannot go backwards.
 */
export async function rollBackPortalCopy(db: Db, actor: CopyActor, input: RollBackPortalCopy): Promise<PortalCopy> {
  assertPermission(actor, "copy.publish");
  return refuseConcurrentChange(() =>
    db.$transaction(async (tx) => {
      const source = await tx.portalCopy.findUnique({ where: { id: input.copyId } });
      if (!source) throw new DomainError("copyVersionGone");
      if (source.status === "DRAFT") throw new DomainError("rollBackToDraft");
      if (source.status === "PUBLISHED") throw new DomainError("copyVersionLive", { params: { version: source.version } });
      const previous = await archiveLive(tx, source.venueId, source.locale);
      const latest = await tx.portalCopy.findFirstOrThrow({ where: { venueId: source.venueId, locale: source.locale }, orderBy: { version: "desc" } });
      const draft = await tx.portalCopy.findFirst({ where: { venueId: source.venueId, locale: source.locale, status: "DRAFT" } });
      if (draft) await tx.portalCopy.update({ where: { id: draft.id }, data: { version: latest.version + 2 } });
      const restored = await tx.portalCopy.create({
        data: {
          venueId: source.venueId,
          locale: source.locale,
          version: latest.version + 1,
          status: "PUBLISHED",
          fields: source.fields ?? {},
          createdById: actor.id,
          publishedAt: new Date(),
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "portal_copy.rolled_back",
        entityType: "portal_copy",
        entityId: restored.id,
        before: previous ? copySnapshot(previous) : null,
        after: {
          ...copySnapshot(restored),
          restoredFromVersion: source.version,
          restoredFromId: source.id,
          ...(draft ? { draftRenumbered: { id: draft.id, from: draft.version, to: latest.version + 2 } } : {}),
        },
        ip: input.ip,
      });
      return restored;
    }),
  );
}
