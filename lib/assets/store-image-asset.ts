import { createHash } from "node:crypto";

import { recordAudit } from "@/lib/audit/record-audit";
import type { DbTx } from "@/lib/db/client";
import type { Asset } from "@/lib/generated/prisma/client";

import { checkImageUpload, imageRefusal, type ImageUpload } from "./image-upload";

export interface StoreImageAsset {
  actorId: string;
  venueId: string;
  upload: ImageUpload;
  /** The form field it came from, for the error message and the audit entry. */
  field: string;
  ip?: string | null;
}

/**
 * Stores a checked image in the caller's transaction and audits it there, so an image is
 * kept only if the change that uses it is. A refused file throws before anything is written.
 */
export async function storeImageAsset(tx: DbTx, input: StoreImageAsset): Promise<Asset> {
  const check = checkImageUpload(input.upload);
  if (!check.ok) throw imageRefusal(input.field, check.refusal);
  const sha256 = createHash("sha256").update(input.upload.bytes).digest("hex");
  const asset = await tx.asset.create({
    data: {
      venueId: input.venueId,
      contentType: check.contentType,
      byteSize: input.upload.bytes.byteLength,
      sha256,
      data: Buffer.from(input.upload.bytes),
      createdById: input.actorId,
    },
  });
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "asset.uploaded",
    entityType: "asset",
    entityId: asset.id,
    after: { venueId: asset.venueId, contentType: asset.contentType, byteSize: asset.byteSize, sha256, fileName: input.upload.fileName, field: input.field },
    ip: input.ip,
  });
  return asset;
}

/** Where guests' browsers fetch an asset: always from Portico itself. */
export function assetPath(assetId: string): string {
  return `/assets/${assetId}`;
}
