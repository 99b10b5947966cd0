// Staff end a device's network access before its time (a guest asks, a device misbehaves).
// Where the vendor allows it the gateway is told (GatewayAdapter.revoke: UniFi unauthorises
// the guest); either way Portico ends the session, so RADIUS re-authorisation is refused, the
// Captive Portal API says "captive" again, and the visit gets its end. Audited, with the
// gateway's answer.
import "server-only";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";

import { prepareGateway, type AccessOptions } from "./access";
import { insertAccessEndedEvents } from "./access-ended-events";

export type GatewayRevocation =
  /** The gateway was told and said yes. */
  | { kind: "revoked" }
  /** This vendor cannot be told: the device stays on until the gateway's own session timeout. */
  | { kind: "unsupported" }
  | { kind: "failed"; error: string }
  /** No gateway (the venue signs guests in without one). */
  | { kind: "none" };

interface SessionRow {
  id: string;
  status: string;
  endedAt: Date | null;
  gatewayParams: Record<string, string>;
  gatewayId: string | null;
  venueId: string;
  slug: string | null;
  kind: string | null;
  name: string | null;
  settings: unknown;
  secrets: Uint8Array | null;
}

export async function endAccessSession(db: Db, actor: Actor, input: { sessionId: string }, options: AccessOptions): Promise<{ gateway: GatewayRevocation }> {
  assertPermission(actor, "gateways.manage");
  const [session] = await db.$queryRaw<SessionRow[]>`
    SELECT s.id, s.status::text AS status, s.ended_at AS "endedAt", j.gateway_params AS "gatewayParams", s.venue_id AS "venueId",
           g.id AS "gatewayId", g.slug, g.kind, g.name, g.settings, g.secrets
    FROM access_session s JOIN journey j ON j.id = s.journey_id LEFT JOIN gateway g ON g.id = s.gateway_id
    WHERE s.id = ${input.sessionId}::uuid`;
  if (!session) throw new DomainError("accessSessionGone");
  if (session.status === "ENDED" || session.status === "DENIED" || session.endedAt) throw new DomainError("accessSessionNotActive");

  let gateway: GatewayRevocation = { kind: "none" };
  if (session.gatewayId) {
    const ready = prepareGateway(
      { id: session.gatewayId, venueId: session.venueId, slug: session.slug!, kind: session.kind!, name: session.name!, settings: session.settings, secrets: session.secrets },
      options,
    );
    if (!ready.ok) gateway = { kind: "failed", error: ready.reason };
    else if (!ready.adapter.revoke) gateway = { kind: "unsupported" };
    else {
      const reading = ready.adapter.readRedirect(ready.context, session.gatewayParams ?? {});
      if (!reading.ok) gateway = { kind: "failed", error: reading.reason };
      else {
        try {
          const answer = await ready.adapter.revoke(ready.context, { redirect: reading.redirect, sessionId: session.id });
          gateway = answer.ok ? { kind: "revoked" } : { kind: "failed", error: answer.error };
        } catch (error) {
          logger.error({ err: error, gatewayId: session.gatewayId }, "gateway adapter failed while revoking");
          gateway = { kind: "failed", error: error instanceof Error ? error.message : String(error) };
        }
      }
    }
  }

  const now = (options.now ?? (() => new Date()))();
  await db.$transaction(async (tx) => {
    // One statement: the session (if still active: a concurrent end or Stop wins), its visit, the event.
    const ended = await tx.$queryRaw<{ id: string }[]>`
      WITH ended AS (
        UPDATE access_session s SET status = 'ENDED', ended_at = ${now}, end_reason = 'staff', updated_at = ${now}
        WHERE s.id = ${session.id}::uuid AND s.status IN ('PENDING', 'GRANTED') AND s.ended_at IS NULL
        RETURNING s.id, s.visit_id, s.journey_id, s.venue_id, s.gateway_id, s.granted_at
      ),
      visits AS (
        UPDATE visit v SET ended_at = ${now},
               dwell_seconds = GREATEST(COALESCE(v.dwell_seconds, 0), floor(extract(epoch FROM ${now}::timestamptz - COALESCE(e.granted_at, v.connected_at)))::int)
        FROM ended e WHERE v.id = e.visit_id
      ),
      events AS (${insertAccessEndedEvents({
        from: "ended",
        at: now,
        reason: Prisma.sql`'staff'`,
        source: "staff",
        details: Prisma.sql`jsonb_build_object('revocation', ${gateway.kind}::text)`,
      })})
      SELECT id FROM ended`;
    if (ended.length === 0) throw new DomainError("accessSessionNotActive");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "access.ended_by_staff",
      entityType: "access_session",
      entityId: session.id,
      after: { gateway: gateway.kind, ...(gateway.kind === "failed" ? { error: gateway.error.slice(0, 300) } : {}) },
      ip: actor.ip,
    });
  });
  return { gateway };
}
