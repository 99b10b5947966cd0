import type { Db } from "@/lib/db/client";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An asset's bytes and type for serving, or null for an unknown or malformed id. */
export async function findAssetForServing(db: Db, assetId: string) {
  if (!uuid.test(assetId)) return null;
  return db.asset.findUnique({ where: { id: assetId }, select: { contentType: true, byteSize: true, sha256: true, data: true } });
}
