-- A journey abandoned before consent keeps no personal data once it expires: the purge job
-- (lib/journeys/purge-expired-journeys.ts, scheduled on pg-boss) clears it and stamps
-- purged_at, so each run only looks at what is left.
-- AlterTable
ALTER TABLE "journey" ADD COLUMN "purged_at" TIMESTAMPTZ(3);

-- The purge job's work list: journeys neither completed nor purged yet, by expiry.
-- (Partial index: schema.prisma cannot declare it; tests/db/schema-drift.test.ts allows it.)
CREATE INDEX "journey_expires_at_unpurged_idx" ON "journey"("expires_at") WHERE "purged_at" IS NULL AND "status" <> 'COMPLETED';
