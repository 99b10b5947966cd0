-- CreateEnum
CREATE TYPE "staff_role" AS ENUM ('ADMIN', 'MARKETER', 'LEGAL');

-- CreateEnum
CREATE TYPE "consent_purpose_kind" AS ENUM ('TERMS', 'MARKETING', 'SPONSOR');

-- CreateEnum
CREATE TYPE "consent_text_status" AS ENUM ('DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'PUBLISHED', 'RETIRED');

-- CreateEnum
CREATE TYPE "portal_copy_status" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "login_method" AS ENUM ('EMAIL', 'LOYALTY', 'SAML');

-- CreateEnum
CREATE TYPE "journey_status" AS ENUM ('STARTED', 'IDENTIFIED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "consent_method" AS ENUM ('PORTAL', 'WITHDRAWAL', 'STAFF', 'API');

-- CreateEnum
CREATE TYPE "device_type" AS ENUM ('MOBILE', 'TABLET', 'DESKTOP', 'OTHER');

-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('PENDING', 'SENT', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "venue" (
    "id" UUID NOT NULL,
    "slug" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "timezone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "default_locale" VARCHAR(16) NOT NULL,
    "locales" VARCHAR(16)[],
    "country_code" CHAR(2) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "venue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zone" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "slug" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,

    CONSTRAINT "zone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_point" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "zone_id" UUID,
    "mac" VARCHAR(17) NOT NULL,
    "name" VARCHAR(200),

    CONSTRAINT "access_point_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sponsor" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "slug" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "dpa_reference" VARCHAR(200),
    "dpa_signed_at" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sponsor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_purpose" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "kind" "consent_purpose_kind" NOT NULL,
    "sponsor_id" UUID,
    "key" VARCHAR(80) NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "consent_purpose_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_text" (
    "id" UUID NOT NULL,
    "purpose_id" UUID NOT NULL,
    "locale" VARCHAR(16) NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "status" "consent_text_status" NOT NULL DEFAULT 'DRAFT',
    "created_by_id" UUID,
    "reviewed_by_id" UUID,
    "review_comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "consent_text_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_copy" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "locale" VARCHAR(16) NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "portal_copy_status" NOT NULL DEFAULT 'DRAFT',
    "fields" JSONB NOT NULL DEFAULT '{}',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "portal_copy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guest" (
    "id" UUID NOT NULL,
    "email_normalized" VARCHAR(320),
    "email" VARCHAR(320),
    "name" VARCHAR(200),
    "phone" VARCHAR(16),
    "birthday" DATE,
    "locale" VARCHAR(16),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "visit_count" INTEGER NOT NULL DEFAULT 0,
    "visitor_data" JSONB NOT NULL DEFAULT '{}',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "erased_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "guest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device" (
    "id" UUID NOT NULL,
    "guest_id" UUID NOT NULL,
    "fingerprint" CHAR(64) NOT NULL,
    "mac_address" VARCHAR(17),
    "mac_randomized" BOOLEAN NOT NULL DEFAULT false,
    "user_agent" VARCHAR(512),
    "device_type" "device_type" NOT NULL DEFAULT 'OTHER',
    "os_family" VARCHAR(64),
    "os_version" VARCHAR(32),
    "browser" VARCHAR(64),
    "language" VARCHAR(16),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journey" (
    "id" UUID NOT NULL,
    "token" VARCHAR(64) NOT NULL,
    "venue_id" UUID NOT NULL,
    "status" "journey_status" NOT NULL DEFAULT 'STARTED',
    "locale" VARCHAR(16) NOT NULL,
    "login_method" "login_method",
    "identity" JSONB,
    "client_mac" VARCHAR(17),
    "client_ip" VARCHAR(45),
    "ap_mac" VARCHAR(17),
    "zone_slug" VARCHAR(64),
    "original_url" VARCHAR(2048),
    "gateway_params" JSONB NOT NULL DEFAULT '{}',
    "ip" VARCHAR(45),
    "user_agent" VARCHAR(512),
    "guest_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "identified_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "journey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit" (
    "id" UUID NOT NULL,
    "guest_id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "zone_id" UUID,
    "device_id" UUID NOT NULL,
    "journey_id" UUID NOT NULL,
    "access_point_mac" VARCHAR(17),
    "login_method" "login_method" NOT NULL,
    "connected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "dwell_seconds" INTEGER,

    CONSTRAINT "visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_record" (
    "id" BIGSERIAL NOT NULL,
    "guest_id" UUID NOT NULL,
    "purpose_id" UUID NOT NULL,
    "consent_text_id" UUID NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "method" "consent_method" NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" VARCHAR(45),
    "user_agent" VARCHAR(512),
    "journey_id" UUID,

    CONSTRAINT "consent_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" BIGSERIAL NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "venue_id" UUID,
    "zone_id" UUID,
    "guest_id" UUID,
    "device_id" UUID,
    "journey_id" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_user" (
    "id" UUID NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "name" VARCHAR(200),
    "password_hash" VARCHAR(255),
    "role" "staff_role" NOT NULL,
    "disabled_at" TIMESTAMPTZ(3),
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID,
    "action" VARCHAR(80) NOT NULL,
    "entity_type" VARCHAR(64) NOT NULL,
    "entity_id" VARCHAR(64),
    "before" JSONB,
    "after" JSONB,
    "ip" VARCHAR(45),
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "secret_hash" CHAR(64) NOT NULL,
    "scopes" VARCHAR(64)[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery" (
    "id" BIGSERIAL NOT NULL,
    "guest_id" UUID NOT NULL,
    "connector" VARCHAR(64) NOT NULL,
    "operation" VARCHAR(32) NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "external_id" VARCHAR(200),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "venue_slug_key" ON "venue"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "zone_venue_id_slug_key" ON "zone"("venue_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "access_point_venue_id_mac_key" ON "access_point"("venue_id", "mac");

-- CreateIndex
CREATE UNIQUE INDEX "sponsor_venue_id_slug_key" ON "sponsor"("venue_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "consent_purpose_sponsor_id_key" ON "consent_purpose"("sponsor_id");

-- CreateIndex
CREATE UNIQUE INDEX "consent_purpose_venue_id_key_key" ON "consent_purpose"("venue_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "consent_text_purpose_id_locale_version_key" ON "consent_text"("purpose_id", "locale", "version");

-- CreateIndex
CREATE UNIQUE INDEX "portal_copy_venue_id_locale_version_key" ON "portal_copy"("venue_id", "locale", "version");

-- CreateIndex
CREATE UNIQUE INDEX "guest_email_normalized_key" ON "guest"("email_normalized");

-- CreateIndex
CREATE UNIQUE INDEX "device_guest_id_fingerprint_key" ON "device"("guest_id", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "journey_token_key" ON "journey"("token");

-- CreateIndex
CREATE INDEX "journey_expires_at_idx" ON "journey"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "visit_journey_id_key" ON "visit"("journey_id");

-- CreateIndex
CREATE INDEX "visit_venue_id_connected_at_idx" ON "visit"("venue_id", "connected_at");

-- CreateIndex
CREATE INDEX "visit_guest_id_idx" ON "visit"("guest_id");

-- CreateIndex
CREATE INDEX "consent_record_guest_id_purpose_id_recorded_at_idx" ON "consent_record"("guest_id", "purpose_id", "recorded_at");

-- CreateIndex
CREATE INDEX "event_occurred_at_idx" ON "event"("occurred_at");

-- CreateIndex
CREATE INDEX "event_guest_id_idx" ON "event"("guest_id");

-- CreateIndex
CREATE INDEX "event_type_occurred_at_idx" ON "event"("type", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "staff_user_email_key" ON "staff_user"("email");

-- CreateIndex
CREATE INDEX "audit_entry_entity_type_entity_id_idx" ON "audit_entry"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_entry_at_idx" ON "audit_entry"("at");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key"("prefix");

-- CreateIndex
CREATE INDEX "delivery_guest_id_idx" ON "delivery"("guest_id");

-- CreateIndex
CREATE INDEX "delivery_connector_status_idx" ON "delivery"("connector", "status");

-- AddForeignKey
ALTER TABLE "zone" ADD CONSTRAINT "zone_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_point" ADD CONSTRAINT "access_point_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_point" ADD CONSTRAINT "access_point_zone_id_fkey" FOREIGN KEY ("zone_id") REFERENCES "zone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sponsor" ADD CONSTRAINT "sponsor_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_purpose" ADD CONSTRAINT "consent_purpose_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_purpose" ADD CONSTRAINT "consent_purpose_sponsor_id_fkey" FOREIGN KEY ("sponsor_id") REFERENCES "sponsor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_text" ADD CONSTRAINT "consent_text_purpose_id_fkey" FOREIGN KEY ("purpose_id") REFERENCES "consent_purpose"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_text" ADD CONSTRAINT "consent_text_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_text" ADD CONSTRAINT "consent_text_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_copy" ADD CONSTRAINT "portal_copy_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_copy" ADD CONSTRAINT "portal_copy_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device" ADD CONSTRAINT "device_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey" ADD CONSTRAINT "journey_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey" ADD CONSTRAINT "journey_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "guest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_zone_id_fkey" FOREIGN KEY ("zone_id") REFERENCES "zone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_record" ADD CONSTRAINT "consent_record_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "guest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_record" ADD CONSTRAINT "consent_record_purpose_id_fkey" FOREIGN KEY ("purpose_id") REFERENCES "consent_purpose"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_record" ADD CONSTRAINT "consent_record_consent_text_id_fkey" FOREIGN KEY ("consent_text_id") REFERENCES "consent_text"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_record" ADD CONSTRAINT "consent_record_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_zone_id_fkey" FOREIGN KEY ("zone_id") REFERENCES "zone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "guest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ============================================================================
-- Hand-written below: rules Prisma's schema language cannot express.
--
-- Everything above is what `prisma migrate diff --from-empty --to-schema
-- prisma/schema.prisma --script` renders, less its leading
-- `CREATE SCHEMA IF NOT EXISTS "public"` (it needs CREATE on the database, and the
-- schema always exists). Prisma does not model partial indexes, CHECK constraints,
-- functions or triggers. A generated migration may propose `DROP INDEX` for the two
-- partial indexes below: delete those lines. See docs/DATABASE.md.
-- ============================================================================

-- CreateIndex (partial)
-- The portal shows the one PUBLISHED wording of each purpose in the guest's locale;
-- two would make the evidence ambiguous.
CREATE UNIQUE INDEX "consent_text_purpose_id_locale_published_key" ON "consent_text"("purpose_id", "locale") WHERE "status" = 'PUBLISHED';

-- CreateIndex (partial)
CREATE UNIQUE INDEX "portal_copy_venue_id_locale_published_key" ON "portal_copy"("venue_id", "locale") WHERE "status" = 'PUBLISHED';

-- AddCheckConstraint
-- The fingerprint a consent record proves it showed must be the body's. The app hashes the
-- NFC-normalised UTF-8 body (lib/consent/wording-hash.ts) and stores bodies already in NFC,
-- so hashing the stored body gives the same value.
ALTER TABLE "consent_text" ADD CONSTRAINT "consent_text_sha256_matches_body" CHECK ("sha256" = encode(sha256(convert_to("body", 'UTF8')), 'hex'));

-- CreateTrigger
-- An APPROVED wording is evidence: consent records point at it. Its words and identity are
-- frozen and it is never deleted; its status only moves forward (APPROVED -> PUBLISHED ->
-- RETIRED, or APPROVED -> RETIRED when it was never published). Review and publishing
-- metadata may still be filled in, and staff FKs may still be set to NULL.
CREATE FUNCTION "consent_text_freeze_approved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."status" NOT IN ('APPROVED', 'PUBLISHED', 'RETIRED') THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;

    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'consent_text is frozen once approved: % wording % cannot be deleted', OLD."status", OLD."id";
    END IF;

    IF (NEW."id", NEW."purpose_id", NEW."locale", NEW."version", NEW."body", NEW."sha256")
        IS DISTINCT FROM (OLD."id", OLD."purpose_id", OLD."locale", OLD."version", OLD."body", OLD."sha256") THEN
        RAISE EXCEPTION 'consent_text is frozen once approved: body, sha256, locale, version and purpose_id of % wording % cannot change', OLD."status", OLD."id";
    END IF;

    IF NOT (NEW."status" = OLD."status"
            OR (OLD."status" = 'APPROVED' AND NEW."status" IN ('PUBLISHED', 'RETIRED'))
            OR (OLD."status" = 'PUBLISHED' AND NEW."status" = 'RETIRED')) THEN
        RAISE EXCEPTION 'consent_text is frozen once approved: status only moves forward (APPROVED -> PUBLISHED -> RETIRED), not % -> % for wording %', OLD."status", NEW."status", OLD."id";
    END IF;

    RETURN NEW;
END;
$$;

CREATE TRIGGER "consent_text_freeze_approved" BEFORE UPDATE OR DELETE ON "consent_text" FOR EACH ROW EXECUTE FUNCTION "consent_text_freeze_approved"();

-- CreateTrigger
-- Consent decisions are only ever added. GDPR erasure scrubs where a decision came from
-- (ip, user_agent, journey_id; journey_id is also nulled by its FK's ON DELETE SET NULL);
-- the decision itself stays. Rows are compared as JSON so a column added later is
-- protected without editing this function.
CREATE FUNCTION "consent_record_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'consent_record is append-only: record % cannot be deleted', OLD."id";
    END IF;

    IF (to_jsonb(NEW) - ARRAY['ip', 'user_agent', 'journey_id']) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['ip', 'user_agent', 'journey_id'])
        OR (NEW."ip" IS NOT NULL AND NEW."ip" IS DISTINCT FROM OLD."ip")
        OR (NEW."user_agent" IS NOT NULL AND NEW."user_agent" IS DISTINCT FROM OLD."user_agent")
        OR (NEW."journey_id" IS NOT NULL AND NEW."journey_id" IS DISTINCT FROM OLD."journey_id") THEN
        RAISE EXCEPTION 'consent_record is append-only: an update may only set ip, user_agent or journey_id to NULL (record %)', OLD."id";
    END IF;

    RETURN NEW;
END;
$$;

CREATE TRIGGER "consent_record_append_only" BEFORE UPDATE OR DELETE ON "consent_record" FOR EACH ROW EXECUTE FUNCTION "consent_record_append_only"();

-- CreateTrigger
-- The event log is only ever added to (its id is the pull API's cursor). Erasure anonymises:
-- it may null the links to who and where and replace the payload; the FKs' ON DELETE SET NULL
-- take the same path.
CREATE FUNCTION "event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
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

CREATE TRIGGER "event_append_only" BEFORE UPDATE OR DELETE ON "event" FOR EACH ROW EXECUTE FUNCTION "event_append_only"();

-- CreateTrigger
-- The audit trail is never edited, not even by erasure.
CREATE FUNCTION "audit_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % of entry % is not allowed', TG_OP, OLD."id";
END;
$$;

CREATE TRIGGER "audit_entry_append_only" BEFORE UPDATE OR DELETE ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION "audit_entry_append_only"();
