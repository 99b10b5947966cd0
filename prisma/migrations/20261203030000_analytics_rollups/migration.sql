-- Analytics rollups (docs/ANALYTICS.md): folded from the event log by the analytics-rollup job,
-- which reads events after a (tx_id, id) watermark and below the transaction horizon, like the
-- API feeds, so an event that commits late is folded on a later run and never skipped.
-- Times are the venue's local wall-clock time (timestamp without time zone), so days, weeks and
-- the weekday × hour heat map follow the venue's clock across daylight-saving changes and in
-- half-hour zones. zone_id is the nil uuid for events with no zone (a key column cannot be null).

-- Visits, new and returning guests, ended sessions and their dwell, per venue, zone and local hour.
CREATE TABLE "analytics_hour" (
    "venue_id" UUID NOT NULL,
    "zone_id" UUID NOT NULL,
    "local_hour" TIMESTAMP(0) NOT NULL,
    "visits" INTEGER NOT NULL DEFAULT 0,
    "new_guests" INTEGER NOT NULL DEFAULT 0,
    "returning_guests" INTEGER NOT NULL DEFAULT 0,
    "sessions_ended" INTEGER NOT NULL DEFAULT 0,
    "dwell_seconds" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_hour_pkey" PRIMARY KEY ("venue_id","local_hour","zone_id")
);

-- Counts per venue, zone, local day and dimension value: login method, device type, OS,
-- language, dwell bucket, and per consent purpose the boxes shown and ticked.
CREATE TABLE "analytics_day_count" (
    "venue_id" UUID NOT NULL,
    "zone_id" UUID NOT NULL,
    "local_day" DATE NOT NULL,
    "dimension" VARCHAR(16) NOT NULL,
    "value" VARCHAR(80) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_day_count_pkey" PRIMARY KEY ("venue_id","local_day","dimension","value","zone_id")
);

-- The distinct guests who started a visit, per venue, zone and local hour: unique guests over
-- any range are an exact count(DISTINCT guest_id) over these rows, never a sum of hourly counts.
CREATE TABLE "analytics_guest_hour" (
    "venue_id" UUID NOT NULL,
    "local_hour" TIMESTAMP(0) NOT NULL,
    "zone_id" UUID NOT NULL,
    "guest_id" UUID NOT NULL,

    CONSTRAINT "analytics_guest_hour_pkey" PRIMARY KEY ("venue_id","local_hour","zone_id","guest_id")
);

-- How far the rollups have read the event log: the last (tx_id, id) folded.
CREATE TABLE "analytics_watermark" (
    "id" VARCHAR(32) NOT NULL,
    "tx_id" BIGINT NOT NULL DEFAULT 0,
    "event_id" BIGINT NOT NULL DEFAULT 0,
    "events_folded" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_watermark_pkey" PRIMARY KEY ("id")
);

INSERT INTO "analytics_watermark" ("id") VALUES ('events');
