// What admins do to a venue's gateways: add one of a vendor the registry has, change its
// settings or replace its credentials (sealed, bound to the gateway, never shown again), and
// remove it. Every change is audited without the credentials. Works for any adapter in the
// registry: the form and the checks come from the adapter's own schemas.
import "server-only";

import { v7 as uuidv7 } from "uuid";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db, DbTx } from "@/lib/db/client";
import { refuseOnUniqueViolation } from "@/lib/db/refuse-on-unique-violation";
import { parseVendorInput, type VendorInput } from "@/lib/delivery/vendor-input";
import { DomainError } from "@/lib/errors";
import type { Gateway as GatewayRow } from "@/lib/generated/prisma/client";

import type { GatewayAdapter } from "../gateway-adapter";
import type { GatewaySecretStore } from "../gateway-secrets";
import { gatewayRegistry } from "../registry";
import type { TierLimits } from "../access-tiers";
import { readStoredTierLimits } from "../tier-limits";
import type { GatewayCreateInput, GatewayRef, GatewayUpdateInput } from "./schemas";

export type GatewayRegistry = Partial<Record<string, GatewayAdapter>>;

export interface ManageGatewayOptions {
  /** The adapters to choose from (tests bring their own); by default lib/network/registry.ts. */
  registry?: GatewayRegistry;
}

const registryOf = (options: ManageGatewayOptions): GatewayRegistry => options.registry ?? gatewayRegistry;

/** The adapter of `kind`, or null for a kind this Portico does not have. */
export function gatewayAdapterOf(kind: string, options: ManageGatewayOptions = {}): GatewayAdapter | null {
  const registry = registryOf(options);
  return (Object.hasOwn(registry, kind) ? registry[kind] : undefined) ?? null;
}

function adapterOrRefuse(kind: string, options: ManageGatewayOptions): GatewayAdapter {
  const adapter = gatewayAdapterOf(kind, options);
  if (!adapter) throw new DomainError("invalidFields", { fieldErrors: { kind: ["gatewayKindUnknown"] } });
  return adapter;
}

/**
 * Credentials left blank on a new gateway: fine for a vendor that needs none (its schema
 * accepts an empty object, as "None" does), refused for the others.
 */
function secretsForNew(adapter: GatewayAdapter, secrets: unknown): unknown {
  if (secrets !== undefined) return secrets;
  const empty = adapter.secretsSchema.safeParse({});
  return empty.success ? empty.data : undefined;
}

async function gatewayForChange(tx: DbTx, venueId: string, gatewayId: string): Promise<GatewayRow> {
  const gateway = await tx.gateway.findFirst({ where: { id: gatewayId, venueId } });
  if (!gateway) throw new DomainError("gatewayGone");
  return gateway;
}

/** Two admins saving the same slug at once still meet the unique index: the same field error, not a crash. */
const slugTaken = () => new DomainError("invalidFields", { fieldErrors: { slug: ["gatewaySlugTaken"] } });

async function assertSlugFree(tx: DbTx, venueId: string, slug: string, except?: string): Promise<void> {
  const other = await tx.gateway.findFirst({ where: { venueId, slug, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
  if (other) throw slugTaken();
}

/** What the audit trail keeps of a gateway: everything but the credentials. */
function snapshot(row: Pick<GatewayRow, "kind" | "name" | "slug" | "settings">, credentials?: "set" | "replaced" | "kept") {
  return { kind: row.kind, name: row.name, slug: row.slug, settings: row.settings as object, ...(credentials ? { credentials } : {}) };
}

export async function createGateway(db: Db, actor: Actor, store: GatewaySecretStore, input: GatewayCreateInput & VendorInput, options: ManageGatewayOptions = {}): Promise<GatewayRow> {
  assertPermission(actor, "gateways.manage");
  const adapter = adapterOrRefuse(input.kind, options);
  const vendor = parseVendorInput(adapter, { settings: input.settings, secrets: secretsForNew(adapter, input.secrets) }, "gatewaySecretsRequired");
  const id = uuidv7();
  return refuseOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const venue = await tx.venue.findUnique({ where: { id: input.venueId }, select: { id: true } });
        if (!venue) throw new DomainError("venueGone");
        await assertSlugFree(tx, venue.id, input.slug);
        const row = await tx.gateway.create({
          data: { id, venueId: venue.id, slug: input.slug, kind: adapter.kind, name: input.name, settings: vendor.settings as object, secrets: store.seal(vendor.secrets, id) },
        });
        await recordAudit(tx, { actorId: actor.id, action: "gateway.created", entityType: "gateway", entityId: id, after: snapshot(row, "set"), ip: actor.ip });
        return row;
      }),
    slugTaken(),
  );
}

