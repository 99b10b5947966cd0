-- Portico as SAML service provider (docs/SAML-SP.md): each venue may trust its website's
-- identity provider; AuthnRequests wait in saml_request until answered (InResponseTo and the
-- relay state are checked against them, from any process); accepted assertion ids are kept in
-- saml_assertion_seen until they expire, so none is accepted twice; a guest's website account
-- is linked by issuer + NameID.

-- CreateTable
CREATE TABLE "saml_idp" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "display_name" VARCHAR(100) NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "metadata_url" VARCHAR(2048),
    "metadata_xml" TEXT NOT NULL,
    "entity_id" VARCHAR(1024) NOT NULL,
    "sso_url" VARCHAR(2048) NOT NULL,
    "signing_certs" TEXT[],
    "attribute_map" JSONB NOT NULL DEFAULT '{}',
    "sign_requests" BOOLEAN NOT NULL DEFAULT false,
    "sp_certificate" TEXT,
    "sp_private_key" BYTEA,
    "metadata_refreshed_at" TIMESTAMPTZ(3),
    "metadata_refresh_error" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_idp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saml_request" (
    "id" VARCHAR(64) NOT NULL,
    "relay_state" VARCHAR(64) NOT NULL,
    "venue_id" UUID NOT NULL,
    "idp_id" UUID NOT NULL,
    "gateway_query" TEXT NOT NULL DEFAULT '',
    "locale" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "consumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "saml_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saml_assertion_seen" (
    "idp_id" UUID NOT NULL,
    "assertion_id" VARCHAR(256) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_assertion_seen_pkey" PRIMARY KEY ("idp_id","assertion_id")
);

-- CreateTable
CREATE TABLE "guest_saml_identity" (
    "id" UUID NOT NULL,
    "guest_id" UUID NOT NULL,
    "issuer" VARCHAR(1024) NOT NULL,
    "name_id" VARCHAR(1024) NOT NULL,
    "name_id_format" VARCHAR(256),
    "owned_fields" VARCHAR(32)[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guest_saml_identity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "saml_idp_venue_id_key" ON "saml_idp"("venue_id");

-- CreateIndex
CREATE UNIQUE INDEX "saml_request_relay_state_key" ON "saml_request"("relay_state");

-- CreateIndex
CREATE INDEX "saml_request_expires_at_idx" ON "saml_request"("expires_at");

-- CreateIndex
CREATE INDEX "saml_assertion_seen_expires_at_idx" ON "saml_assertion_seen"("expires_at");

-- CreateIndex
CREATE INDEX "guest_saml_identity_guest_id_idx" ON "guest_saml_identity"("guest_id");

-- CreateIndex
CREATE UNIQUE INDEX "guest_saml_identity_issuer_name_id_key" ON "guest_saml_identity"("issuer", "name_id");

-- AddForeignKey
ALTER TABLE "saml_idp" ADD CONSTRAINT "saml_idp_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saml_request" ADD CONSTRAINT "saml_request_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saml_request" ADD CONSTRAINT "saml_request_idp_id_fkey" FOREIGN KEY ("idp_id") REFERENCES "saml_idp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saml_assertion_seen" ADD CONSTRAINT "saml_assertion_seen_idp_id_fkey" FOREIGN KEY ("idp_id") REFERENCES "saml_idp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guest_saml_identity" ADD CONSTRAINT "guest_saml_identity_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
