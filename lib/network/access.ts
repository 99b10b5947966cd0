// Network access around the guest journey: which gateway a guest came through and whether its
// redirect holds up (at the login, before anything is written), and, once identity and consent
// are committed, the grant: the access session is recorded first, then the adapter is asked to
// let the device on, so a phone that closes its sign-in window the moment it is online loses
// nothing. The adapters (./adapters) speak the vendors' protocols; this file is the bookkeeping.
import "server-only";

import { LRUCache } from "lru-cache";
import { v7 as uuidv7 } from "uuid";

import type { Db } from "@/lib/db/client";
import type { EventType } from "@/lib/events/record-event";
import type { LoginMethod } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/log";
import { countGrant } from "@/lib/ops/metrics";

import { accessTierFor, type TierLimits } from "./access-tiers";
import type { GatewayAdapter, GatewayContext, GatewayRedirect, GrantOutcome } from "./gateway-adapter";
import type { GatewaySecretStore } from "./gateway-secrets";
import { gatewayRegistry } from "./registry";
import { readStoredTierLimits } from "./tier-limits";

export interface StoredGateway {
  id: string;
  venueId: string;
  slug: string;
  kind: string;
  name: string;
  settings: unknown;
  secrets: Uint8Array | null;
}

export interface AccessOptions {
  secrets: GatewaySecretStore;
  fetch?: typeof fetch;
  now?: () => Date;
  registry?: Partial<Record<string, GatewayAdapter>>;
}

export type Ready = { ok: true; adapter: GatewayAdapter; context: GatewayContext<unknown, unknown> } | { ok: false; reason: string };

/** The gateway's adapter with its settings and credentials read through the adapter's own schemas. */
export function prepareGateway(gateway: StoredGateway, options: AccessOptions): Ready {
  const adapter = (options.registry ?? (gatewayRegistry as Partial<Record<string, GatewayAdapter>>))[gateway.kind];
  if (!adapter) return { ok: false, reason: `This Portico has no gateway adapter of kind "${gateway.kind}".` };
  const settings = adapter.settingsSchema.safeParse(gateway.settings ?? {});
  if (!settings.success) return { ok: false, reason: `The gateway "${gateway.name}" has settings its adapter no longer accepts; save them again.` };
  let opened: unknown;
  try {
    opened = options.secrets.open(gateway.secrets, gateway.id);
  } catch {
    return { ok: false, reason: `The credentials of "${gateway.name}" cannot be opened with this server's PORTICO_SECRET_KEY.` };
  }
  const secrets = adapter.secretsSchema.safeParse(opened);
  if (!secrets.success) return { ok: false, reason: `The stored credentials of "${gateway.name}" are incomplete; enter them again.` };
  const now = options.now ?? (() => new Date());
  return { ok: true, adapter, context: { settings: settings.data, secrets: secrets.data, fetch: options.fetch ?? fetch, now } };
}

/**
 * A venue's gateways by venue and content_version, which a trigger bumps on any change to the
 * venue's gateways (as for copy and wording, lib/portal-content): a login that has read the
 * venue row costs no gateway query while nothing changed, and sees a change at once.
 */
const rememberedGateways = new LRUCache<string, StoredGateway[]>({ max: 2000 });

async function venueGateways(db: Db, venue: GatewayVenue): Promise<StoredGateway[]> {
  const key = venue.contentVersion === undefined ? null : `${venue.id}:${venue.contentVersion}`;
  const remembered = key ? rememberedGateways.get(key) : undefined;
  if (remembered) return remembered;
  const gateways = await db.$queryRaw<StoredGateway[]>`
    SELECT id, venue_id AS "venueId", slug, kind, name, settings, secrets FROM gateway WHERE venue_id = ${venue.id}::uuid ORDER BY created_at, id`;
  if (key) rememberedGateways.set(key, gateways);
  return gateways;
}

/** The venue a login is at; with the content_version just read from its row, its gateways are remembered. */
export interface GatewayVenue {
  id: string;
  contentVersion?: number;
}

export type GatewayCheck =
  /** `gatewayId` null: the venue has no gateway configured (a demo, or an open network). */
  | { ok: true; gatewayId: string | null; redirect: GatewayRedirect | null }
  | { ok: false; reason: string };

