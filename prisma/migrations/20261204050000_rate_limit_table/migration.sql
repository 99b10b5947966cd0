-- The hourly allowances of every guest-facing door (self-service links, access codes, website
-- sign-in) share one table: the self-service one, renamed, its rows kept (lib/rate-limits).
ALTER TABLE "self_service_rate" RENAME TO "rate_limit";
ALTER TABLE "rate_limit" RENAME CONSTRAINT "self_service_rate_pkey" TO "rate_limit_pkey";
