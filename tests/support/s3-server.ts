// A local S3-compatible server for tests: s3rver (@20minutes/s3rver), which answers the S3
// REST API (path-style PutObject, GetObject, HeadObject, ListObjects…) from a folder, offline.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

// @ts-expect-error: the package ships no type declarations.
import S3rver from "@20minutes/s3rver";

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** s3rver's fixed credentials; it checks every request's signature against them. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

export async function startLocalS3(bucket = "portico-exports"): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), "portico-s3-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", directory, silent: true, configureBuckets: [{ name: bucket }] });
  const address = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
