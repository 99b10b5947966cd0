import { sweepDueDeliveries } from "@/lib/delivery/sweep";

import type { ScheduledJob } from "./scheduled-job";

/** Finds due deliveries no wake-up reached (lost wake-ups, crashed workers, throttles that passed). */
export const deliverySweepJob: ScheduledJob = {
  name: "delivery-sweep",
  cron: "* * * * *",
  run: async (db) => ({ woken: await sweepDueDeliveries(db) }),
};
