// A job runner with no scheduled jobs over a test database: pg-boss's schema and every work
// queue exist (so domain functions that queue a job in their transaction can), and the queue
// workers run (the venue rollup rebuild among them). Stop it before dropping the database.
import { createPool } from "@/lib/db/client";
import type { Db } from "@/lib/db/client";
import { startJobRunner } from "@/lib/jobs/job-runner";

export async function startTestQueue(url: string, db: Db): Promise<{ stop(): Promise<void> }> {
  const pool = createPool(url, 2);
  const runner = await startJobRunner({ db, pool, jobs: [], pollingIntervalSeconds: 0.5 });
  return {
    stop: async () => {
      await runner.stop();
      await pool.end();
    },
  };
}
