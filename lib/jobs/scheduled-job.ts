import type { Db } from "@/lib/db/client";

/** A job the queue runs on a schedule: a stable name (also the pg-boss queue), a cron, the work. */
export interface ScheduledJob {
  name: string;
  /** Five-field cron, in UTC. */
  cron: string;
  run(db: Db): Promise<Record<string, number>>;
}
