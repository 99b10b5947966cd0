// authmon's callbacks over PostgreSQL: pending grants are access sessions with status PENDING
// whose gatewaySessionId holds the rhid (./opennds-authmon.ts documents the contract).
import type { Db } from "@/lib/db";

import { normaliseMac } from "@/lib/devices/describe-device";
import { recordAccounting } from "@/lib/network/radius/accounting";

import type { AuthmonDependencies, AuthmonGateway, DeauthNotice, PendingGrant } from "./opennds-authmon";
import { openndsSettingsSchema } from "./opennds";

/** At most this many grants are offered per poll; authmon's own list limit cuts it further. */
const pendingBatch = 50;

export function openndsAuthmonStore(db: Db, now: () => Date = () => new Date()): AuthmonDependencies {
  return {
    async loadPending(gatewayId) {
      const rows = await db.accessSession.findMany({
        where: { gatewayId, status: "PENDING", gatewaySessionId: { not: null } },
        orderBy: { createdAt: "asc" },
        take: pendingBatch,
        select: { id: true, gatewaySessionId: true, minutes: true, downKbps: true, upKbps: true, quotaMb: true },
      });
      return rows.map(
        (row): PendingGrant => ({
          sessionId: row.id,
          rhid: row.gatewaySessionId!,
          minutes: row.minutes,
          downKbps: row.downKbps ?? undefined,
          upKbps: row.upKbps ?? undefined,
          quotaMb: row.quotaMb ?? undefined,
        }),
      );
    },

    async markCollected(gatewayId, rhids) {
      const at = now();
      const rows = await db.accessSession.findMany({
        where: { gatewayId, status: "PENDING", gatewaySessionId: { in: rhids } },
        select: { id: true, minutes: true },
      });
      // Each session's expiry depends on its own minutes, so one update per session, together.
      await db.$transaction(
        rows.map((row) =>
          db.accessSession.updateMany({
            where: { id: row.id, status: "PENDING" },
            data: { status: "GRANTED", grantedAt: at, expiresAt: row.minutes > 0 ? new Date(at.getTime() + row.minutes * 60_000) : null },
          }),
        ),
      );
    },

    async noteDeauthed(gatewayId, notice) {
      await recordAccounting(db, deauthReport(gatewayId, notice, now()));
    },

    async clearPending(gatewayId) {
      await db.accessSession.updateMany({
        where: { gatewayId, status: "PENDING" },
        data: { status: "ENDED", endedAt: now(), endReason: "opennds-restarted" },
      });
    },
  };
}

/**
 * A BinAuth deauthentication as a Stop report: the session Portico's grant named (its custom
 * string), else this gateway's session for the MAC. openNDS's session_end is the scheduled end,
 * so the stay lasted until the notice, or that end if it came first.
 */
export function deauthReport(gatewayId: string, notice: DeauthNotice, now: Date) {
  const at = notice.timestamp ? new Date(notice.timestamp * 1000) : now;
  const endSeconds = Math.min(at.getTime() / 1000, notice.sessionEnd ?? Number.POSITIVE_INFINITY);
  return {
    status: "Stop" as const,
    sessionId: notice.sessionId,
    mac: notice.clientMac ? normaliseMac(notice.clientMac) : null,
    acctSessionId: null,
    sessionSeconds: notice.sessionStart ? Math.max(0, Math.round(endSeconds - notice.sessionStart)) : null,
    bytesIn: notice.bytesOutgoing,
    bytesOut: notice.bytesIncoming,
    clientIp: null,
    terminateCause: notice.method,
    at,
    source: "opennds" as const,
    gatewayId,
  };
}

/** The openNDS gateway authmon names in its URL, or null when there is no such gateway. */
export async function findAuthmonGateway(db: Db, gatewayId: string): Promise<AuthmonGateway | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(gatewayId)) return null;
  const gateway = await db.gateway.findUnique({ where: { id: gatewayId }, select: { id: true, kind: true, settings: true } });
  if (!gateway || gateway.kind !== "opennds") return null;
  const settings = openndsSettingsSchema.safeParse(gateway.settings);
  if (!settings.success || settings.data.securityLevel !== 3) return null;
  return { id: gateway.id, gatewayName: settings.data.gatewayName };
}

/**
 * The openNDS level-3 gateway of a venue whose authmon polls the splash address: the one the
 * address's `gw` names, else the venue's only such gateway.
 */
export async function findVenueAuthmonGateway(db: Db, venueSlug: string, gw: string | null): Promise<AuthmonGateway | null> {
  const gateways = await db.gateway.findMany({ where: { venue: { slug: venueSlug }, kind: "opennds", ...(gw ? { slug: gw.split("?")[0] } : {}) }, select: { id: true } });
  const found = [];
  for (const gateway of gateways) {
    const authmon = await findAuthmonGateway(db, gateway.id);
    if (authmon) found.push(authmon);
  }
  return found.length === 1 ? found[0]! : null;
}
