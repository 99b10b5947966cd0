-- Guest rights (issue 13): the staff requests queue, per-venue retention policies, and sponsors'
-- data-processing agreement expiry. docs/RIGHTS.md.

-- CreateEnum
CREATE TYPE "rights_request_kind" AS ENUM ('ACCESS', 'ERASURE', 'RECTIFICATION', 'OBJECTION');

-- CreateEnum
CREATE TYPE "rights_request_status" AS ENUM ('RECEIVED', 'IN_PROGRESS', 'DONE', 'REFUSED');

-- AlterTable
ALTER TABLE "sponsor" ADD COLUMN "dpa_expires_at" DATE,
ADD COLUMN "dpa_lapsed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "rights_request" (
    "id" UUID NOT NULL,
    "kind" "rights_request_kind" NOT NULL,
    "status" "rights_request_status" NOT NULL DEFAULT 'RECEIVED',
    "email" VARCHAR(320),
    "email_normalized" VARCHAR(320),
    "guest_id" UUID,
    "details" VARCHAR(2000) NOT NULL DEFAULT '',
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "extended_at" TIMESTAMPTZ(3),
    "extension_reason" VARCHAR(500),
    "refusal_reason" VARCHAR(500),
    "outcome" VARCHAR(500),
    "created_by_id" UUID NOT NULL,
    "handled_by_id" UUID,
    "handled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rights_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "retention_policy" (
    "venue_id" UUID NOT NULL,
    "guest_months" INTEGER,
    "event_months" INTEGER,
    "session_months" INTEGER,
    "updated_by_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "retention_policy_pkey" PRIMARY KEY ("venue_id")
);

-- CreateIndex
CREATE INDEX "rights_request_received_at_id_idx" ON "rights_request"("received_at", "id");

-- CreateIndex
CREATE INDEX "rights_request_status_due_at_idx" ON "rights_request"("status", "due_at");

-- CreateIndex
CREATE INDEX "rights_request_guest_id_idx" ON "rights_request"("guest_id");

-- AddForeignKey
ALTER TABLE "rights_request" ADD CONSTRAINT "rights_request_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "guest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rights_request" ADD CONSTRAINT "rights_request_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rights_request" ADD CONSTRAINT "rights_request_handled_by_id_fkey" FOREIGN KEY ("handled_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_policy" ADD CONSTRAINT "retention_policy_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_policy" ADD CONSTRAINT "retention_policy_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: periods are whole months, 1 to 120 (ten years), or null (kept).
ALTER TABLE "retention_policy" ADD CONSTRAINT "retention_policy_months_range" CHECK (
    ("guest_months" IS NULL OR "guest_months" BETWEEN 1 AND 120)
    AND ("event_months" IS NULL OR "event_months" BETWEEN 1 AND 120)
    AND ("session_months" IS NULL OR "session_months" BETWEEN 1 AND 120));

-- Hand-written: the event log stays append-only, except for the retention job, which deletes a
-- venue's raw events past its policy's period. It says so for its own transaction only
-- (set_config('portico.retention_delete', 'on', true), lib/rights/retention/run-retention.ts),
-- so any other DELETE is still refused. Like every trigger here, a guard against mistakes and
-- bugs, not against a superuser.
CREATE OR REPLACE FUNCTION "event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('portico.retention_delete', true) = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'event is append-only: event % cannot be deleted', OLD."id";
    END IF;

    IF (to_jsonb(NEW) - ARRAY['venue_id', 'zone_id', 'guest_id', 'device_id', 'journey_id', 'payload'])
            IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['venue_id', 'zone_id', 'guest_id', 'device_id', 'journey_id', 'payload'])
        OR (NEW."venue_id" IS NOT NULL AND NEW."venue_id" IS DISTINCT FROM OLD."venue_id")
        OR (NEW."zone_id" IS NOT NULL AND NEW."zone_id" IS DISTINCT FROM OLD."zone_id")
        OR (NEW."guest_id" IS NOT NULL AND NEW."guest_id" IS DISTINCT FROM OLD."guest_id")
        OR (NEW."device_id" IS NOT NULL AND NEW."device_id" IS DISTINCT FROM OLD."device_id")
        OR (NEW."journey_id" IS NOT NULL AND NEW."journey_id" IS DISTINCT FROM OLD."journey_id") THEN
        RAISE EXCEPTION 'event is append-only: an update may only set venue_id, zone_id, guest_id, device_id or journey_id to NULL or replace payload (event %)', OLD."id";
    END IF;

    RETURN NEW;
END;
$$;
