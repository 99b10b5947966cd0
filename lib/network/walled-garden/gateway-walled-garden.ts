// A gateway's walled garden, worked out from the configuration: Portico itself (the splash,
// the sign-in and the Captive Portal API are all on its one origin), what the venue's sign-in
// methods load from elsewhere (walledGardenSources), and the hosts staff added by hand.
import "server-only";

import type { Db } from "@/lib/db/client";

import type { GatewayAdapter } from "../gateway-adapter";
import { gatewayRegistry } from "../registry";

import { entryForUrl, mergeEntries, readWalledGardenHost, type WalledGardenConfig, type WalledGardenEntry } from "./entries";

/**
 * Hosts a way of signing in needs before the grant, for one venue (a SAML identity
 * provider's sign-in page, say). Adding a sign-in method that loads from elsewhere is one
 * function here.
 */
export type WalledGardenSource = (db: Db, venueId: string) => Promise<WalledGardenEntry[]>;

/** "Sign in with <website>" (docs/SAML-SP.md): the browser goes to the website's identity provider before the grant. */
async function samlIdentityProvider(db: Db, venueId: string): Promise<WalledGardenEntry[]> {
  const idp = await db.samlIdp.findUnique({ where: { venueId }, select: { enabled: true, ssoUrl: true, displayName: true } });
  if (!idp?.enabled) return [];
  const entry = entryForUrl(idp.ssoUrl, `Sign-in with ${idp.displayName} (its SAML identity provider)`);
  return entry ? [entry] : [];
}

export const walledGardenSources: WalledGardenSource[] = [samlIdentityProvider];

export const portalWhy = "Portico: the splash, sign-in, consent and Captive Portal API";
export const addedWhy = "Added on this gateway's page";

export interface GatewayForWalledGarden {
  venueId: string;
  kind: string;
  settings: unknown;
  walledGardenHosts: readonly string[] | null;
}

export interface GatewayWalledGarden {
  entries: WalledGardenEntry[];
  /** In the vendor's format; null when this Portico has no adapter of the gateway's kind. */
  config: WalledGardenConfig | null;
}

/** The entries staff added, the unreadable ones left out (they were checked when saved). */
export function addedEntries(hosts: readonly string[] | null): WalledGardenEntry[] {
  return (hosts ?? []).flatMap((host) => {
    const reading = readWalledGardenHost(host, addedWhy);
    return reading.ok ? [reading.entry] : [];
  });
}

export async function gatewayWalledGarden(db: Db, gateway: GatewayForWalledGarden, portalOrigin: string): Promise<GatewayWalledGarden> {
  const portal = entryForUrl(portalOrigin, portalWhy);
  const fromSources = await Promise.all(walledGardenSources.map((source) => source(db, gateway.venueId)));
  const entries = mergeEntries(portal ? [portal] : [], ...fromSources, addedEntries(gateway.walledGardenHosts));
  const adapter: GatewayAdapter | undefined = Object.hasOwn(gatewayRegistry, gateway.kind) ? gatewayRegistry[gateway.kind as keyof typeof gatewayRegistry] : undefined;
  if (!adapter) return { entries, config: null };
  const settings = adapter.settingsSchema.safeParse(gateway.settings);
  return { entries, config: adapter.walledGarden(entries, settings.success ? settings.data : {}) };
}

/**
 * The gateway a technician's check is for: the one `gw` names at the venue, else the venue's
 * only gateway; null when neither picks one.
 */
export async function gatewayToCheck(db: Db, venueId: string, slug: string | null) {
  const select = { id: true, name: true, slug: true, venueId: true, kind: true, settings: true, walledGardenHosts: true } as const;
  if (slug) return db.gateway.findUnique({ where: { venueId_slug: { venueId, slug } }, select });
  const gateways = await db.gateway.findMany({ where: { venueId }, select, take: 2 });
  return gateways.length === 1 ? gateways[0]! : null;
}
