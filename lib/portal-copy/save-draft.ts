import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission } from "@/lib/auth/permissions";
import { assetPath, checkImageUpload, imageRefusal, storeImageAsset, type ImageUpload } from "@/lib/assets";
import type { Db, DbTx } from "@/lib/db/client";
import type { PortalCopy } from "@/lib/generated/prisma/client";
import { DomainError, type FieldError, type FieldErrors } from "@/lib/errors";

import { copySnapshot, type CopyActor } from "./actor";
import { refuseConcurrentChange } from "./concurrent-change";
import { portalCopyFieldsSchema, type PortalCopyFields, type PortalCopyFieldsInput } from "./schemas";

export interface SavePortalCopyDraft {
  venueId: string;
  locale: string;
  fields: PortalCopyFieldsInput;
  logo?: ImageUpload;
  backgroundImage?: ImageUpload;
  removeLogo?: boolean;
  removeBackgroundImage?: boolean;
  ip?: string | null;
}

/**
 * Saves the one draft of a venue's copy in a locale: updated in place when there is one,
 * else created as the next version. New images are stored and audited in the same
 * transaction; a refused image or invalid field writes nothing.
 */
export async function savePortalCopyDraft(db: Db, actor: CopyActor, input: SavePortalCopyDraft): Promise<PortalCopy> {
  assertPermission(actor, "copy.edit");
  const venue = await db.venue.findUnique({ where: { id: input.venueId } });
  if (!venue) throw new DomainError("venueGone");
  if (!venue.locales.includes(input.locale)) throw new DomainError("localeNotOffered", { params: { venue: venue.name, locale: input.locale } });

  const parsed = portalCopyFieldsSchema.safeParse(input.fields);
  if (!parsed.success) throw new DomainError("invalidFields", { fieldErrors: schemaFieldErrors(parsed.error) });
  // Refuse a bad file before opening the transaction, with the message for its field.
  for (const [field, upload] of [["logo", input.logo], ["backgroundImage", input.backgroundImage]] as const) {
    const check = upload ? checkImageUpload(upload) : null;
    if (check && !check.ok) throw imageRefusal(field, check.refusal);
  }
  const fields: PortalCopyFields = { ...parsed.data };
  if (input.removeLogo) delete fields.logoUrl;
  if (input.removeBackgroundImage) delete fields.backgroundImageUrl;
  await assertOwnAssets(db, venue.id, fields);

  return refuseConcurrentChange(() =>
    db.$transaction(async (tx) => {
      if (input.logo) {
        const asset = await storeImageAsset(tx, { actorId: actor.id, venueId: venue.id, upload: input.logo, field: "logo", ip: input.ip });
        fields.logoUrl = assetPath(asset.id);
      }
      if (input.backgroundImage) {
        const asset = await storeImageAsset(tx, { actorId: actor.id, venueId: venue.id, upload: input.backgroundImage, field: "backgroundImage", ip: input.ip });
        fields.backgroundImageUrl = assetPath(asset.id);
      }
      return writeDraft(tx, actor, venue.id, input.locale, fields, input.ip);
    }),
  );
}

async function writeDraft(tx: DbTx, actor: CopyActor, venueId: string, locale: string, fields: PortalCopyFields, ip?: string | null) {
  const draft = await tx.portalCopy.findFirst({ where: { venueId, locale, status: "DRAFT" } });
  let saved: PortalCopy;
  if (draft) {
    saved = await tx.portalCopy.update({ where: { id: draft.id }, data: { fields } });
  } else {
    const latest = await tx.portalCopy.findFirst({ where: { venueId, locale }, orderBy: { version: "desc" }, select: { version: true } });
    saved = await tx.portalCopy.create({ data: { venueId, locale, version: (latest?.version ?? 0) + 1, status: "DRAFT", fields, createdById: actor.id } });
  }
  await recordAudit(tx, {
    actorId: actor.id,
    action: "portal_copy.draft_saved",
    entityType: "portal_copy",
    entityId: saved.id,
    before: draft ? copySnapshot(draft) : null,
    after: copySnapshot(saved),
    ip,
  });
  return saved;
}

/** Kept image paths must be this venue's own uploads, not another venue's or made-up ids. */
async function assertOwnAssets(db: Db, venueId: string, fields: PortalCopyFields): Promise<void> {
  for (const [field, url] of [["logo", fields.logoUrl], ["backgroundImage", fields.backgroundImageUrl]] as const) {
    if (!url) continue;
    const asset = await db.asset.findFirst({ where: { id: url.slice("/assets/".length), venueId }, select: { id: true } });
    if (!asset) throw new DomainError("foreignAsset", { fieldErrors: { [field]: ["uploadAgain"] } });
  }
}

/** The schema's own messages, per field, as the form would have shown them. */
function schemaFieldErrors(error: { issues: { path: PropertyKey[]; message: string }[] }): FieldErrors {
  const errors: Record<string, FieldError[]> = {};
  for (const issue of error.issues) (errors[issue.path.map(String).join(".") || "_form"] ??= []).push({ code: "schemaRule", params: { message: issue.message } });
  return errors;
}
