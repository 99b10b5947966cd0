// FreeRADIUS's authorize step, answered by Portico (docs/RADIUS.md). Two ways a NAS asks:
// - session credentials: MikroTik, Cisco WLC, Aruba and Meraki sign-on post the username and
//   password Portico handed the guest's browser after consent (../adapters/session-credentials.ts).
//   The username is the access session's id; Portico answers with the password that session's
//   gateway key derives, as control:Cleartext-Password, and FreeRADIUS checks the request
//   against it itself (PAP compares, CHAP hashes), so the password never has to be believed;
// - MAC authorisation: a controller that asks about the device's MAC (User-Name = the MAC,
//   password the same) gets an accept while a granted, unexpired session holds for that MAC,
//   or when welcome back with zero taps lets a device seen before on (lib/welcome-back/zero-tap.ts).
// Either way the accept carries the session's remaining time and the tier's limits.
import "server-only";

import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import { normaliseMac } from "@/lib/devices/describe-device";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { takeGcra } from "@/lib/rate-limits/gcra";

import { prepareGateway, type AccessOptions, type StoredGateway } from "../access";
import { isSessionPassword, sessionPassword } from "../adapters/session-credentials";
import { acceptAttributes } from "./reply";
import type { RadiusAnswerAttributes, RadiusAttributes } from "./rlm-rest";

export type AuthorizeDecision =
  | { verdict: "accept"; attributes: RadiusAnswerAttributes }
  /** Known, but not (any longer) allowed on: FreeRADIUS rejects with this Reply-Message. */
  | { verdict: "reject"; message: string }
  /** Not a session or device Portico knows: FreeRADIUS's notfound, then reject. */
  | { verdict: "unknown" };