/**
 * At the login: the gateway the splash's `gw` names (or the venue's only one), and its
 * adapter's reading of the controller's redirect. A redirect that does not hold up (tampered,
 * expired, from a host the venue did not allow) is refused before the journey is written.
 */
export async function checkGatewayRedirect(db: Db, venue: GatewayVenue, params: Readonly<Record<string, string>>, options: AccessOptions): Promise<GatewayCheck> {
  const gateways = await venueGateways(db, venue);
  if (gateways.length === 0) return { ok: true, gatewayId: null, redirect: null };
  const named = params.gw;
  const gateway = named ? gateways.find((g) => g.slug === named) : gateways.length === 1 ? gateways[0] : undefined;
  if (!gateway) return { ok: false, reason: named ? `No gateway "${named}" at this venue.` : "This venue has several gateways and the sign-in link names none (gw)." };
  const ready = prepareGateway(gateway, options);
  if (!ready.ok) return ready;
  const reading = ready.adapter.readRedirect(ready.context, params);
  if (!reading.ok) {
    logger.warn({ gatewayId: gateway.id, kind: gateway.kind, reason: reading.reason }, "gateway redirect refused");
    return reading;
  }
  return { ok: true, gatewayId: gateway.id, redirect: reading.redirect };
}

interface GrantRow {
  journeyId: string;
  venueId: string;
  zoneId: string | null;
  guestId: string | null;
  deviceId: string | null;
  visitId: string | null;
  loginMethod: LoginMethod;
  gatewayParams: Record<string, string>;
  clientMac: string | null;
  clientIp: string | null;
  sessionId: string | null;
  sessionStatus: string | null;
  grantKind: string | null;
  gatewayId: string | null;
  gatewaySlug: string | null;
  gatewayKind: string | null;
  gatewayName: string | null;
  gatewaySettings: unknown;
  gatewaySecrets: Uint8Array | null;
  gatewayTierLimits: unknown;
  /** A voucher journey's redemption (lib/vouchers): the minutes and data its code earns. */
  voucherMinutes: number | null;
  voucherQuotaMb: number | null;
}

export interface GrantResult {
  sessionId: string;
  outcome: GrantOutcome;
}

export interface GrantInput {
  venueSlug: string;
  token: string;
  /** Where the browser ends up once online: Portico's success page, as an absolute URL. */
  continueUrl: string;
  /** Overrides the gateway's own limits (gateway.tier_limits). */
  tierLimits?: TierLimits;
  /**
   * The gateway asked Portico about the device itself (welcome back with zero taps over RADIUS
   * MAC authorisation): the session is recorded as granted with this grant kind, and the
   * adapter is not asked, since the gateway is waiting for Portico's answer.
   */
  collectedByGateway?: string;
}

/**
 * After consent is committed: records the device's access session and asks the gateway to let
 * it on. The session is written before the gateway is asked, so a controller that let the
 * device on is never without its record; submitting again (a second tab, a reload of the post)
 * finds the session and answers the same way without a second session or a second controller
 * call. Without a gateway it costs two statements: the read and the session with its event.
 */
