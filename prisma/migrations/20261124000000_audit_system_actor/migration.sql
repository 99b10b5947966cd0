-- Changes Portico makes outside any staff session (the staff:create command, the first admin
-- of an embedded database) are audited too, signed with what made them instead of a staff id.

-- AlterTable
ALTER TABLE "audit_entry" ADD COLUMN "actor_description" VARCHAR(200);

-- Every entry names exactly one of the two. (CHECK constraints are outside schema.prisma;
-- tests/staff/staff-accounts.test.ts shows this one by behaviour.)
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_actor_named" CHECK (("actor_id" IS NULL) <> ("actor_description" IS NULL));
