import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import type { Db, DbTx } from "@/lib/db/client";
import type { PortalCopy } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";

import { copySnapshot, type CopyActor } from "./actor";
import { refuseConcurrentChange } from "./concurrent-change";
import { portalCopyFieldsSchema } from "./schemas";

export interface PublishPortalCopy {
  venueId: string;
  locale: string;
  ip?: string | null;
}

/**
 * Makes the draft of a venue and locale the live copy, in one transaction: the live version
 * becomes ARCHIVED, the draft PUBLISHED. A second publish of the same draft finds nothing.
 */
export async function publishPortalCopy(db: Db, actor: CopyActor, input: PublishPortalCopy): Promise<PortalCopy> {
  assertPermission(actor, "copy.publish");
  return refuseConcurrentChange(() =>
    db.$transaction(async (tx) => {
      const draft = await tx.portalCopy.findFirst({ where: { venueId: input.venueId, locale: input.locale, status: "DRAFT" } });
      if (!draft) throw new DomainError("noCopyDraft");
      if (!portalCopyFieldsSchema.safeParse(draft.fields).success) throw new DomainError("copyDraftIncomplete");
      const previous = await archiveLive(tx, input.venueId, input.locale);
      // Conditional on still being a draft, so two publishes racing cannot both succeed.
      const claimed = await tx.portalCopy.updateMany({ where: { id: draft.id, status: "DRAFT" }, data: { status: "PUBLISHED", publishedAt: new Date() } });
      if (claimed.count !== 1) throw new DomainError("copyDraftAlreadyPublished");
      const published = await tx.portalCopy.findUniqueOrThrow({ where: { id: draft.id } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "portal_copy.published",
        entityType: "portal_copy",
        entityId: published.id,
        before: previous ? copySnapshot(previous) : null,
        after: copySnapshot(published),
        ip: input.ip,
      });
      return published;
    }),
  );
}

/** Retires the live version of a venue and locale, if any, and returns it as it was. */
export async function archiveLive(tx: DbTx, venueId: string, locale: string): Promise<PortalCopy | null> {
  const live = await tx.portalCopy.findFirst({ where: { venueId, locale, status: "PUBLISHED" } });
  if (live) await tx.portalCopy.update({ where: { id: live.id }, data: { status: "ARCHIVED" } });
  return live;
}
