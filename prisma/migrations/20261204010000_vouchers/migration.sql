-- Vouchers (docs/VOUCHERS.md): access codes the front desk prints and guests redeem on the
-- splash as a fourth way of signing in. A code is stored only as an HMAC-SHA256 under a key
-- derived from PORTICO_SECRET_KEY; the plain codes of a batch are kept sealed (AES-256-GCM,
-- bound to the batch id) only until its sheet is printed once, then cleared.

ALTER TYPE "login_method" ADD VALUE 'VOUCHER';
ALTER TYPE "staff_role" ADD VALUE 'FRONT_DESK';

-- Whether the splash offers "I have an access code".
ALTER TABLE "venue" ADD COLUMN "vouchers_enabled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "voucher_batch" (
    "id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "label" VARCHAR(200) NOT NULL,
    "code_length" INTEGER NOT NULL,
    "code_count" INTEGER NOT NULL,
    "access_minutes" INTEGER NOT NULL,
    "data_mb" INTEGER,
    "max_devices" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "sealed_codes" BYTEA,
    "printed_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "voucher_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "voucher_code" (
    "id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "code_hmac" BYTEA NOT NULL,
    "first_redeemed_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "voucher_code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "voucher_redemption" (
    "id" UUID NOT NULL,
    "code_id" UUID NOT NULL,
    "journey_id" UUID NOT NULL,
    "device_key" VARCHAR(80) NOT NULL,
    "minutes" INTEGER NOT NULL,
    "quota_mb" INTEGER,
    "redeemed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "voucher_redemption_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "voucher_batch_venue_id_created_at_idx" ON "voucher_batch"("venue_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "voucher_code_venue_id_code_hmac_key" ON "voucher_code"("venue_id", "code_hmac");

-- CreateIndex
CREATE INDEX "voucher_code_batch_id_idx" ON "voucher_code"("batch_id");

-- CreateIndex
CREATE UNIQUE INDEX "voucher_redemption_journey_id_key" ON "voucher_redemption"("journey_id");

-- CreateIndex
CREATE INDEX "voucher_redemption_code_id_idx" ON "voucher_redemption"("code_id");

-- AddForeignKey
ALTER TABLE "voucher_batch" ADD CONSTRAINT "voucher_batch_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "voucher_batch" ADD CONSTRAINT "voucher_batch_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "voucher_code" ADD CONSTRAINT "voucher_code_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "voucher_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "voucher_code" ADD CONSTRAINT "voucher_code_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "voucher_redemption" ADD CONSTRAINT "voucher_redemption_code_id_fkey" FOREIGN KEY ("code_id") REFERENCES "voucher_code"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "voucher_redemption" ADD CONSTRAINT "voucher_redemption_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
