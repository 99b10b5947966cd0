-- Network access (docs/NETWORK.md): the gateways and controllers a venue owns, which journey
-- came through which, and each device's access session: the grant after consent, then what
-- the gateway's accounting reported (connect time, bytes, the end), from which the visit's
-- dwell time is filled.

-- CreateEnum
CREATE TYPE "access_status" AS ENUM ('PENDING', 'GRANTED', 'DENIED', 'ENDED');

-- AlterTable
ALTER TABLE "journey" ADD COLUMN "gateway_id" UUID;

-- CreateTable
CREATE TABLE "gateway" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "slug" VARCHAR(64) NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "secrets" BYTEA,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gateway_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_session" (
    "id" UUID NOT NULL,
    "journey_id" UUID NOT NULL,
    "visit_id" UUID,
    "venue_id" UUID NOT NULL,
    "gateway_id" UUID,
    "client_mac" VARCHAR(17),
    "client_ip" VARCHAR(45),
    "status" "access_status" NOT NULL,
    "grant_kind" VARCHAR(16) NOT NULL,
    "minutes" INTEGER NOT NULL,
    "down_kbps" INTEGER,
    "up_kbps" INTEGER,
    "quota_mb" INTEGER,
    "error" TEXT,
    "granted_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" VARCHAR(64),
    "gateway_session_id" VARCHAR(128),
    "last_seen_at" TIMESTAMPTZ(3),
    "bytes_in" BIGINT NOT NULL DEFAULT 0,
    "bytes_out" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "access_session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "gateway_venue_id_slug_key" ON "gateway"("venue_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "access_session_journey_id_key" ON "access_session"("journey_id");

-- CreateIndex
CREATE INDEX "access_session_gateway_id_status_idx" ON "access_session"("gateway_id", "status");

-- CreateIndex
CREATE INDEX "access_session_client_mac_status_idx" ON "access_session"("client_mac", "status");

-- CreateIndex
CREATE INDEX "access_session_visit_id_idx" ON "access_session"("visit_id");

-- AddForeignKey
ALTER TABLE "journey" ADD CONSTRAINT "journey_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "gateway"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway" ADD CONSTRAINT "gateway_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_session" ADD CONSTRAINT "access_session_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_session" ADD CONSTRAINT "access_session_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_session" ADD CONSTRAINT "access_session_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_session" ADD CONSTRAINT "access_session_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "gateway"("id") ON DELETE SET NULL ON UPDATE CASCADE;
