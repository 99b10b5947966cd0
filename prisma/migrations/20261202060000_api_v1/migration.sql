-- The pull API (docs/API.md): API keys scoped to a venue, with expiry, the visitor-data
-- namespaces they write and a rate limit; the limiter's state; shareable vs internal
-- namespaces; and the change positions the API's cursors follow.

-- API keys: one venue or all (NULL), an optional expiry, the namespaces the key writes.
ALTER TABLE "api_key"
  ADD COLUMN "venue_id" UUID,
  ADD COLUMN "expires_at" TIMESTAMPTZ(3),
  ADD COLUMN "namespaces" VARCHAR(40)[],
  ADD COLUMN "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 600,
  ADD COLUMN "revoked_by_id" UUID;

ALTER TABLE "api_key" ADD CONSTRAINT "api_key_venue_id_fkey"
  FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_revoked_by_id_fkey"
  FOREIGN KEY ("revoked_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "api_key_venue_id_idx" ON "api_key"("venue_id");
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_rate_limit_positive" CHECK ("rate_limit_per_minute" BETWEEN 1 AND 100000);

-- The per-key limiter (GCRA): the theoretical arrival time of the next request, shared by
-- every process on this database and moved by one statement per request.
CREATE TABLE "api_key_rate" (
    "api_key_id" UUID NOT NULL,
    "tat" TIMESTAMPTZ(6) NOT NULL,
    "allowed" BOOLEAN NOT NULL,

    CONSTRAINT "api_key_rate_pkey" PRIMARY KEY ("api_key_id")
);
ALTER TABLE "api_key_rate" ADD CONSTRAINT "api_key_rate_api_key_id_fkey"
  FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Visitor-data namespaces that have been declared: shareable ones may leave through exports
-- and webhooks, internal ones only ever reach the keys that write them. A namespace never
-- declared counts as internal. "portal" is Portico's own (written by the guest journey).
CREATE TABLE "visitor_data_namespace" (
    "name" VARCHAR(40) NOT NULL,
    "shareable" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "visitor_data_namespace_pkey" PRIMARY KEY ("name")
);
INSERT INTO "visitor_data_namespace" ("name", "shareable") VALUES ('portal', true);

-- Change positions: the id of the transaction that wrote a row (xid8 as bigint). The API
-- serves a row only once every transaction older than the oldest one still running has
-- ended (pg_snapshot_xmin), and pages by (position, id): a transaction that commits late
-- always has a position above every row already served, so nothing is skipped or repeated.
ALTER TABLE "event" ADD COLUMN "tx_id" BIGINT NOT NULL DEFAULT (pg_current_xact_id())::text::bigint;
CREATE INDEX "event_tx_id_id_idx" ON "event"("tx_id", "id");
CREATE INDEX "event_venue_id_tx_id_id_idx" ON "event"("venue_id", "tx_id", "id");

ALTER TABLE "guest" ADD COLUMN "change_tx" BIGINT NOT NULL DEFAULT (pg_current_xact_id())::text::bigint;
CREATE INDEX "guest_change_tx_id_idx" ON "guest"("change_tx", "id");

-- Every change to a guest moves it to the end of the change feed, whoever writes it.
CREATE FUNCTION guest_change_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_tx := (pg_current_xact_id())::text::bigint;
  RETURN NEW;
END;
$$;
CREATE TRIGGER guest_change_position BEFORE UPDATE ON "guest"
  FOR EACH ROW EXECUTE FUNCTION guest_change_position();