export async function grantAccess(db: Db, input: GrantInput, options: AccessOptions): Promise<GrantResult | null> {
  const now = options.now ?? (() => new Date());
  const [row] = await db.$queryRaw<GrantRow[]>`
    SELECT j.id AS "journeyId", j.venue_id AS "venueId", v.zone_id AS "zoneId", j.guest_id AS "guestId", v.device_id AS "deviceId",
           v.id AS "visitId", j.login_method::text AS "loginMethod", j.gateway_params AS "gatewayParams",
           j.client_mac AS "clientMac", j.client_ip AS "clientIp",
           s.id AS "sessionId", s.status::text AS "sessionStatus", s.grant_kind AS "grantKind",
           g.id AS "gatewayId", g.slug AS "gatewaySlug", g.kind AS "gatewayKind", g.name AS "gatewayName",
           g.settings AS "gatewaySettings", g.secrets AS "gatewaySecrets", g.tier_limits AS "gatewayTierLimits",
           vr.minutes AS "voucherMinutes", vr.quota_mb AS "voucherQuotaMb"
    FROM journey j JOIN venue ve ON ve.id = j.venue_id
    LEFT JOIN voucher_redemption vr ON vr.journey_id = j.id
    LEFT JOIN visit v ON v.journey_id = j.id
    LEFT JOIN access_session s ON s.journey_id = j.id
    LEFT JOIN gateway g ON g.id = j.gateway_id
    WHERE j.token = ${input.token} AND ve.slug = ${input.venueSlug} AND j.status = 'COMPLETED'`;
  if (!row) return null;
  const tier = voucherTier(accessTierFor(row.loginMethod, input.tierLimits ?? readStoredTierLimits(row.gatewayTierLimits)), row);
  const at = now();

  if (input.collectedByGateway && row.gatewayId && !row.sessionId) {
    const sessionId = uuidv7();
    const outcome: GrantOutcome = { kind: "granted", detail: `Collected by the gateway (${input.collectedByGateway}).` };
    await insertSession(db, row, sessionId, tier, at, { status: "GRANTED", grantKind: input.collectedByGateway }, outcome);
    countGrant(row.gatewayKind ?? "unknown", "granted");
    return { sessionId, outcome };
  }
  if (!row.gatewayId) {
    const sessionId = row.sessionId ?? uuidv7();
    const outcome: GrantOutcome = { kind: "granted", detail: "No gateway is configured for this venue." };
    if (!row.sessionId) {
      await insertSession(db, row, sessionId, tier, at, { status: "GRANTED", grantKind: "granted" }, outcome);
      countGrant("none", "granted");
    }
    return { sessionId, outcome };
  }
  if (row.sessionId && (row.grantKind === "granted" || (row.grantKind === "pending" && row.sessionStatus !== "PENDING"))) {
    // Already let on by the controller's API, or collected by the gateway: nothing to ask again.
    return { sessionId: row.sessionId, outcome: { kind: "granted", detail: "Access was already granted." } };
  }

  const gateway: StoredGateway = {
    id: row.gatewayId,
    venueId: row.venueId,
    slug: row.gatewaySlug!,
    kind: row.gatewayKind!,
    name: row.gatewayName!,
    settings: row.gatewaySettings,
    secrets: row.gatewaySecrets,
  };
  const sessionId = row.sessionId ?? uuidv7();
  // "requested": written before the adapter is asked, so its answer (even "pending") is news to settleSession.
  if (!row.sessionId) await insertSession(db, row, sessionId, tier, at, { status: "PENDING", grantKind: "requested" }, null);

  // The redirect is read again from the journey's validated parameters rather than kept from the
  // login: it costs microseconds (one AES decryption for openNDS), keeps adapter internals off the
  // journey row, and holds the grant to the gateway's settings as they are now (an allow-list
  // tightened since the login applies).
  const ready = prepareGateway(gateway, options);
  const reading = ready.ok ? ready.adapter.readRedirect(ready.context, row.gatewayParams) : null;
  let outcome: GrantOutcome;
  if (!ready.ok) outcome = { kind: "failed", error: ready.reason };
  else if (!reading!.ok) outcome = { kind: "failed", error: reading!.reason };
  else {
    try {
      outcome = await ready.adapter.grant(ready.context, { redirect: reading!.redirect, tier, continueUrl: input.continueUrl, sessionId });
    } catch (error) {
      logger.error({ err: error, gatewayId: gateway.id, kind: gateway.kind }, "gateway adapter failed while granting");
      outcome = { kind: "failed", error: `The ${ready.adapter.label} adapter failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
    }
  }
  await settleSession(db, row, sessionId, gateway, outcome, now());
  countGrant(gateway.kind, outcome.kind);
  return { sessionId, outcome };
}

/** A code's own limits win: its minutes always, its data allowance where the batch sets one. */
function voucherTier(tier: ReturnType<typeof accessTierFor>, row: Pick<GrantRow, "voucherMinutes" | "voucherQuotaMb">): ReturnType<typeof accessTierFor> {
  if (row.voucherMinutes === null) return tier;
  return { ...tier, minutes: row.voucherMinutes, ...(row.voucherQuotaMb !== null ? { quotaMb: row.voucherQuotaMb } : {}) };
}

const statusOf = (outcome: GrantOutcome) =>
  // Redirect and form grants complete in the guest's browser, at the gateway: Portico has done its part.
  outcome.kind === "failed" ? "DENIED" : outcome.kind === "pending" ? "PENDING" : "GRANTED";

const eventTypeOf = (outcome: GrantOutcome): EventType => (outcome.kind === "failed" ? "access.denied" : outcome.kind === "pending" ? "access.pending" : "access.granted");

function eventPayload(sessionId: string, gateway: Pick<StoredGateway, "id" | "kind"> | null, outcome: GrantOutcome) {
  return JSON.stringify({ sessionId, gateway: gateway ? { id: gateway.id, kind: gateway.kind } : null, grant: outcome.kind, ...(outcome.kind === "failed" ? { error: outcome.error } : {}) });
}

/** The session row; with `outcome`, its event in the same statement. A concurrent submit's row wins. */
async function insertSession(
  db: Db,
  row: GrantRow,
  sessionId: string,
  tier: ReturnType<typeof accessTierFor>,
  at: Date,
  state: { status: "PENDING" | "GRANTED"; grantKind: string },
  outcome: GrantOutcome | null,
): Promise<void> {
  const expiresAt = new Date(at.getTime() + tier.minutes * 60_000);
  const grantedAt = state.status === "GRANTED" ? at : null;
  await db.$executeRaw`
    WITH s AS (
      INSERT INTO access_session (id, journey_id, visit_id, venue_id, gateway_id, client_mac, client_ip, status, grant_kind, minutes,
                                  down_kbps, up_kbps, quota_mb, granted_at, expires_at, updated_at)
      VALUES (${sessionId}::uuid, ${row.journeyId}::uuid, ${row.visitId}::uuid, ${row.venueId}::uuid, ${row.gatewayId}::uuid, ${row.clientMac}, ${row.clientIp},
              ${state.status}::access_status, ${state.grantKind}, ${tier.minutes}, ${tier.downKbps ?? null}, ${tier.upKbps ?? null}, ${tier.quotaMb ?? null},
              ${grantedAt}, ${expiresAt}, ${at})
      ON CONFLICT (journey_id) DO NOTHING
      RETURNING id
    )
    INSERT INTO event (type, occurred_at, venue_id, zone_id, guest_id, device_id, journey_id, payload)
    SELECT ${outcome ? eventTypeOf(outcome) : ""}, ${at}, ${row.venueId}::uuid, ${row.zoneId}::uuid, ${row.guestId}::uuid, ${row.deviceId}::uuid, ${row.journeyId}::uuid,
           ${outcome ? eventPayload(sessionId, null, outcome) : "{}"}::jsonb
    FROM s WHERE ${outcome !== null}`;
}

/** The gateway's answer on the session, and its event, in one statement; nothing when it is unchanged. */
async function settleSession(db: Db, row: GrantRow, sessionId: string, gateway: StoredGateway, outcome: GrantOutcome, at: Date): Promise<void> {
  const status = statusOf(outcome);
  await db.$executeRaw`
    WITH s AS (
      UPDATE access_session
      SET status = ${status}::access_status, grant_kind = ${outcome.kind}, error = ${outcome.kind === "failed" ? outcome.error : null},
          granted_at = ${status === "GRANTED" ? at : null}, updated_at = ${at},
          gateway_session_id = COALESCE(${outcome.kind === "pending" ? (outcome.gatewaySessionId ?? null) : null}, gateway_session_id)
      WHERE id = ${sessionId}::uuid
        -- A replay that ends the same way is not news: no second event.
        AND (status <> ${status}::access_status OR grant_kind <> ${outcome.kind})
      RETURNING id
    )
    INSERT INTO event (type, occurred_at, venue_id, zone_id, guest_id, device_id, journey_id, payload)
    SELECT ${eventTypeOf(outcome)}, ${at}, ${row.venueId}::uuid, ${row.zoneId}::uuid, ${row.guestId}::uuid, ${row.deviceId}::uuid, ${row.journeyId}::uuid,
           ${eventPayload(sessionId, gateway, outcome)}::jsonb
    FROM s`;
}
