// What admins do to connections: connect a vendor for a venue and a consent purpose, change its
// settings or replace its credentials (sealed, never shown again), test it, pause and resume
// it, remove it, and send dead letters again. Every change is audited without the credentials.
import "server-only";

import { v7 as uuidv7 } from "uuid";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db, DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { Connector as ConnectorRow } from "@/lib/generated/prisma/client";

import type { ConnectionCheck, Connector } from "../connector";
import { loadConnector, saveConnectorSecrets, type SecretStore } from "../connector-store";
import { connectorRegistry } from "../connectors/registry";
import { parseVendorInput, type VendorInput } from "../vendor-input";
import { wakeDeliverySoon } from "../wake";
import { readVendorConfig } from "../worker";
import type { ConnectorCreateInput, ConnectorRef, ConnectorUpdateInput, ReplayInput } from "./schemas";

export function connectorOfKind(kind: string): Connector {
  const connector = (connectorRegistry as Partial<Record<string, Connector>>)[kind];
  if (!connector) throw new DomainError("invalidFields", { fieldErrors: { kind: ["connectorKindUnknown"] } });
  return connector;
}

async function assertSendablePurpose(tx: DbTx, venueId: string, purposeId: string): Promise<void> {
  const purpose = await tx.consentPurpose.findFirst({ where: { id: purposeId, venueId } });
  // The terms of use are a condition of access, never a reason to send anyone's data anywhere.
  if (!purpose || purpose.kind === "TERMS") throw new DomainError("invalidFields", { fieldErrors: { purposeId: ["connectorPurposeInvalid"] } });
}

async function connectorForChange(tx: DbTx, venueId: string, connectorId: string): Promise<ConnectorRow> {
  const connector = await tx.connector.findFirst({ where: { id: connectorId, venueId } });
  if (!connector) throw new DomainError("connectorGone");
  return connector;
}

/** What the audit trail keeps of a connection: everything but the credentials. */
function snapshot(row: Pick<ConnectorRow, "kind" | "name" | "purposeId" | "settings" | "status" | "batchWaitSeconds">, credentials?: "set" | "generated" | "replaced" | "kept") {
  return { kind: row.kind, name: row.name, purposeId: row.purposeId, settings: row.settings as object, status: row.status, batchWaitSeconds: row.batchWaitSeconds, ...(credentials ? { credentials } : {}) };
}

export interface CreatedConnector {
  connector: ConnectorRow;
  /** Credentials Portico generated (a webhook's signing secret): shown to staff this once. */
  generatedSecrets?: unknown;
}

export async function createConnector(db: Db, actor: Actor, store: SecretStore, input: ConnectorCreateInput & VendorInput): Promise<CreatedConnector> {
  assertPermission(actor, "connectors.manage");
  const connector = connectorOfKind(input.kind);
  const generatedSecrets = input.secrets === undefined ? connector.generateSecrets?.() : undefined;
  const vendor = parseVendorInput(connector, { settings: input.settings, secrets: input.secrets ?? generatedSecrets }, "connectorSecretsRequired");
  const id = uuidv7();
  const row = await db.$transaction(async (tx) => {
    const venue = await tx.venue.findUnique({ where: { id: input.venueId } });
    if (!venue) throw new DomainError("venueGone");
    await assertSendablePurpose(tx, venue.id, input.purposeId);
    const row = await tx.connector.create({
      data: {
        id,
        venueId: venue.id,
        purposeId: input.purposeId,
        kind: connector.kind,
        name: input.name,
        settings: vendor.settings as object,
        secrets: store.seal(vendor.secrets, id),
        batchWaitSeconds: input.batchWaitSeconds,
        createdById: actor.id,
      },
    });
    await recordAudit(tx, { actorId: actor.id, action: "connector.created", entityType: "connector", entityId: id, after: snapshot(row, generatedSecrets ? "generated" : "set"), ip: actor.ip });
    return row;
  });
  return generatedSecrets === undefined ? { connector: row } : { connector: row, generatedSecrets };
}

