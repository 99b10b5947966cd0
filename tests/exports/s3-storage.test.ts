// Exports into an S3-compatible bucket: a local s3rver receives every file of the day through
// the AWS SDK (path style, signed requests), and what it holds is what the manifest says.
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { exportStorageFrom, exportVenueDay, s3Storage, type ExportManifest } from "@/lib/exports";
import { parseEnv } from "@/lib/env";

import { connectGuest } from "../guests/connect-guest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { readCsvGz, sha256 } from "../support/export-files";
import { startLocalS3, type LocalS3 } from "../support/s3-server";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
let s3: LocalS3;
let client: S3Client;
beforeAll(async () => {
  testDb = await createTestDatabase();
  s3 = await startLocalS3();
  client = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
});
afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  await testDb?.drop();
});

async function objectBytes(key: string): Promise<Buffer> {
  const answer = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return Buffer.from(await answer.Body!.transformToByteArray());
}

describe("exports to an S3-compatible bucket", () => {
  it("put every file of the day and its manifest under <prefix>/<venue>/<day>/, as the manifest records them", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { sponsors: [{ slug: "acme", name: "Acme Coffee" }] });
    await connectGuest(testDb.prisma, venue.slug, `s3-${venue.slug}@example.com`, { grant: ["marketing"], at: new Date("2026-11-10T12:00:00Z") });
    // Built from the environment variables, as the job and the CLI build it.
    const storage = exportStorageFrom(
      parseEnv({
        PORTICO_EXPORT_S3_BUCKET: s3.bucket,
        PORTICO_EXPORT_S3_ENDPOINT: s3.endpoint,
        PORTICO_EXPORT_S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        PORTICO_EXPORT_S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        PORTICO_EXPORT_S3_PREFIX: "warehouse/portico",
      }),
    );
    expect(storage.kind).toBe("s3");

    await exportVenueDay({ db: testDb.prisma, storage, venue, day: "2026-11-10" });
    const prefix = `warehouse/portico/${venue.slug}/2026-11-10/`;
    const manifest = JSON.parse((await objectBytes(`${prefix}manifest.json`)).toString("utf8")) as ExportManifest;
    expect(manifest.files.length).toBeGreaterThan(10);
    for (const file of manifest.files) {
      const bytes = await objectBytes(`${prefix}${file.name}`);
      expect({ name: file.name, sha256: sha256(bytes), bytes: bytes.length }).toEqual({ name: file.name, sha256: file.sha256, bytes: file.bytes });
      const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `${prefix}${file.name}` }));
      expect(head.ContentLength).toBe(file.bytes);
    }
    const guests = readCsvGz(await objectBytes(`${prefix}guests.csv.gz`));
    expect(guests.rows.map((r) => r.email)).toEqual([`s3-${venue.slug}@example.com`]);

    // Reading back through the storage (what the download route does), and a missing key.
    const opened = await storage.open(`${venue.slug}/2026-11-10/guests.csv.gz`);
    const chunks: Buffer[] = [];
    for await (const chunk of opened!.body) chunks.push(chunk as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(manifest.files.find((f) => f.name === "guests.csv.gz")!.sha256);
    expect(await storage.open(`${venue.slug}/2026-11-10/nothing.csv.gz`)).toBeNull();
  });

  it("fails the day, and says so in its row, when the bucket refuses the files", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const storage = s3Storage({ bucket: "no-such-bucket", region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
    await expect(exportVenueDay({ db: testDb.prisma, storage, venue, day: "2026-11-10" })).rejects.toThrow();
    const row = await testDb.prisma.exportDay.findFirstOrThrow({ where: { venueId: venue.id } });
    expect(row.status).toBe("FAILED");
    expect(row.error).toMatch(/bucket/i);
  });
});
