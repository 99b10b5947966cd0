// RADIUS accounting from the NAS, through FreeRADIUS (docs/RADIUS.md), and the same report from
// gateways that tell of disconnects without RADIUS (openNDS BinAuth): Start, Interim-Update
// and Stop for an access session fill in what Portico cannot see from the web: when the device
// really connected, how long it stayed (the visit's dwell time) and how much it moved. Each
// report is one statement (the session, its visit, and the event a Stop makes), so reports
// replayed by a NAS that did not hear the answer, or arriving out of order, change nothing twice:
// counters and dwell only grow, an ended session stays ended, and only the first Stop makes an
// access.ended event.
import "server-only";

import { normaliseMac } from "@/lib/devices/describe-device";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { normaliseIpAddress } from "@/lib/http/ip-address";

import { insertAccessEndedEvents } from "../access-ended-events";
import { integerAttribute, octets, type RadiusAttributes } from "./rlm-rest";

export type AccountingStatus = "Start" | "Interim-Update" | "Stop";

export type AccountingResult =
  | { recorded: true; sessionId: string; status: AccountingStatus; ended: boolean }
  /** Acknowledged and ignored (Accounting-On/Off, a session Portico never granted): the NAS must not resend it. */
  | { recorded: false; reason: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccountingReport {
  status: AccountingStatus;
  /** The access session's id (session credentials), or null when the NAS names the device by MAC. */
  sessionId: string | null;
  mac: string | null;
  acctSessionId: string | null;
  sessionSeconds: number | null;
  bytesIn: number | null;
  bytesOut: number | null;
  clientIp: string | null;
  terminateCause: string | null;
  /** When the NAS saw it: Event-Timestamp, else now less Acct-Delay-Time. */
  at: Date;
  /** Who reported it, for the access.ended event. */
  source: "radius" | "opennds";
  /** Only sessions of this gateway (reports from a gateway that names itself). */
  gatewayId?: string;
}

/** The report in a request's attributes, or why it is not one Portico records. */
export function readAccountingReport(attributes: RadiusAttributes, now: Date): AccountingReport | { ignored: string } {
  const status = attributes.get("Acct-Status-Type");
  if (status !== "Start" && status !== "Interim-Update" && status !== "Stop") return { ignored: `Acct-Status-Type ${status ?? "missing"}` };
  const userName = attributes.get("User-Name")?.trim() ?? "";
  const sessionId = uuidPattern.test(userName) ? userName.toLowerCase() : null;
  const mac = normaliseMac(sessionId ? (attributes.get("Calling-Station-Id") ?? "") : userName) ?? normaliseMac(attributes.get("Calling-Station-Id") ?? "");
  if (!sessionId && !mac) return { ignored: "neither a Portico session nor a MAC address in User-Name/Calling-Station-Id" };
  const eventTimestamp = integerAttribute(attributes, "Event-Timestamp");
  const delay = integerAttribute(attributes, "Acct-Delay-Time") ?? 0;
  // Event-Timestamp arrives as seconds, or as FreeRADIUS's date text ("Dec  2 2026 17:40:00 UTC").
  const stamped = eventTimestamp !== null ? new Date(eventTimestamp * 1000) : dateAttribute(attributes.get("Event-Timestamp"));
  const at = stamped && Math.abs(stamped.getTime() - now.getTime()) < 7 * 86_400_000 ? stamped : new Date(now.getTime() - Math.min(delay, 86_400) * 1000);
  const framedIp = attributes.get("Framed-IP-Address");
  return {
    status,
    sessionId,
    mac,
    acctSessionId: attributes.get("Acct-Session-Id")?.slice(0, 128) ?? null,
    sessionSeconds: integerAttribute(attributes, "Acct-Session-Time"),
    bytesIn: octets(attributes, "Input"),
    bytesOut: octets(attributes, "Output"),
    clientIp: framedIp ? normaliseIpAddress(framedIp) : null,
    terminateCause: attributes.get("Acct-Terminate-Cause")?.slice(0, 64) ?? (status === "Stop" ? "unknown" : null),
    at,
    source: "radius",
  };
}

function dateAttribute(text: string | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text.replace(/\s+/g, " "));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Records one report. The session is the one the User-Name names, or for MAC-named reports the
 * device's session the NAS already reported under this Acct-Session-Id, else its latest granted one.
 */
export async function recordAccounting(db: Db, report: AccountingReport): Promise<AccountingResult> {
  const stop = report.status === "Stop";
  const rows = await db.$queryRaw<{ id: string; ended: boolean }[]>`
    WITH target AS (
      SELECT s.id, s.status, s.visit_id, s.journey_id, s.venue_id, s.gateway_id, s.granted_at, s.bytes_in, s.bytes_out
      FROM access_session s
      WHERE CASE WHEN ${report.sessionId}::uuid IS NOT NULL THEN s.id = ${report.sessionId}::uuid
                 ELSE s.client_mac = ${report.mac} AND s.gateway_id IS NOT NULL AND s.status IN ('GRANTED', 'ENDED') END
        AND (${report.gatewayId ?? null}::uuid IS NULL OR s.gateway_id = ${report.gatewayId ?? null}::uuid)
      ORDER BY (s.gateway_session_id IS NOT DISTINCT FROM ${report.acctSessionId}) DESC, (s.status = 'GRANTED') DESC, s.created_at DESC
      LIMIT 1
      FOR UPDATE
    ),
    updated AS (
      UPDATE access_session s
      SET gateway_session_id = COALESCE(s.gateway_session_id, ${report.acctSessionId}),
          client_ip = COALESCE(${report.clientIp}, s.client_ip),
          last_seen_at = GREATEST(s.last_seen_at, ${report.at}),
          bytes_in = GREATEST(s.bytes_in, COALESCE(${report.bytesIn}::bigint, 0)),
          bytes_out = GREATEST(s.bytes_out, COALESCE(${report.bytesOut}::bigint, 0)),
          -- The NAS letting the device on is the grant a pending session waited for.
          status = CASE WHEN ${stop} THEN 'ENDED'::access_status WHEN s.status = 'PENDING' THEN 'GRANTED'::access_status ELSE s.status END,
          granted_at = COALESCE(s.granted_at, ${report.at}::timestamptz - make_interval(secs => COALESCE(${report.sessionSeconds}::int, 0))),
          ended_at = CASE WHEN ${stop} THEN COALESCE(s.ended_at, ${report.at}) ELSE s.ended_at END,
          end_reason = CASE WHEN ${stop} THEN COALESCE(s.end_reason, ${report.terminateCause}) ELSE s.end_reason END,
          updated_at = now()
      FROM target t
      WHERE s.id = t.id AND t.status <> 'DENIED'
      RETURNING s.id, s.visit_id, s.journey_id, s.venue_id, s.gateway_id, s.bytes_in, s.bytes_out, s.end_reason,
                (${stop} AND t.status <> 'ENDED') AS ended_now
    ),
    visit_update AS (
      UPDATE visit v
      SET dwell_seconds = GREATEST(COALESCE(v.dwell_seconds, 0), COALESCE(${report.sessionSeconds}::int, 0)),
          ended_at = CASE WHEN u.ended_now THEN ${report.at} ELSE v.ended_at END
      FROM updated u
      WHERE v.id = u.visit_id AND (${report.sessionSeconds}::int IS NOT NULL OR u.ended_now)
      RETURNING v.id
    ),
    ended_event AS (${insertAccessEndedEvents({
      from: "updated",
      at: report.at,
      reason: Prisma.sql`e.end_reason`,
      source: report.source,
      details: Prisma.sql`jsonb_build_object('dwellSeconds', ${report.sessionSeconds}::int, 'bytesIn', e.bytes_in, 'bytesOut', e.bytes_out)`,
      where: Prisma.sql`WHERE e.ended_now`,
    })})
    -- (Data-modifying WITH parts run to completion whether or not this reads them.)
    SELECT u.id, u.ended_now AS ended FROM updated u`;
  const [row] = rows;
  if (!row) return { recorded: false, reason: report.sessionId ? "no granted session with this id" : "no granted session for this device" };
  return { recorded: true, sessionId: row.id, status: report.status, ended: row.ended };
}
