// The incremental fold: new events since the watermark into the rollup tables, in batches.
// Rows are read in (tx_id, id) order and only below the transaction horizon, like the API
// feeds (docs/API.md, "Why cursors follow transactions"): an event whose transaction commits
// after a run, even with a lower id, is above that run's horizon and is folded by a later run.
// Each batch is one transaction holding the watermark row's lock, so two runners never fold
// the same events twice. Only what erasure keeps is read (ids, times, the anonymous payload
// keys, device type/OS/language), so erasing a guest changes no aggregate.
// Not server-only: it holds no secret, and the e2e specs fold what they wrote with it.

import type { Db, DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

import { ALL_VENUES } from "./dimensions";
import { countingRollups, foldStatement, rollupTables, subtractVenueGuestDays, subtractVenueSql, venueRollupTables } from "./fold-sql";

const horizon = Prisma.sql`(pg_snapshot_xmin(pg_current_snapshot()))::text::bigint`;

export interface FoldResult {
  /** Events read (folded types and others, all moved past). */
  events: number;
  batches: number;
}

/** Folds every event below the horizon, `batchSize` at a time. */
export async function foldEvents(db: Db, options: { batchSize?: number; maxBatches?: number } = {}): Promise<FoldResult> {
  const batchSize = options.batchSize ?? 20_000;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let events = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const read = await foldBatch(db, batchSize);
    if (read === 0) break;
    events += read;
    batches += 1;
    if (read < batchSize) break;
  }
  return { events, batches };
}

async function foldBatch(db: Db, batchSize: number): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const mark = await lockWatermark(tx);
      const source = Prisma.sql`SELECT * FROM event
        WHERE (tx_id, id) > (${mark.txId}::bigint, ${mark.eventId}::bigint) AND tx_id < ${horizon}
        ORDER BY tx_id, id LIMIT ${batchSize}`;
      const [done] = await tx.$queryRaw<{ read: number }[]>(foldStatement(source, true));
      return done?.read ?? 0;
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

async function lockWatermark(tx: DbTx): Promise<{ txId: bigint; eventId: bigint }> {
  const [mark] = await tx.$queryRaw<{ txId: bigint; eventId: bigint }[]>`
    SELECT tx_id AS "txId", event_id AS "eventId" FROM analytics_watermark WHERE id = 'events' FOR UPDATE`;
  if (!mark) throw new Error("analytics_watermark has no 'events' row: the migration inserts it");
  return mark;
}

/**
 * Folds one venue again from the log, in one transaction: its rows leave every rollup and its
 * events up to the watermark are folded anew (on its current time zone). Holding the
 * watermark's lock, no fold runs meanwhile, and the dashboard sees the old rows or the new,
 * never a half-built venue. What the watermark has not reached is left to the next fold.
 */
export async function rebuildVenueRollups(db: Db, venueId: string): Promise<{ events: number }> {
  if (venueId === ALL_VENUES) throw new Error("the nil uuid names the rollups' all-venues rows, not a venue");
  return db.$transaction(
    async (tx) => {
      const mark = await lockWatermark(tx);
      // Its share leaves the "all venues" rows and the cross-venue guest days first, then its own
      // rows go; the fold adds all of them back.
      for (const rollup of countingRollups) await tx.$executeRawUnsafe(subtractVenueSql(rollup), venueId);
      await tx.$queryRaw(subtractVenueGuestDays(venueId));
      for (const table of venueRollupTables) await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE venue_id = $1::uuid`, venueId);
      const source = Prisma.sql`SELECT * FROM event
        WHERE venue_id = ${venueId}::uuid AND (tx_id, id) <= (${mark.txId}::bigint, ${mark.eventId}::bigint)
        ORDER BY tx_id, id`;
      const [done] = await tx.$queryRaw<{ read: number }[]>(foldStatement(source, false));
      return { events: done?.read ?? 0 };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

/**
 * Empties the rollups and folds the whole log again: to check the rollups against the log (a
 * venue whose time zone changed is rebuilt alone, by rebuildVenueRollups). Holds the watermark's lock while
 * it empties, so a running fold finishes first.
 */
export async function rebuildRollups(db: Db, options: { batchSize?: number } = {}): Promise<FoldResult> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM analytics_watermark WHERE id = 'events' FOR UPDATE`;
    await tx.$executeRawUnsafe(`TRUNCATE ${rollupTables.join(", ")}`);
    await tx.$executeRaw`UPDATE analytics_watermark SET tx_id = 0, event_id = 0, events_folded = 0, updated_at = now() WHERE id = 'events'`;
  });
  return foldEvents(db, options);
}

/** Where the fold stands: the events folded so far and when it last moved. */
export async function rollupWatermark(db: Db): Promise<{ eventsFolded: number; updatedAt: Date } | null> {
  const row = await db.analyticsWatermark.findUnique({ where: { id: "events" } });
  return row ? { eventsFolded: Number(row.eventsFolded), updatedAt: row.updatedAt } : null;
}