interface SessionRow {
  id: string;
  status: string;
  clientMac: string | null;
  expiresAt: Date | null;
  endedAt: Date | null;
  downKbps: number | null;
  upKbps: number | null;
  quotaMb: number | null;
  gatewayId: string | null;
  venueId: string;
  slug: string | null;
  kind: string | null;
  name: string | null;
  settings: unknown;
  secrets: Uint8Array | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sessionColumns = (alias: string) => `
  ${alias}.id, ${alias}.status::text AS status, ${alias}.client_mac AS "clientMac", ${alias}.expires_at AS "expiresAt", ${alias}.ended_at AS "endedAt",
  ${alias}.down_kbps AS "downKbps", ${alias}.up_kbps AS "upKbps", ${alias}.quota_mb AS "quotaMb", ${alias}.venue_id AS "venueId",
  g.id AS "gatewayId", g.slug, g.kind, g.name, g.settings, g.secrets`;

/** How long one request's claim on letting a device on holds off the next (longer than a grant takes). */
const zeroTapClaimSeconds = 30;
/** How long a request that found the device claimed waits for the other's session (rlm_rest allows 4 s). */
const zeroTapWaitMs = 2_500;

/** True for the one request that may let this device on with no tap now (rate_limit, shared by every process). */
async function claimZeroTap(db: Db, mac: string): Promise<boolean> {
  // The key only has to be stable: the MAC itself is on the device and session rows already.
  const key = `zero-tap:${createHash("sha256").update(`zero-tap:${mac}`).digest("base64url").slice(0, 32)}`;
  return (await takeGcra(db, { table: "rate_limit", key }, zeroTapClaimSeconds, zeroTapClaimSeconds)).allowed;
}

/**
 * Welcome back with zero taps (lib/welcome-back/zero-tap.ts), handed in by the route so that
 * lib/network does not depend on it: lets a device seen before on, true when it granted a session.
 */
export type ZeroTap = (db: Db, request: { mac: string; nasIdentifier: string | null; clientIp: string | null }, options: AccessOptions) => Promise<boolean>;

export async function authorizeRadiusRequest(db: Db, attributes: RadiusAttributes, options: AccessOptions, zeroTap?: ZeroTap): Promise<AuthorizeDecision> {
  const now = (options.now ?? (() => new Date()))();
  const userName = attributes.get("User-Name")?.trim() ?? "";
  if (!userName) return { verdict: "unknown" };
  const callingMac = normaliseMac(attributes.get("Calling-Station-Id") ?? "");

  if (uuidPattern.test(userName)) {
    const [session] = await db.$queryRawUnsafe<SessionRow[]>(
      `SELECT ${sessionColumns("s")} FROM access_session s LEFT JOIN gateway g ON g.id = s.gateway_id WHERE s.id = $1::uuid`,
      userName.toLowerCase(),
    );
    if (!session?.gatewayId) return { verdict: "unknown" };
    const refusal = stillAllowed(session, now);
    if (refusal) return { verdict: "reject", message: refusal };
    // The credentials were handed to one device's browser; another device presenting them is refused.
    if (callingMac && session.clientMac && callingMac !== session.clientMac) return { verdict: "reject", message: "These credentials belong to another device." };
    const gateway = storedGateway(session);
    const ready = prepareGateway(gateway, options);
    if (!ready.ok) {
      logger.error({ gatewayId: gateway.id, reason: ready.reason }, "RADIUS authorize: gateway not usable");
      return { verdict: "reject", message: "This gateway's Portico settings are incomplete." };
    }
    const key = (ready.context.secrets as { credentialKey?: unknown }).credentialKey;
    if (typeof key !== "string" || !key) return { verdict: "reject", message: "This gateway does not use Portico's session credentials." };
    // PAP: refuse a wrong password here already, so the reason is Portico's; CHAP is FreeRADIUS's to check.
    const papPassword = attributes.get("User-Password");
    if (papPassword !== undefined && !isSessionPassword(key, session.id, papPassword)) return { verdict: "reject", message: "Wrong password for this session." };
    return { verdict: "accept", attributes: { "control:Cleartext-Password": sessionPassword(key, session.id), ...accept(session, ready.adapter, now) } };
  }

  const mac = normaliseMac(userName);
  if (!mac) return { verdict: "unknown" };
  const nasIdentifier = attributes.get("NAS-Identifier") ?? null;
  // A NAS that names itself by a gateway's slug is held to that gateway's sessions.
  const grantedSession = () => db.$queryRawUnsafe<SessionRow[]>(
    `SELECT ${sessionColumns("s")}
     FROM access_session s JOIN gateway g ON g.id = s.gateway_id
     WHERE s.client_mac = $1 AND s.status = 'GRANTED' AND s.ended_at IS NULL AND s.expires_at > $2
       AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM gateway n WHERE n.slug = $3) OR g.slug = $3)
     ORDER BY s.expires_at DESC LIMIT 1`,
    mac,
    now,
    nasIdentifier,
  );
  let [session] = await grantedSession();
  // None: a device seen before may be let on with no tap (welcome back, zero taps) — by one
  // request at a time: a second one for the same device (another AP, the other band) waits for
  // the first's session instead of recording a second visit.
  if (!session && zeroTap) {
    if (await claimZeroTap(db, mac)) {
      if (await zeroTap(db, { mac, nasIdentifier, clientIp: attributes.get("Framed-IP-Address") ?? null }, options)) [session] = await grantedSession();
    } else {
      for (let waited = 0; !session && waited < zeroTapWaitMs; waited += 100) {
        await sleep(100);
        [session] = await grantedSession();
      }
    }
  }
  if (!session) return { verdict: "unknown" };
  const ready = prepareGateway(storedGateway(session), options);
  // MAC authorisation's password is the MAC as the NAS spells it (Cisco, Meraki and Aruba send the User-Name again).
  return { verdict: "accept", attributes: { "control:Cleartext-Password": userName, ...accept(session, ready.ok ? ready.adapter : undefined, now) } };
}

function stillAllowed(session: SessionRow, now: Date): string | null {
  if (session.status === "DENIED") return "Access was not granted for this session.";
  if (session.status === "ENDED" || session.endedAt) return "This session has ended; sign in again.";
  if (!session.expiresAt || session.expiresAt <= now) return "This session has expired; sign in again.";
  return null;
}

function accept(session: SessionRow, adapter: Parameters<typeof acceptAttributes>[1], now: Date): RadiusAnswerAttributes {
  return acceptAttributes(
    {
      secondsRemaining: (session.expiresAt!.getTime() - now.getTime()) / 1000,
      downKbps: session.downKbps ?? undefined,
      upKbps: session.upKbps ?? undefined,
      quotaMb: session.quotaMb ?? undefined,
    },
    adapter,
  );
}

function storedGateway(row: SessionRow): StoredGateway {
  return { id: row.gatewayId!, venueId: row.venueId, slug: row.slug!, kind: row.kind!, name: row.name!, settings: row.settings, secrets: row.secrets };
}
