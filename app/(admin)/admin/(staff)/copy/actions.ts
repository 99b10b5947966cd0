"use server";

import { revalidatePath } from "next/cache";

import { db } from "@/lib/db";
import type { ImageUpload } from "@/lib/assets";
import {
  portalCopyDraftSchema,
  publishPortalCopy,
  publishPortalCopySchema,
  rollBackPortalCopy,
  rollBackPortalCopySchema,
  savePortalCopyDraft,
} from "@/lib/portal-copy";
import { staffAction } from "@/lib/staff/staff-action";

export const saveCopyDraftAction = staffAction("copy.edit", portalCopyDraftSchema, async (input, { actor, ip }) => {
  const { venueId, locale, logo, backgroundImage, removeLogo, removeBackgroundImage, ...fields } = input;
  const draft = await savePortalCopyDraft(db, actor, {
    venueId,
    locale,
    fields,
    logo: logo ? await imageUpload(logo) : undefined,
    backgroundImage: backgroundImage ? await imageUpload(backgroundImage) : undefined,
    removeLogo: Boolean(removeLogo),
    removeBackgroundImage: Boolean(removeBackgroundImage),
    ip,
  });
  revalidatePath("/admin/copy", "layout");
  return { status: "ok", message: `Draft saved (version ${draft.version}). Check the preview, then publish it when it looks right.` };
});

export const publishCopyAction = staffAction("copy.publish", publishPortalCopySchema, async (input, { actor, ip }) => {
  const published = await publishPortalCopy(db, actor, { ...input, ip });
  revalidatePath("/admin/copy", "layout");
  return { status: "ok", message: `Version ${published.version} is live: guests see it now.` };
});

export const rollBackCopyAction = staffAction("copy.publish", rollBackPortalCopySchema, async (input, { actor, ip }) => {
  const restored = await rollBackPortalCopy(db, actor, { ...input, ip });
  revalidatePath("/admin/copy", "layout");
  return { status: "ok", message: `Rolled back: version ${restored.version} is live, a copy of an earlier version.` };
});

async function imageUpload(file: File): Promise<ImageUpload> {
  return { bytes: new Uint8Array(await file.arrayBuffer()), claimedType: file.type, fileName: file.name || "The file" };
}
