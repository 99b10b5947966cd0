import { fromPrisma, PgBoss, type Queue } from "pg-boss";

import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

/** The pg-boss queue of connector drains: one job per connector (the singleton key). */
export const drainQueue = "delivery-drain";

/**
 * "stately": per connector, at most one drain queued and one running, so wake-ups from a burst
 * of guests collapse into one queued drain and no two drains of a connector overlap. The
 * heartbeat lets pg-boss notice a worker that died mid-drain within seconds, so another takes
 * over instead of waiting for the job to expire.
 */
export const drainQueueOptions: Omit<Queue, "name"> = {
  policy: "stately",
  heartbeatSeconds: 10,
  expireInSeconds: 300,
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  deleteAfterSeconds: 3600,
};

interface QueueClient {
  boss: PgBoss;
  ready: Promise<void>;
}

const clients = new WeakMap<object, QueueClient>();

/** The job runner of this process offers its own started client for wake-ups on its database. */
export function sendWakeUpsThrough(db: Db, boss: PgBoss): void {
  clients.set(db, { boss, ready: Promise.resolve() });
}

/**
 * Otherwise a pg-boss client over Prisma for sending only (the web pages' own database client,
 * in a process whose job runner holds another). Sending is one statement, which Prisma can run;
 * creating the queue is the job runner's (pg-boss's DDL is several statements at once).
 */
function queueClient(db: Db): QueueClient {
  let client = clients.get(db);
  if (!client) {
    client = { boss: new PgBoss({ db: fromPrisma(db), schema: "pgboss" }), ready: Promise.resolve() };
    clients.set(db, client);
  }
  return client;
}

/**
 * Asks the delivery worker to drain these connectors (now, or from `startAfter`). Only a
 * wake-up call: the outbox rows are already committed, and the worker's sweep every minute
 * finds them even if this call is lost.
 */
export async function wakeDelivery(db: Db, connectorIds: Iterable<string>, startAfter?: Date): Promise<void> {
  const client = queueClient(db);
  await client.ready;
  for (const connectorId of new Set(connectorIds)) {
    await client.boss.send(drainQueue, { connectorId }, { singletonKey: connectorId, ...(startAfter ? { startAfter } : {}) });
  }
}

let warned = false;

/**
 * wakeDelivery after the guest's answer is committed, without making the guest wait. A failure
 * is only logged (once at warning level): the rows are safe, and the sweep delivers them.
 */
export function wakeDeliverySoon(db: Db, connectorIds: readonly string[]): void {
  if (connectorIds.length === 0) return;
  wakeDelivery(db, connectorIds).catch((error: unknown) => {
    logger[warned ? "debug" : "warn"]({ err: error }, "could not wake the delivery worker; its sweep every minute will find the new deliveries");
    warned = true;
  });
}