export async function updateConnector(db: Db, actor: Actor, store: SecretStore, input: ConnectorUpdateInput & VendorInput): Promise<ConnectorRow> {
  assertPermission(actor, "connectors.manage");
  return db.$transaction(async (tx) => {
    const before = await connectorForChange(tx, input.venueId, input.connectorId);
    const vendor = parseVendorInput(connectorOfKind(before.kind), input, null);
    const row = await tx.connector.update({
      where: { id: before.id },
      data: {
        name: input.name,
        settings: vendor.settings as object,
        batchWaitSeconds: input.batchWaitSeconds,
        ...(vendor.secrets === undefined ? {} : { secrets: store.seal(vendor.secrets, before.id) }),
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "connector.updated",
      entityType: "connector",
      entityId: row.id,
      before: snapshot(before),
      after: snapshot(row, vendor.secrets === undefined ? "kept" : "replaced"),
      ip: actor.ip,
    });
    return row;
  });
}

/** Pause (nothing is sent; new guests still queue up) or resume (the queue drains at once). */
export async function setConnectorPaused(db: Db, actor: Actor, input: ConnectorRef & { paused: boolean }): Promise<ConnectorRow> {
  assertPermission(actor, "connectors.manage");
  const row = await db.$transaction(async (tx) => {
    const before = await connectorForChange(tx, input.venueId, input.connectorId);
    if (input.paused && before.status !== "ACTIVE") throw new DomainError("connectorNotActive");
    if (!input.paused && before.status === "ACTIVE") throw new DomainError("connectorNotPaused");
    const after = await tx.connector.update({
      where: { id: before.id },
      data: input.paused
        ? { status: "PAUSED", statusReason: "Paused by staff.", statusChangedAt: new Date() }
        : { status: "ACTIVE", statusReason: null, statusChangedAt: new Date(), sendAfter: null, failureStreak: 0 },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.paused ? "connector.paused" : "connector.resumed",
      entityType: "connector",
      entityId: after.id,
      before: { status: before.status, statusReason: before.statusReason },
      after: { status: after.status },
      ip: actor.ip,
    });
    return after;
  });
  if (!input.paused) wakeDeliverySoon(db, [row.id]);
  return row;
}

/**
 * Removes a connection. What it was sent stays on record under its name; what it was still
 * to send is closed as skipped, so nothing waits for a connection that no longer exists.
 */
export async function deleteConnector(db: Db, actor: Actor, input: ConnectorRef): Promise<void> {
  assertPermission(actor, "connectors.manage");
  await db.$transaction(async (tx) => {
    const before = await connectorForChange(tx, input.venueId, input.connectorId);
    const closed = await tx.delivery.updateMany({
      where: { connectorId: before.id, status: "PENDING" },
      data: { status: "SKIPPED", lastError: "The connection was removed before this was sent.", settledAt: new Date(), leasedUntil: null },
    });
    await tx.connector.delete({ where: { id: before.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "connector.deleted",
      entityType: "connector",
      entityId: before.id,
      before: snapshot(before),
      after: { pendingClosed: closed.count },
      ip: actor.ip,
    });
  });
}

/** Sends failed deliveries again, from the first attempt. The consent gate is applied again when they go. */
export async function replayDeadLetters(db: Db, actor: Actor, input: ReplayInput): Promise<number> {
  assertPermission(actor, "connectors.manage");
  const ids = input.deliveryIds.map((id) => BigInt(id));
  const count = await db.$transaction(async (tx) => {
    const connector = await tx.connector.findUnique({ where: { id: input.connectorId } });
    if (!connector) throw new DomainError("connectorGone");
    const replayed = await tx.delivery.updateMany({
      where: { connectorId: connector.id, status: "FAILED", ...(ids.length > 0 ? { id: { in: ids } } : {}) },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), settledAt: null, leasedUntil: null },
    });
    if (replayed.count === 0) throw new DomainError("noDeadLetters");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "delivery.replayed",
      entityType: "connector",
      entityId: connector.id,
      after: { replayed: replayed.count, selected: ids.length > 0 ? ids.map(String) : "all" },
      ip: actor.ip,
    });
    return replayed.count;
  });
  wakeDeliverySoon(db, [input.connectorId]);
  return count;
}

export interface TestConnectionOptions {
  fetch?: typeof fetch;
}

/** One cheap authenticated call to the vendor, logged with the connection's calls. */
export async function testConnection(db: Db, actor: Actor, store: SecretStore, input: ConnectorRef, options: TestConnectionOptions = {}): Promise<ConnectionCheck> {
  assertPermission(actor, "connectors.manage");
  const stored = await loadConnector(db, input.connectorId);
  if (!stored || stored.venueId !== input.venueId) throw new DomainError("connectorGone");
  const connector = connectorOfKind(stored.kind);
  const vendor = readVendorConfig(connector, stored, store);
  if (!vendor.ok) return { ok: false, error: vendor.reason };
  const started = new Date();
  let check: ConnectionCheck;
  try {
    check = await connector.testConnection({
      settings: vendor.settings,
      secrets: vendor.secrets,
      fetch: options.fetch ?? fetch,
      saveSecrets: (rotated) => saveConnectorSecrets(db, store, stored.id, rotated),
      now: () => new Date(),
    });
  } catch (error) {
    check = { ok: false, error: `The ${connector.label} connector failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  await db.deliveryCall.create({
    data: {
      connectorId: stored.id,
      startedAt: started,
      durationMs: Date.now() - started.getTime(),
      items: 0,
      outcome: check.ok ? "test passed" : "test failed",
      error: check.ok ? null : check.error.slice(0, 1000),
    },
  });
  return check;
}
