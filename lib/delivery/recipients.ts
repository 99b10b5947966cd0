import { LRUCache } from "lru-cache";

import type { DbTx } from "@/lib/db/client";
import type { VersionedVenue } from "@/lib/portal-content";

import type { PurposeKind, Recipient } from "./consent-gate";

/** A connector that takes new guests, as the consent step needs it. */
export interface LiveRecipient extends Recipient {
  /** "<kind>: <name>", kept on each delivery row. */
  label: string;
}

// Which connectors exist for which purpose is part of the venue's content version (triggers in
// migration 20261202030000_delivery_outbox), so it is remembered like the wording is.
const recipients = new LRUCache<string, readonly LiveRecipient[]>({ max: 2000 });

/** The venue's connectors that take new guests (active or paused; not disabled). */
export async function liveRecipients(db: DbTx, venue: VersionedVenue): Promise<readonly LiveRecipient[]> {
  const key = `${venue.id}:${venue.contentVersion}`;
  let found = recipients.get(key);
  if (!found) {
    const rows = await db.$queryRaw<{ connectorId: string; purposeId: string; purposeKind: PurposeKind; kind: string; name: string }[]>`
      SELECT k.id AS "connectorId", k.purpose_id AS "purposeId", p.kind::text AS "purposeKind", k.kind, k.name
      FROM connector k JOIN consent_purpose p ON p.id = k.purpose_id
      WHERE k.venue_id = ${venue.id}::uuid AND k.status <> 'DISABLED'
      ORDER BY k.created_at, k.id`;
    found = rows.map((row) => ({ connectorId: row.connectorId, purposeId: row.purposeId, purposeKind: row.purposeKind, label: `${row.kind}: ${row.name}`.slice(0, 64) }));
    recipients.set(key, found);
  }
  return found;
}
