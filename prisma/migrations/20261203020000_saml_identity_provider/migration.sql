-- Portico as SAML identity provider for a venue's own websites (docs/SAML-IDP.md): each venue's
-- signing key pairs (the private key sealed like other secrets, docs/SECRETS.md), with at most
-- one active and one announced next key, and the websites (service providers) registered by
-- admins, each allowed by one consent purpose.

-- CreateEnum
CREATE TYPE "saml_idp_key_status" AS ENUM ('NEXT', 'ACTIVE', 'RETIRED');

-- CreateTable
CREATE TABLE "saml_idp_key" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "status" "saml_idp_key_status" NOT NULL,
    "certificate_pem" TEXT NOT NULL,
    "private_key" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "saml_idp_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saml_service_provider" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "entity_id" VARCHAR(1024) NOT NULL,
    "acs_url" VARCHAR(2048) NOT NULL,
    "certificate_pem" TEXT,
    "purpose_id" UUID NOT NULL,
    "attributes" VARCHAR(80)[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_service_provider_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saml_idp_key_venue_id_status_idx" ON "saml_idp_key"("venue_id", "status");

-- One key signs, and at most one waits to: rotation moves NEXT to ACTIVE and ACTIVE to RETIRED.
CREATE UNIQUE INDEX "saml_idp_key_venue_id_active_key" ON "saml_idp_key"("venue_id") WHERE "status" = 'ACTIVE';
CREATE UNIQUE INDEX "saml_idp_key_venue_id_next_key" ON "saml_idp_key"("venue_id") WHERE "status" = 'NEXT';

-- CreateIndex
CREATE UNIQUE INDEX "saml_service_provider_venue_id_entity_id_key" ON "saml_service_provider"("venue_id", "entity_id");

-- AddForeignKey
ALTER TABLE "saml_idp_key" ADD CONSTRAINT "saml_idp_key_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saml_service_provider" ADD CONSTRAINT "saml_service_provider_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saml_service_provider" ADD CONSTRAINT "saml_service_provider_purpose_id_fkey" FOREIGN KEY ("purpose_id") REFERENCES "consent_purpose"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