/** Credentials left undefined keep the stored ones; given, they replace them. */
export async function updateGateway(db: Db, actor: Actor, store: GatewaySecretStore, input: GatewayUpdateInput & VendorInput, options: ManageGatewayOptions = {}): Promise<GatewayRow> {
  assertPermission(actor, "gateways.manage");
  return refuseOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const before = await gatewayForChange(tx, input.venueId, input.gatewayId);
        const vendor = parseVendorInput(adapterOrRefuse(before.kind, options), input, null);
        await assertSlugFree(tx, before.venueId, input.slug, before.id);
        const row = await tx.gateway.update({
          where: { id: before.id },
          data: {
            name: input.name,
            slug: input.slug,
            settings: vendor.settings as object,
            ...(vendor.secrets === undefined ? {} : { secrets: store.seal(vendor.secrets, before.id) }),
          },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "gateway.updated",
          entityType: "gateway",
          entityId: row.id,
          before: snapshot(before),
          after: snapshot(row, vendor.secrets === undefined ? "kept" : "replaced"),
          ip: actor.ip,
        });
        return row;
      }),
    slugTaken(),
  );
}

/** Sets what each way of signing in earns at this gateway (bandwidth, data allowance); audited. */
export async function updateGatewayTierLimits(db: Db, actor: Actor, input: GatewayRef & { limits: TierLimits }): Promise<GatewayRow> {
  assertPermission(actor, "gateways.manage");
  return db.$transaction(async (tx) => {
    const before = await gatewayForChange(tx, input.venueId, input.gatewayId);
    const row = await tx.gateway.update({ where: { id: before.id }, data: { tierLimits: input.limits as object } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "gateway.tiers_updated",
      entityType: "gateway",
      entityId: row.id,
      before: { tierLimits: readStoredTierLimits(before.tierLimits) },
      after: { tierLimits: input.limits },
      ip: actor.ip,
    });
    return row;
  });
}

/** Replaces the hosts staff added to the gateway's walled garden (already read by the form's schema). */
export async function updateGatewayWalledGarden(db: Db, actor: Actor, input: GatewayRef & { hosts: string[] }): Promise<GatewayRow> {
  assertPermission(actor, "gateways.manage");
  return db.$transaction(async (tx) => {
    const before = await gatewayForChange(tx, input.venueId, input.gatewayId);
    const row = await tx.gateway.update({ where: { id: before.id }, data: { walledGardenHosts: input.hosts } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "gateway.walled_garden_updated",
      entityType: "gateway",
      entityId: row.id,
      before: { walledGardenHosts: before.walledGardenHosts ?? [] },
      after: { walledGardenHosts: input.hosts },
      ip: actor.ip,
    });
    return row;
  });
}

/**
 * Removes a gateway. Journeys and access sessions that came through it keep their history
 * (their reference becomes empty: the foreign keys are ON DELETE SET NULL).
 */
export async function deleteGateway(db: Db, actor: Actor, input: GatewayRef): Promise<void> {
  assertPermission(actor, "gateways.manage");
  await db.$transaction(async (tx) => {
    const before = await gatewayForChange(tx, input.venueId, input.gatewayId);
    const [journeys, sessions] = await Promise.all([tx.journey.count({ where: { gatewayId: before.id } }), tx.accessSession.count({ where: { gatewayId: before.id } })]);
    await tx.gateway.delete({ where: { id: before.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "gateway.deleted",
      entityType: "gateway",
      entityId: before.id,
      before: snapshot(before),
      after: { journeysKept: journeys, accessSessionsKept: sessions },
      ip: actor.ip,
    });
  });
}

export interface VenueGatewayView {
  id: string;
  name: string;
  slug: string;
  kind: string;
  /** The vendor's name, or the stored kind when this Portico has no adapter for it. */
  vendor: string;
  known: boolean;
}

/** A venue's gateways, oldest first (the order the login falls back on). */
export async function listVenueGateways(db: Db, actor: Actor, venueId: string, options: ManageGatewayOptions = {}): Promise<VenueGatewayView[]> {
  assertPermission(actor, "gateways.manage");
  const rows = await db.gateway.findMany({ where: { venueId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true, slug: true, kind: true } });
  return rows.map((row) => {
    const adapter = gatewayAdapterOf(row.kind, options);
    return { ...row, vendor: adapter?.label ?? row.kind, known: adapter !== null };
  });
}
