-- Per gateway, what each way of signing in earns beyond its minutes: bandwidth and a data
-- allowance, where the gateway can enforce them (lib/network/staff/tier-limits.ts).

-- AlterTable
ALTER TABLE "gateway" ADD COLUMN "tier_limits" JSONB NOT NULL DEFAULT '{}';
