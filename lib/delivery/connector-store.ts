// A connector as the worker and the staff area read it from the database, and the one place its
// sealed credentials are opened or sealed again.
import type { Db } from "@/lib/db/client";
import type { ConnectorStatus } from "@/lib/generated/prisma/enums";

import type { PurposeKind } from "./consent-gate";

export interface StoredConnector {
  id: string;
  venueId: string;
  kind: string;
  name: string;
  status: ConnectorStatus;
  settings: unknown;
  secrets: Uint8Array | null;
  sendAfter: Date | null;
  batchWaitSeconds: number;
  failureStreak: number;
  purposeId: string;
  purposeKey: string;
  purposeKind: PurposeKind;
}

/** Opens and seals a connector's credentials (AES-256-GCM bound to the connector's id). */
export interface SecretStore {
  open(sealed: Uint8Array | null, connectorId: string): unknown;
  seal(secrets: unknown, connectorId: string): Uint8Array<ArrayBuffer>;
  /** Whether a sealed value is under the current key (false: sealed before a key rotation). */
  isCurrent?(sealed: Uint8Array | null): boolean;
  /** Seals again with the current key. */
  reseal?(sealed: Uint8Array, connectorId: string): Uint8Array<ArrayBuffer>;
}

export async function loadConnector(db: Db, connectorId: string): Promise<StoredConnector | null> {
  const rows = await db.$queryRaw<StoredConnector[]>`
    SELECT k.id, k.venue_id AS "venueId", k.kind, k.name, k.status::text AS status, k.settings, k.secrets,
           k.send_after AS "sendAfter", k.batch_wait_seconds AS "batchWaitSeconds", k.failure_streak AS "failureStreak",
           k.purpose_id AS "purposeId", p.key AS "purposeKey", p.kind::text AS "purposeKind"
    FROM connector k JOIN consent_purpose p ON p.id = k.purpose_id
    WHERE k.id = ${connectorId}::uuid`;
  return rows[0] ?? null;
}

/** Keeps rotated credentials (a refreshed OAuth token). */
export async function saveConnectorSecrets(db: Db, store: SecretStore, connectorId: string, secrets: unknown): Promise<void> {
  const sealed = store.seal(secrets, connectorId);
  await db.$executeRaw`UPDATE connector SET secrets = ${sealed}, updated_at = now() WHERE id = ${connectorId}::uuid`;
}

/** The connector's own pace: when it may send next, and the vendor's unanswered calls in a row. */
export async function updateConnectorPace(db: Db, connectorId: string, pace: { sendAfter: Date | null; failureStreak: number }): Promise<void> {
  await db.$executeRaw`
    UPDATE connector SET send_after = ${pace.sendAfter}, failure_streak = ${pace.failureStreak}
    WHERE id = ${connectorId}::uuid AND (send_after IS DISTINCT FROM ${pace.sendAfter} OR failure_streak <> ${pace.failureStreak})`;
}

export async function stopConnector(db: Db, connectorId: string, status: "PAUSED" | "DISABLED", reason: string): Promise<void> {
  await db.$executeRaw`
    UPDATE connector SET status = ${status}::connector_status, status_reason = ${reason}, status_changed_at = now(), updated_at = now()
    WHERE id = ${connectorId}::uuid AND status = 'ACTIVE'`;
}
