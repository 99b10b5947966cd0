-- Welcome back (docs/NETWORK.md "Welcome back"): per venue, whether a device seen before is
-- offered one tap, or let on with no tap at all for a number of days where the gateway itself
-- asks (RADIUS MAC authorisation). A row of its own rather than venue columns: the setting is
-- staff's network configuration, not content guests read, so it does not move the venue's
-- content_version. No row: off.
CREATE TYPE "welcome_back_mode" AS ENUM ('OFF', 'ONE_TAP', 'ZERO_TAP');

CREATE TABLE "venue_welcome_back" (
    "venue_id" UUID NOT NULL,
    "mode" "welcome_back_mode" NOT NULL DEFAULT 'OFF',
    "zero_tap_days" INTEGER NOT NULL DEFAULT 7,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "venue_welcome_back_pkey" PRIMARY KEY ("venue_id")
);

ALTER TABLE "venue_welcome_back" ADD CONSTRAINT "venue_welcome_back_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
