// A withdrawn consent reaches every system that was already sent the guest for that purpose:
// one 'withdraw' delivery per connection (each vendor's opt-out, lib/delivery/erase-batch.ts),
// inside the transaction that wrote the withdrawal to the ledger. What is still waiting to be
// sent is stopped by the worker's consent gate, which reads the ledger before each send. A
// connection that was removed cannot be told.
import "server-only";

import type { DbTx } from "@/lib/db/client";
import type { ErasureSubject, ErasureSubjectBox } from "@/lib/delivery/erasure-subject";

export interface WithdrawalNotice {
  guestId: string;
  email: string;
  purposeId: string;
  /** The withdrawal as the vendor's opt-out carries it. */
  consent: NonNullable<ErasureSubject["consent"]>;
  now: Date;
}

// A type alias, not an interface, so it stays assignable to the audit trail's JSON.
export type QueuedWithdrawal = { connectorId: string; deliveryId: string };

export async function queueWithdrawals(tx: DbTx, subjects: ErasureSubjectBox, notice: WithdrawalNotice): Promise<QueuedWithdrawal[]> {
  const receivers = await tx.$queryRaw<{ connectorId: string; connector: string; externalIds: string[] }[]>`
    SELECT d.connector_id AS "connectorId", max(d.connector) AS connector,
           COALESCE(array_agg(DISTINCT d.external_id) FILTER (WHERE d.external_id IS NOT NULL), '{}') AS "externalIds"
    FROM delivery d JOIN connector c ON c.id = d.connector_id
    WHERE d.guest_id = ${notice.guestId}::uuid AND d.operation = 'upsert' AND d.status = 'SENT' AND c.purpose_id = ${notice.purposeId}::uuid
    GROUP BY d.connector_id ORDER BY d.connector_id`;
  if (receivers.length === 0) return [];
  const rows = receivers.map((r) => ({
    connector_id: r.connectorId,
    connector: r.connector,
    subject: Buffer.from(subjects.seal({ email: notice.email, externalIds: r.externalIds, consent: notice.consent }, notice.guestId, r.connectorId)).toString("hex"),
  }));
  const inserted = await tx.$queryRaw<{ deliveryId: bigint; connectorId: string }[]>`
    INSERT INTO delivery (guest_id, connector_id, connector, operation, status, next_attempt_at, created_at, subject)
    SELECT ${notice.guestId}::uuid, r.connector_id, r.connector, 'withdraw', 'PENDING', ${notice.now}, ${notice.now}, decode(r.subject, 'hex')
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(connector_id uuid, connector text, subject text)
    RETURNING id AS "deliveryId", connector_id AS "connectorId"`;
  return inserted.map((row) => ({ connectorId: row.connectorId, deliveryId: String(row.deliveryId) }));
}
