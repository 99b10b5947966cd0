-- Data out, only after consent (docs/DELIVERY.md). A connector is one outside system a venue
-- sends consented guests to (its CRM, its newsletter, a sponsor's webhook), tied to the one
-- consent purpose that allows it. `delivery` is the outbox: the consent statement writes one
-- PENDING row per connector the guest's decisions allow, in the same statement as the consent
-- records, and the delivery worker (pg-boss) drains it.

-- CreateEnum
CREATE TYPE "connector_status" AS ENUM ('ACTIVE', 'PAUSED', 'DISABLED');

-- CreateTable
CREATE TABLE "connector" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "purpose_id" UUID NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "secrets" BYTEA,
    "status" "connector_status" NOT NULL DEFAULT 'ACTIVE',
    "status_reason" TEXT,
    "status_changed_at" TIMESTAMPTZ(3),
    "send_after" TIMESTAMPTZ(3),
    "failure_streak" INTEGER NOT NULL DEFAULT 0,
    "batch_wait_seconds" INTEGER NOT NULL DEFAULT 5,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_call" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "items" INTEGER NOT NULL,
    "outcome" VARCHAR(16) NOT NULL,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "retried" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "delivery_call_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "delivery" ADD COLUMN "connector_id" UUID,
ADD COLUMN "visit_id" UUID,
ADD COLUMN "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "leased_until" TIMESTAMPTZ(3),
ADD COLUMN "fields" VARCHAR(32)[],
ADD COLUMN "settled_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "connector_venue_id_idx" ON "connector"("venue_id");

-- CreateIndex
CREATE INDEX "delivery_call_connector_id_started_at_idx" ON "delivery_call"("connector_id", "started_at");

-- CreateIndex
CREATE INDEX "delivery_connector_id_status_next_attempt_at_idx" ON "delivery"("connector_id", "status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "delivery_connector_id_delivered_at_idx" ON "delivery"("connector_id", "delivered_at");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_connector_id_visit_id_operation_key" ON "delivery"("connector_id", "visit_id", "operation");

-- AddForeignKey
ALTER TABLE "connector" ADD CONSTRAINT "connector_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector" ADD CONSTRAINT "connector_purpose_id_fkey" FOREIGN KEY ("purpose_id") REFERENCES "consent_purpose"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector" ADD CONSTRAINT "connector_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_call" ADD CONSTRAINT "delivery_call_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connector"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Which connectors exist, for which purpose, and whether they take new guests decides what the
-- consent step enqueues; guest pages remember that by the venue's content version, like the
-- wording (migration 20261202020000_venue_content_version). Only those columns bump it: the
-- worker's own bookkeeping (send_after, status reasons…) does not.
CREATE TRIGGER "connector_content_version" AFTER INSERT OR DELETE ON "connector" FOR EACH ROW EXECUTE FUNCTION "venue_content_version_bump"();
CREATE TRIGGER "connector_content_version_on_update" AFTER UPDATE OF "venue_id", "purpose_id", "status" ON "connector" FOR EACH ROW EXECUTE FUNCTION "venue_content_version_bump"();
