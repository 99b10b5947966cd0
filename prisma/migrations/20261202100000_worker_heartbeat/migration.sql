-- Each process that works the job queue (`npm start`'s own runner, each `npm run worker`)
-- stamps its row every few seconds (lib/ops/heartbeat.ts); /readyz reports the queue alive
-- while some row is recent (lib/ops/readiness.ts). Rows of processes gone for a day are removed
-- by the beats of the others.

-- CreateTable
CREATE TABLE "worker_heartbeat" (
    "id" VARCHAR(128) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "beat_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "worker_heartbeat_pkey" PRIMARY KEY ("id")
);
