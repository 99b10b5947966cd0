-- A staff member's sessions carry the version they were signed in under; a password change
-- or reset, a role change that takes rights away and disabling the account move it on, and
-- every older session stops working (lib/auth/session-staff.ts).

-- AlterTable
ALTER TABLE "staff_user" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;
