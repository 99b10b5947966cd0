-- Guest erasure (docs/RIGHTS.md). An 'erase' delivery must still be able to find the person at
-- the vendor after the guest row has lost its email: what the vendor needs (the email and the
-- ids it gave back) travels in `subject`, sealed with PORTICO_SECRET_KEY (lib/crypto) and bound
-- to the guest and connector, and is nulled once the vendor confirmed the deletion.

-- AlterTable
ALTER TABLE "delivery" ADD COLUMN "subject" BYTEA;
