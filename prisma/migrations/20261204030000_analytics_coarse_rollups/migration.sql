-- Coarser analytics rollups (docs/ANALYTICS.md, "Grains"): the same figures as analytics_hour,
-- analytics_day_count and analytics_guest_hour per local day ('d'), ISO week starting Monday
-- ('w') and calendar month ('m') on the venue's clock, folded by the same analytics-rollup job
-- in the same statement and under the same watermark. The query layer reads the coarsest grain
-- that covers a range exactly (whole months, then whole weeks, then days at the edges), so a
-- year is ~12 rows per venue and zone instead of ~8,760. `period` is the grain's first local day.

-- Visits, new and returning guests, ended sessions and their dwell, per venue, grain, period and zone.
CREATE TABLE "analytics_period" (
    "venue_id" UUID NOT NULL,
    "grain" CHAR(1) NOT NULL,
    "period" DATE NOT NULL,
    "zone_id" UUID NOT NULL,
    "visits" INTEGER NOT NULL DEFAULT 0,
    "new_guests" INTEGER NOT NULL DEFAULT 0,
    "returning_guests" INTEGER NOT NULL DEFAULT 0,
    "sessions_ended" INTEGER NOT NULL DEFAULT 0,
    "dwell_seconds" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_period_pkey" PRIMARY KEY ("venue_id","grain","period","zone_id"),
    CONSTRAINT "analytics_period_grain_check" CHECK ("grain" IN ('d', 'w', 'm'))
);

-- analytics_day_count's dimensions per week and month, without the zone (a zone filter reads
-- the days: one zone of one venue is a few thousand rows a year).
CREATE TABLE "analytics_period_count" (
    "venue_id" UUID NOT NULL,
    "grain" CHAR(1) NOT NULL,
    "period" DATE NOT NULL,
    "dimension" VARCHAR(16) NOT NULL,
    "value" VARCHAR(80) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_period_count_pkey" PRIMARY KEY ("venue_id","grain","period","dimension","value"),
    CONSTRAINT "analytics_period_count_grain_check" CHECK ("grain" IN ('w', 'm'))
);

-- The distinct guests who started a visit per venue, grain and period (no zone: a zone filter
-- reads analytics_guest_hour). Unique guests stay an exact count(DISTINCT guest_id), over one
-- row per guest and month instead of one per guest and hour; the key serves index-only scans.
CREATE TABLE "analytics_guest_period" (
    "venue_id" UUID NOT NULL,
    "grain" CHAR(1) NOT NULL,
    "period" DATE NOT NULL,
    "guest_id" UUID NOT NULL,

    CONSTRAINT "analytics_guest_period_pkey" PRIMARY KEY ("venue_id","grain","period","guest_id"),
    CONSTRAINT "analytics_guest_period_grain_check" CHECK ("grain" IN ('d', 'w', 'm'))
);

-- Visits per venue, local month, ISO weekday (1 = Monday) and local hour: the heat map of whole
-- months without reading every hour (no zone: a zone filter reads analytics_hour).
CREATE TABLE "analytics_month_heat" (
    "venue_id" UUID NOT NULL,
    "local_month" DATE NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "hour" SMALLINT NOT NULL,
    "visits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_month_heat_pkey" PRIMARY KEY ("venue_id","local_month","weekday","hour")
);

-- "All venues" rows in the counting rollups: venue and zone the nil uuid, each venue's rows
-- summed, so a dashboard across every venue reads one row per hour, day or month instead of one
-- per venue and zone. The fold writes them beside each venue's rows from here on, and these are the
-- rows already folded.
INSERT INTO "analytics_hour" ("venue_id", "zone_id", "local_hour", "visits", "new_guests", "returning_guests", "sessions_ended", "dwell_seconds")
SELECT '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000', local_hour, sum(visits), sum(new_guests), sum(returning_guests), sum(sessions_ended), sum(dwell_seconds)
FROM "analytics_hour" GROUP BY local_hour;

INSERT INTO "analytics_day_count" ("venue_id", "zone_id", "local_day", "dimension", "value", "count")
SELECT '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000', local_day, dimension, value, sum(count)
FROM "analytics_day_count" GROUP BY local_day, dimension, value;

-- Fill the coarse tables from the hourly and daily rows already folded (events at or below the
-- watermark), with the grouping of the fold statement in lib/analytics/fold-sql.ts. The fold
-- keeps them up to date from here.
INSERT INTO "analytics_period" ("venue_id", "grain", "period", "zone_id", "visits", "new_guests", "returning_guests", "sessions_ended", "dwell_seconds")
SELECT h.venue_id, g.grain, g.period, h.zone_id, sum(h.visits), sum(h.new_guests), sum(h.returning_guests), sum(h.sessions_ended), sum(h.dwell_seconds)
FROM "analytics_hour" h
CROSS JOIN LATERAL (VALUES ('d', h.local_hour::date), ('w', date_trunc('week', h.local_hour)::date), ('m', date_trunc('month', h.local_hour)::date)) AS g(grain, period)
GROUP BY 1, 2, 3, 4;

INSERT INTO "analytics_period_count" ("venue_id", "grain", "period", "dimension", "value", "count")
SELECT c.venue_id, g.grain, g.period, c.dimension, c.value, sum(c.count)
FROM "analytics_day_count" c
CROSS JOIN LATERAL (VALUES ('w', date_trunc('week', c.local_day)::date), ('m', date_trunc('month', c.local_day)::date)) AS g(grain, period)
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "analytics_guest_period" ("venue_id", "grain", "period", "guest_id")
SELECT DISTINCT h.venue_id, g.grain, g.period, h.guest_id
FROM "analytics_guest_hour" h
CROSS JOIN LATERAL (VALUES ('d', h.local_hour::date), ('w', date_trunc('week', h.local_hour)::date), ('m', date_trunc('month', h.local_hour)::date)) AS g(grain, period);

INSERT INTO "analytics_month_heat" ("venue_id", "local_month", "weekday", "hour", "visits")
SELECT venue_id, date_trunc('month', local_hour)::date, extract(isodow FROM local_hour)::smallint, extract(hour FROM local_hour)::smallint, sum(visits)
FROM "analytics_hour"
WHERE visits > 0
GROUP BY 1, 2, 3, 4;
