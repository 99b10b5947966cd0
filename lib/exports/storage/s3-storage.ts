import { createReadStream } from "node:fs";
import { Readable } from "node:stream";

import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";

import { assertSafeKey, type ExportStorage, type StoredFile } from "./export-storage";

export interface S3StorageConfig {
  bucket: string;
  region: string;
  /** An S3-compatible service's URL (MinIO, Ceph, R2…); unset: AWS itself. */
  endpoint?: string;
  /** Bucket in the path (`<endpoint>/<bucket>/<key>`), which most S3-compatible services need. */
  forcePathStyle: boolean;
  /** Unset: the AWS SDK's own chain (environment, shared config, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Put before every key, e.g. "portico/exports". */
  prefix?: string;
}

/** Export files as objects in an S3-compatible bucket (AWS SDK v3). */
export function s3Storage(config: S3StorageConfig): ExportStorage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Checksums only where S3 requires them: many S3-compatible services do not know the
    // newer flexible-checksum headers. Integrity is the manifest's sha256.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const prefix = config.prefix ? config.prefix.replace(/^\/+|\/+$/g, "") : "";
  const objectKey = (key: string) => {
    assertSafeKey(key);
    return prefix ? `${prefix}/${key}` : key;
  };
  return {
    kind: "s3",
    async putFile(key, localPath, file) {
      await client.send(
        new PutObjectCommand({
          Bucket: config.bucket,
          Key: objectKey(key),
          Body: createReadStream(localPath),
          ContentLength: file.bytes,
          ContentType: file.contentType,
        }),
      );
    },
    async open(key): Promise<StoredFile | null> {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
        if (!(answer.Body instanceof Readable)) throw new Error("The S3 client returned a body that is not a Node stream");
        return { body: answer.Body, bytes: answer.ContentLength ?? 0 };
      } catch (error) {
        if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) return null;
        throw error;
      }
    },
  };
}
