-- Guest self-service, "Manage my data" (docs/RIGHTS.md). A link row per request: the mail job
-- writes the SHA-256 of the link's secret just before sending it (the secret itself is never
-- stored), opening it sets consumed_at once, and the session it opens is kept as a hash too.
-- Withdrawals reach the recipients as 'withdraw' delivery rows (no new column: `subject`
-- carries what the vendor needs, sealed, as for erasures).

-- CreateTable
CREATE TABLE "self_service_link" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "guest_id" UUID,
    "locale" VARCHAR(16) NOT NULL,
    "token_hash" CHAR(64),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "outcome" VARCHAR(16),
    "sent_at" TIMESTAMPTZ(3),
    "consumed_at" TIMESTAMPTZ(3),
    "session_hash" CHAR(64),
    "session_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "self_service_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "self_service_rate" (
    "key" VARCHAR(100) NOT NULL,
    "tat" TIMESTAMPTZ(6) NOT NULL,
    "allowed" BOOLEAN NOT NULL,

    CONSTRAINT "self_service_rate_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "self_service_link_guest_id_idx" ON "self_service_link"("guest_id");

-- CreateIndex
CREATE INDEX "self_service_link_expires_at_idx" ON "self_service_link"("expires_at");

-- AddForeignKey
ALTER TABLE "self_service_link" ADD CONSTRAINT "self_service_link_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "self_service_link" ADD CONSTRAINT "self_service_link_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
