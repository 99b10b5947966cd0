-- Per gateway, what each way of signing in earns beyond its minutes: bandwidth and a data
-- allowance, where the gateway can enforce them (lib/network/staff/tier-limits.ts).

-- AlterTable
ALTER TABLE "gateway" ADD COLUMN "tier_limits" JSONB NOT NULL DEFAULT '{}';

-- A gateway added, changed or removed bumps its venue's content_version, like copy and wording:
-- the login remembers a venue's gateways under that version (lib/network/access.ts), so the
-- next login in every process sees the change.
CREATE TRIGGER "gateway_content_version" AFTER INSERT OR UPDATE OR DELETE ON "gateway" FOR EACH ROW EXECUTE FUNCTION "venue_content_version_bump"();
