-- Unique guests across all venues without a distinct count over every visit (docs/ANALYTICS.md,
-- "Unique guests"). A guest who visited in a range has exactly one visit day in it whose
-- previous visit day is before the range, so
--   guests in [a, b] = the guest days with a <= day <= b and previous_day < a,
-- and that is a sum over analytics_unique_day: at most one row per (day, previous day) pair,
-- whatever the number of guests. Days are each venue's local days, as in analytics_guest_period.

-- Each guest's visit days across venues, with the day before it (-infinity for the first) and
-- how many venues saw the guest that day (so a venue's rebuild can take its share out).
CREATE TABLE "analytics_guest_day" (
    "guest_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "previous_day" DATE NOT NULL,
    "venues" INTEGER NOT NULL,

    CONSTRAINT "analytics_guest_day_pkey" PRIMARY KEY ("guest_id","day")
);

-- How many guest days have each (day, previous visit day).
CREATE TABLE "analytics_unique_day" (
    "day" DATE NOT NULL,
    "previous_day" DATE NOT NULL,
    "guests" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_unique_day_pkey" PRIMARY KEY ("day","previous_day")
);

-- Filled once from the per-venue days already folded. The fold keeps both up to date after.
INSERT INTO "analytics_guest_day" ("guest_id", "day", "previous_day", "venues")
SELECT guest_id, period, COALESCE(lag(period) OVER (PARTITION BY guest_id ORDER BY period), '-infinity'::date), count(*)::int
FROM "analytics_guest_period"
WHERE grain = 'd'
GROUP BY guest_id, period;

INSERT INTO "analytics_unique_day" ("day", "previous_day", "guests")
SELECT day, previous_day, count(*)::int
FROM "analytics_guest_day"
GROUP BY 1, 2;
