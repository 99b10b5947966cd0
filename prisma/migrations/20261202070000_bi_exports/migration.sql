-- BI exports (docs/EXPORTS.md): one row per venue and day, so a day is exported once however
-- often the job, a backfill or the CLI asks for it, and its manifest says what was written.

-- CreateEnum
CREATE TYPE "export_status" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "export_day" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "status" "export_status" NOT NULL,
    "storage" VARCHAR(16) NOT NULL,
    "location" VARCHAR(512) NOT NULL,
    "manifest" JSONB,
    "file_count" INTEGER NOT NULL DEFAULT 0,
    "row_count" BIGINT NOT NULL DEFAULT 0,
    "byte_size" BIGINT NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "export_day_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "export_day_venue_id_day_key" ON "export_day"("venue_id", "day");

-- AddForeignKey
ALTER TABLE "export_day" ADD CONSTRAINT "export_day_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
