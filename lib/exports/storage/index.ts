import type { ExportStorageEnv } from "@/lib/env";

import type { ExportStorage } from "./export-storage";
import { folderStorage } from "./folder-storage";
import { s3Storage } from "./s3-storage";

export { assertSafeKey, type ExportStorage, type StoredFile } from "./export-storage";
export { folderStorage } from "./folder-storage";
export { s3Storage, type S3StorageConfig } from "./s3-storage";

/** The bucket when PORTICO_EXPORT_S3_BUCKET is set, else the folder PORTICO_EXPORT_DIR. */
export function exportStorageFrom(config: ExportStorageEnv): ExportStorage {
  if (!config.PORTICO_EXPORT_S3_BUCKET) return folderStorage(config.PORTICO_EXPORT_DIR);
  const credentials =
    config.PORTICO_EXPORT_S3_ACCESS_KEY_ID && config.PORTICO_EXPORT_S3_SECRET_ACCESS_KEY
      ? { accessKeyId: config.PORTICO_EXPORT_S3_ACCESS_KEY_ID, secretAccessKey: config.PORTICO_EXPORT_S3_SECRET_ACCESS_KEY }
      : undefined;
  return s3Storage({
    bucket: config.PORTICO_EXPORT_S3_BUCKET,
    region: config.PORTICO_EXPORT_S3_REGION,
    endpoint: config.PORTICO_EXPORT_S3_ENDPOINT,
    forcePathStyle: config.PORTICO_EXPORT_S3_FORCE_PATH_STYLE ?? Boolean(config.PORTICO_EXPORT_S3_ENDPOINT),
    credentials,
    prefix: config.PORTICO_EXPORT_S3_PREFIX,
  });
}
